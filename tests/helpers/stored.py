"""What an intake server really stored for a tus upload, read from its data folder or its object store.

On object storage an unfinished upload cannot be read back as one object: its committed parts are checked
against the expected bytes by their ETags (the MD5 of each part's content) and its tail object byte for
byte, using the part list the server committed to its database; a finished one is read whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Iterator

from tests.helpers.server import IntakeServer


def upload_id(url: str) -> str:
    """The server id at the end of an upload URL."""
    return url.rstrip("/").rsplit("/", 1)[-1]


def _row(server: IntakeServer, uid: str) -> tuple[int, str, str | None, list[tuple[int, int, str]]]:
    from sqlalchemy import create_engine, text

    engine = create_engine(server.database_url)
    try:
        with engine.connect() as connection:
            offset, state, tail = connection.execute(
                text("SELECT offset_bytes, state, tail_key FROM uploads WHERE id = :id"), {"id": uid}
            ).one()
            parts = connection.execute(
                text(
                    "SELECT number, size_bytes, etag FROM upload_parts WHERE upload_id = :id ORDER BY number"
                ),
                {"id": uid},
            ).all()
        return int(offset), str(state), tail, [(int(n), int(s), str(e)) for n, s, e in parts]
    finally:
        engine.dispose()


def upload_holds(server: IntakeServer, url: str, expected: bytes) -> bool:
    """True when the upload's committed bytes are exactly ``expected``."""
    uid = upload_id(url)
    if server.store is None:
        return (server.data_dir / "uploads" / uid).read_bytes() == expected
    key = f"intake/uploads/{uid}"
    offset, state, tail, parts = _row(server, uid)
    if offset != len(expected):
        return False
    if state == "finished":
        return server.store.read(server.bucket, key) == expected
    at = 0
    for _number, size, etag in parts:
        if etag.strip('"') != hashlib.md5(expected[at : at + size]).hexdigest():
            return False
        at += size
    rest = expected[at:]
    if tail is None:
        return rest == b""
    return server.store.read(server.bucket, tail) == rest


def upload_gone(server: IntakeServer, url: str) -> bool:
    """True when nothing of the upload is left in storage (file, objects, multipart upload)."""
    uid = upload_id(url)
    if server.store is None:
        return not any(p.name.startswith(uid) for p in (server.data_dir / "uploads").iterdir())
    objects = server.store.objects(server.bucket)
    multipart = server.store.multipart_uploads(server.bucket)
    return not any(uid in key for key in objects) and not any(uid in key for key, _ in multipart)


def wait_until_writing(server: IntakeServer, url: str, size: int, timeout_s: float = 15.0) -> None:
    """Waits until a PATCH is inside its body with ``size`` bytes received (the upload's lock held).

    Data folder: the file has grown to ``size``. Object storage: the bytes stay in the server's memory until
    a part is full, so what can be seen is the PATCH holding the upload's advisory lock; the bytes already
    sent reach it before any close of the connection does.
    """
    deadline = time.monotonic() + timeout_s
    if server.store is None:
        path = server.data_dir / "uploads" / upload_id(url)
        while path.stat().st_size != size:
            assert time.monotonic() < deadline, f"the server wrote {path.stat().st_size} of {size} bytes"
            time.sleep(0.02)
        return
    while not _advisory_lock_granted(server, upload_id(url)):
        assert time.monotonic() < deadline, "the PATCH never took the upload's lock"
        time.sleep(0.02)
    time.sleep(0.3)  # let the bytes already sent be read


def _advisory_lock_granted(server: IntakeServer, uid: str) -> bool:
    import psycopg

    from server.locks.postgres import libpq_url, lock_key

    key = lock_key("upload", uid)
    with psycopg.connect(libpq_url(server.database_url)) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = %s",
            (key,),
        ).fetchone()
    return bool(row and row[0])


@contextlib.contextmanager
def upload_lock_held(server: IntakeServer, url: str) -> Iterator[None]:
    """Holds the upload's lock as another server process or replica writing to it would."""
    uid = upload_id(url)
    if server.store is None and not server.database_url:
        import fcntl

        with (server.data_dir / "uploads" / f"{uid}.lock").open("r+") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            yield
        return
    import psycopg

    from server.locks.postgres import libpq_url, lock_key

    with psycopg.connect(libpq_url(server.database_url), autocommit=True) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (lock_key("upload", uid),))
        yield


def media_file_count(server: IntakeServer) -> int:
    """How many media files (videos and posters) the server holds."""
    if server.store is None:
        return len(list((server.data_dir / "media").iterdir()))
    return sum(1 for key in server.store.objects(server.bucket) if "/media/" in key)

"""The outbox's SQLite file: one row per submission and per file, with states, attempts and last errors.

The states and the transitions allowed between them are :mod:`recorder.outbox.states` (the diagram is
there); every change of a state goes through this store, which checks it against that table inside the
write transaction, so a forbidden change raises :class:`~recorder.outbox.states.ForbiddenTransition` and
changes nothing.

A cancelled version that was tried at least once may be known to the server (manifest with the person's
details, uploads): its ``discard`` is then ``pending`` until the server has discarded it (``done``), set in
the same transaction as the cancellation, so a crash or a server that is down never forgets it.

The database holds no personal details: the manifest stays in the submission folder and is deleted with
the media. The file (and SQLite's ``-wal`` and ``-shm`` beside it) is owner-only, in an owner-only folder
(:mod:`recorder.private`).

The person's withdrawal code (column ``withdrawal_token``) is stored with the confirmation only so the Done
screen can show it: :meth:`OutboxStore.take_withdrawal_code` hands it over once and erases it, and any code
nobody took is erased when the outbox is opened again (secure_delete, then the WAL is truncated, so the
file keeps no copy).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from recorder.outbox.states import (
    FINAL,
    PENDING,
    Discard,
    FileState,
    SubmissionState,
    check_discard,
    check_file,
    check_submission,
)
from recorder.private import private_file, private_folder, restrict_existing

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS submissions (
    submission_id TEXT PRIMARY KEY,
    folder TEXT NOT NULL,
    server_url TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    chunk_size_bytes INTEGER,
    reference TEXT,
    withdrawal_token TEXT,
    created_utc TEXT NOT NULL,
    updated_utc TEXT NOT NULL,
    confirmed_utc TEXT,
    deleted_utc TEXT,
    discard TEXT
);
CREATE INDEX IF NOT EXISTS submissions_folder ON submissions (folder);
CREATE TABLE IF NOT EXISTS files (
    submission_id TEXT NOT NULL REFERENCES submissions (submission_id) ON DELETE CASCADE,
    take_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    state TEXT NOT NULL,
    upload_url TEXT,
    offset_bytes INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    PRIMARY KEY (submission_id, take_id)
);
"""


class AlreadyConfirmed(Exception):  # noqa: N818 - a state, not a failure of the store
    """A version to be superseded was confirmed by the server first; ``args[0]`` is its submission id."""


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class FileRecord:
    """One file of a submission as stored."""

    submission_id: str
    take_id: str
    path: Path
    size_bytes: int
    sha256: str
    state: FileState
    upload_url: str | None
    offset_bytes: int
    attempts: int
    last_error: str | None


@dataclass(frozen=True)
class SubmissionRecord:
    """One submission as stored (a snapshot; read again for fresh values).

    Attributes:
        reference: the server's reference code once confirmed.
        deleted_utc: when the local files were deleted and the deletion verified.
        discard: for a cancelled version the server may know: ``pending`` until the server discarded it,
            then ``done``; None when there is nothing to discard.
    """

    submission_id: str
    folder: Path
    server_url: str
    state: SubmissionState
    attempts: int
    last_error: str | None
    chunk_size_bytes: int | None
    reference: str | None
    created_utc: str
    updated_utc: str
    confirmed_utc: str | None
    deleted_utc: str | None
    files: tuple[FileRecord, ...]
    discard: Discard | None = None

    @property
    def pending(self) -> bool:
        return self.state in PENDING

    @property
    def bytes_total(self) -> int:
        return sum(f.size_bytes for f in self.files)

    @property
    def bytes_confirmed(self) -> int:
        return sum(
            f.size_bytes if f.state in (FileState.UPLOADED, FileState.ATTACHED) else f.offset_bytes
            for f in self.files
        )


class OutboxStore:
    """Thread-safe access to the outbox database (one connection, serialised by a lock).

    Args:
        path: the SQLite file (created with its folder if absent).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        private_folder(path.parent)  # 0700 data folder, 0600 database (SQLite gives -wal/-shm its mode)
        private_file(path)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(path), timeout=30.0, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        for suffix in ("-wal", "-shm"):  # left by an earlier version with the umask's mode
            restrict_existing(path.with_name(path.name + suffix))
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA secure_delete=ON")  # an erased withdrawal code is overwritten in the file
        self._db.executescript(_SCHEMA)
        self._upgrade()
        self.forget_withdrawal_codes()  # from an earlier run: whoever could have been shown them has gone

    def _upgrade(self) -> None:
        """Brings an outbox file written by an earlier version up to :data:`SCHEMA_VERSION`."""
        with self.transaction() as db:
            columns = {row["name"] for row in db.execute("PRAGMA table_info(submissions)")}
            if "discard" not in columns:
                db.execute("ALTER TABLE submissions ADD COLUMN discard TEXT")
                # Schema 1 never discarded anything on the server: versions cancelled after being tried
                # may still be there with the person's details, so they are discarded from now on.
                db.execute(
                    "UPDATE submissions SET discard = ? WHERE state = ? AND attempts > 0",
                    (Discard.PENDING, SubmissionState.CANCELLED),
                )
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): other processes wait instead of failing."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # -- writes -----------------------------------------------------------------------------------------
    def insert(
        self,
        submission_id: str,
        folder: Path,
        server_url: str,
        files: Sequence[dict[str, Any]],
        *,
        supersedes: Sequence[str] = (),
    ) -> None:
        """Add a queued submission; in the same transaction, cancel the older versions it ``supersedes``.

        One transaction, so a crash leaves either the old version queued or the new one, never neither and
        never both.

        Raises:
            AlreadyConfirmed: an old version was confirmed meanwhile (nothing is changed: sending the new
                one too would give the server two submissions of one folder).
        """
        now = utc_now()
        with self.transaction() as db:
            for old in supersedes:
                if self._state_in(db, old) is SubmissionState.CONFIRMED:
                    raise AlreadyConfirmed(old)
                self._cancel_in(db, old, now)
            db.execute(
                "INSERT INTO submissions (submission_id, folder, server_url, state, created_utc, "
                "updated_utc) VALUES (?, ?, ?, ?, ?, ?)",
                (submission_id, str(folder), server_url, SubmissionState.QUEUED, now, now),
            )
            for position, f in enumerate(files):
                db.execute(
                    "INSERT INTO files (submission_id, take_id, position, path, size_bytes, sha256, state) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (submission_id, f["take_id"], position, str(f["path"]), f["size_bytes"], f["sha256"],
                     FileState.QUEUED),
                )  # fmt: skip

    def update_submission(self, submission_id: str, **fields: Any) -> None:
        """Change a submission's columns; a ``state`` or ``discard`` is checked against the tables.

        Raises:
            ForbiddenTransition: the change of state is not allowed (nothing is changed).
        """
        with self.transaction() as db:
            self._update_in(db, submission_id, fields)

    def set_state_unless(
        self, submission_id: str, state: SubmissionState, unless: Sequence[SubmissionState], **fields: Any
    ) -> bool:
        """Set ``state`` (and fields) unless the current state is in ``unless``; True if it changed.

        Raises:
            ForbiddenTransition: the current state is not in ``unless`` and may not change to ``state``.
        """
        with self.transaction() as db:
            if self._state_in(db, submission_id) in unless:
                return False
            return self._update_in(db, submission_id, {"state": state, **fields})

    def cancel(self, submission_id: str) -> bool:
        """Cancel a version not yet confirmed; one the server may know gets ``discard = 'pending'`` with it.

        Returns:
            True when it changed (False: confirmed, cancelled already, or unknown).
        """
        with self.transaction() as db:
            return self._cancel_in(db, submission_id, utc_now())

    def discard_pending(self) -> list[SubmissionRecord]:
        """Cancelled versions the server may still hold, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM submissions WHERE discard = ? ORDER BY created_utc, rowid", (Discard.PENDING,)
            ).fetchall()
            return [self._record(row) for row in rows]

    def update_file(self, submission_id: str, take_id: str, **fields: Any) -> None:
        """Change a file's columns; a ``state`` is checked against the file table.

        Raises:
            ForbiddenTransition: the change of state is not allowed (nothing is changed).
        """
        where, args = "submission_id = ? AND take_id = ?", (submission_id, take_id)
        with self.transaction() as db:
            if "state" in fields:
                row = db.execute(f"SELECT state FROM files WHERE {where}", args).fetchone()
                if row is None:
                    return
                fields = {**fields, "state": check_file(row["state"], fields["state"])}
            _set(db, "files", where, args, fields)

    def retarget(self, submission_id: str, server_url: str) -> None:
        """Point a pending submission at another server: every file starts again there."""
        with self.transaction() as db:
            self._update_in(db, submission_id, {"server_url": server_url, "state": SubmissionState.QUEUED})
            files = db.execute("SELECT state FROM files WHERE submission_id = ?", (submission_id,))
            for row in files.fetchall():
                check_file(row["state"], FileState.QUEUED)
            db.execute(
                "UPDATE files SET state = ?, upload_url = NULL, offset_bytes = 0 WHERE submission_id = ?",
                (FileState.QUEUED, submission_id),
            )

    # -- checked changes (inside a transaction) -------------------------------------------------------
    @staticmethod
    def _state_in(db: sqlite3.Connection, submission_id: str) -> SubmissionState | None:
        row = db.execute("SELECT state FROM submissions WHERE submission_id = ?", (submission_id,)).fetchone()
        return None if row is None else SubmissionState(row["state"])

    def _update_in(self, db: sqlite3.Connection, submission_id: str, fields: dict[str, Any]) -> bool:
        """Check and write ``fields``; False when there is no such submission."""
        row = db.execute(
            "SELECT state, discard FROM submissions WHERE submission_id = ?", (submission_id,)
        ).fetchone()
        if row is None:
            return False
        if "state" in fields:
            fields = {**fields, "state": check_submission(row["state"], fields["state"])}
        if "discard" in fields and fields["discard"] != row["discard"]:
            fields = {**fields, "discard": check_discard(row["discard"], fields["discard"])}
        _set(db, "submissions", "submission_id = ?", (submission_id,), {**fields, "updated_utc": utc_now()})
        return True

    def _cancel_in(self, db: sqlite3.Connection, submission_id: str, now: str) -> bool:
        row = db.execute(
            "SELECT state, attempts, discard FROM submissions WHERE submission_id = ?", (submission_id,)
        ).fetchone()
        if row is None or SubmissionState(row["state"]) in FINAL:
            return False
        fields: dict[str, Any] = {"state": SubmissionState.CANCELLED}
        if row["attempts"] > 0:  # it was tried, so the server may know it (counted before any request)
            fields["discard"] = Discard.PENDING
        return self._update_in(db, submission_id, fields)

    def bump_attempts(self, submission_id: str) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE submissions SET attempts = attempts + 1, updated_utc = ? WHERE submission_id = ?",
                (utc_now(), submission_id),
            )

    # -- reads ------------------------------------------------------------------------------------------
    def get(self, submission_id: str) -> SubmissionRecord | None:
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM submissions WHERE submission_id = ?", (submission_id,)
            ).fetchone()
            return self._record(row) if row is not None else None

    def all(self) -> list[SubmissionRecord]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM submissions ORDER BY created_utc, rowid").fetchall()
            return [self._record(row) for row in rows]

    def by_folder(self, folder: Path) -> list[SubmissionRecord]:
        """Submissions queued from ``folder``, newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM submissions WHERE folder = ? ORDER BY created_utc DESC, rowid DESC",
                (str(folder),),
            ).fetchall()
            return [self._record(row) for row in rows]

    def _record(self, row: sqlite3.Row) -> SubmissionRecord:
        files = self._db.execute(
            "SELECT * FROM files WHERE submission_id = ? ORDER BY position", (row["submission_id"],)
        ).fetchall()
        return SubmissionRecord(
            submission_id=row["submission_id"],
            folder=Path(row["folder"]),
            server_url=row["server_url"],
            state=SubmissionState(row["state"]),
            attempts=row["attempts"],
            last_error=row["last_error"],
            chunk_size_bytes=row["chunk_size_bytes"],
            reference=row["reference"],
            created_utc=row["created_utc"],
            updated_utc=row["updated_utc"],
            confirmed_utc=row["confirmed_utc"],
            deleted_utc=row["deleted_utc"],
            discard=None if row["discard"] is None else Discard(row["discard"]),
            files=tuple(
                FileRecord(
                    submission_id=f["submission_id"],
                    take_id=f["take_id"],
                    path=Path(f["path"]),
                    size_bytes=f["size_bytes"],
                    sha256=f["sha256"],
                    state=FileState(f["state"]),
                    upload_url=f["upload_url"],
                    offset_bytes=f["offset_bytes"],
                    attempts=f["attempts"],
                    last_error=f["last_error"],
                )
                for f in files
            ),
        )

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            return None if row is None else str(row["value"])

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def take_withdrawal_code(self, submission_id: str) -> str | None:
        """The withdrawal code stored at confirmation, erased as it is handed over (None: none kept)."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT withdrawal_token FROM submissions WHERE submission_id = ?", (submission_id,)
            ).fetchone()
            code = None if row is None else row["withdrawal_token"]
            if code is not None:
                db.execute(
                    "UPDATE submissions SET withdrawal_token = NULL WHERE submission_id = ?", (submission_id,)
                )
        if code is not None:
            self._truncate_wal()
        return code

    def forget_withdrawal_codes(self, submission_id: str | None = None) -> None:
        """Erase the withdrawal code of one submission (None: of every submission) without handing it over."""
        sql = "UPDATE submissions SET withdrawal_token = NULL WHERE withdrawal_token IS NOT NULL"
        args: tuple[str, ...] = ()
        if submission_id is not None:
            sql, args = sql + " AND submission_id = ?", (submission_id,)
        with self.transaction() as db:
            changed = db.execute(sql, args).rowcount
        if changed:
            self._truncate_wal()

    def _truncate_wal(self) -> None:
        """Checkpoint and empty the write-ahead log, which still holds the page as it was before."""
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _set(
    db: sqlite3.Connection, table: str, where: str, args: tuple[Any, ...], fields: dict[str, Any]
) -> None:
    names = ", ".join(f"{k} = ?" for k in fields)
    db.execute(f"UPDATE {table} SET {names} WHERE {where}", (*fields.values(), *args))

"""The log file: secrets and the person's details planted in every logged field never reach it; rotation."""

from __future__ import annotations

import json
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from recorder import logs
from recorder.redact import Redactor

NAME = "Priya Shah"
JOB = "Senior Staff Nurse"
EMPLOYER = "Bradford Teaching Hospitals"
UPLOAD_KEY = "vbk_live_7f3a9c"  # short and lower-case: only known because it is registered from config
BEARER = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyZXZpZXdlciJ9.c2lnbmF0dXJl"
PASSWORD = "correct-horse-battery"
EMAIL = "priya.shah@bradford.nhs.uk"
WITHDRAWAL = "Wd7Kq2Lm9Xp4Rt8Vb3Nc6Zs1"
PROXY_PASSWORD = "Pr0xyPa55"
PLANTED = (
    NAME,
    "Priya",
    "Shah",
    JOB,
    EMPLOYER,
    UPLOAD_KEY,
    BEARER,
    PASSWORD,
    EMAIL,
    WITHDRAWAL,
    PROXY_PASSWORD,
)


class EveryField(logging.Handler):
    """A handler that writes *every* attribute of each record (like a JSON log shipper would)."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.addFilter(logs.RedactingFilter(redactor))

    def emit(self, record: logging.LogRecord) -> None:
        formatted = logging.Formatter("%(message)s").format(record)
        self.lines.append(formatted + " " + json.dumps(vars(record), default=repr))


class Person:
    def __init__(self) -> None:
        self.name = ""
        self.job_title = ""
        self.employer = ""


class Upload:
    """An object logged through ``extra`` whose repr carries secrets."""

    def __repr__(self) -> str:
        return f"Upload(key={UPLOAD_KEY!r}, owner={NAME!r})"


@pytest.fixture
def redactor() -> Redactor:
    return Redactor()


@pytest.fixture
def log_dir(tmp_path: Path, redactor: Redactor) -> Iterator[Path]:
    folder = tmp_path / "logs"
    saved_hooks = (sys.excepthook, threading.excepthook)
    try:
        yield folder
    finally:
        logs.teardown_logging()
        sys.excepthook, threading.excepthook = saved_hooks


def leaks(text: str) -> list[str]:
    return [secret for secret in PLANTED if secret.lower() in text.lower()]


def fail_upload() -> None:
    raise ConnectionError(f"upload for {NAME} refused: Authorization: Bearer {BEARER}")


def test_planted_secrets_in_every_field_never_reach_the_file_console_or_any_handler(
    log_dir: Path, redactor: Redactor, capsys: pytest.CaptureFixture[str]
) -> None:
    person = Person()
    redactor.add_source(lambda: [person.name], words=True)
    redactor.add_source(lambda: [person.job_title, person.employer])
    logs.register_config_secrets({"upload_key": UPLOAD_KEY, "server_url": "https://x.example"}, redactor)
    path = logs.setup_logging(log_dir=log_dir, redactor=redactor)
    assert path == log_dir / logs.LOG_FILE_NAME
    every = EveryField(redactor)
    logging.getLogger().addHandler(every)
    log = logging.getLogger("recorder.test_logs")
    try:
        # The person types their details after start-up: the sources pick them up.
        person.name, person.job_title, person.employer = NAME, JOB, EMPLOYER
        log.info(f"message text: {NAME} {JOB} at {EMPLOYER}, key {UPLOAD_KEY}")
        log.info("positional args: %s %s %s", NAME, f"password={PASSWORD}", EMAIL)
        log.info("dict args: %(who)s %(auth)s", {"who": NAME, "auth": f"Authorization: Bearer {BEARER}"})
        log.warning(
            "extra fields",
            extra={
                "person": NAME,
                "headers": {"Authorization": f"Bearer {BEARER}", "X-Job": JOB},
                "emails": [EMAIL],
                "upload": Upload(),
                "body": json.dumps({"withdrawal_token": WITHDRAWAL}),
            },
        )
        try:
            try:
                fail_upload()
            except ConnectionError as inner:
                error = ValueError(f"could not send for {NAME.upper()} ({EMAIL})")
                error.add_note(f"proxy was http://{NAME.split()[0]}:{PROXY_PASSWORD}@proxy.nhs.example:8080")
                raise error from inner
        except ValueError:
            log.exception("exception text, chained cause and notes")
        log.info("stack info for %s", NAME, stack_info=True)
        worker = threading.Thread(target=lambda: log.error("from a thread"), name=f"send-{NAME}")
        worker.start()
        worker.join()
        # An uncaught exception in a thread goes through the installed hook into the file, redacted.
        logs.install_excepthooks()
        crash = threading.Thread(target=fail_upload, name="crashing")
        crash.start()
        crash.join()
    finally:
        logging.getLogger().removeHandler(every)
    text = path.read_text(encoding="utf-8")
    console = capsys.readouterr().err
    assert leaks(text) == [] and leaks(console) == [] and leaks("\n".join(every.lines)) == []
    # What support needs is still there.
    for fragment in (
        "message text: [redacted personal detail]",
        "positional args: [redacted personal detail] password=[redacted] [redacted email]",
        "dict args: [redacted personal detail] Authorization: Bearer [redacted]",
        "exception text, chained cause and notes",
        "ConnectionError: upload for [redacted personal detail] refused",
        "The above exception was the direct cause",
        "proxy was http://[redacted]@proxy.nhs.example:8080",
        "stack info for [redacted personal detail]",
        "[redacted personal detail] (",
        "Unexpected error in thread crashing",
        "send-[redacted personal detail]",
    ):
        assert fragment in text, fragment
    assert '"person": "[redacted personal detail]"' in every.lines[3]
    assert "Upload(key=" in every.lines[3]


def test_rotation_keeps_five_old_files_and_survives_a_rotation_that_fails(
    log_dir: Path, redactor: Redactor, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(logs, "MAX_LOG_BYTES", 2000)
    path = logs.setup_logging(log_dir=log_dir, console=False, redactor=redactor)
    assert path is not None
    log = logging.getLogger("recorder.rotation")
    for i in range(200):
        log.info("line %04d %s", i, "x" * 60)
    rotated = sorted(p.name for p in log_dir.iterdir())
    assert rotated == [f"voicebooth.log{s}" for s in ("", ".1", ".2", ".3", ".4", ".5")]
    # A rotation that the OS refuses (here: a folder where the oldest file must be replaced; on Windows:
    # another Voicebooth process holding the file) must not stop logging or spray errors on stderr.
    for old in log_dir.glob("voicebooth.log.*"):
        old.unlink()
    (log_dir / "voicebooth.log.1").mkdir()
    (log_dir / "voicebooth.log.1" / "keep").write_text("x")
    for i in range(100):
        log.info("after %04d %s", i, "y" * 60)
    assert "after 0099" in path.read_text(encoding="utf-8")
    assert "Logging error" not in capsys.readouterr().err


def test_an_unwritable_log_folder_falls_back_to_the_console_with_a_plain_warning(
    tmp_path: Path, log_dir: Path, redactor: Redactor, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    assert logs.setup_logging(log_dir=not_a_folder / "logs", redactor=redactor) is None
    assert logs.current_log_path() is None
    logging.getLogger("recorder.x").warning("still logging")
    err = capsys.readouterr().err
    assert "cannot be written" in err and "logging to the console" in err and "still logging" in err


def test_log_dir_from_the_environment_and_setup_is_replaceable(
    tmp_path: Path, log_dir: Path, redactor: Redactor
) -> None:
    assert logs.default_log_dir({"VOICEBOOTH_LOG_DIR": str(tmp_path / "it")}) == tmp_path / "it"
    assert logs.default_log_dir({}).name.lower() in ("log", "logs")
    first = logs.setup_logging(log_dir=tmp_path / "a", console=False, redactor=redactor)
    second = logs.setup_logging(log_dir=tmp_path / "b", console=False, redactor=redactor)
    logging.getLogger("recorder.y").info("only in b")
    assert first is not None and second is not None
    assert "only in b" not in first.read_text(encoding="utf-8")
    assert "only in b" in second.read_text(encoding="utf-8")
    assert logs.current_log_path() == second


def test_tail_lines_reads_only_the_end(tmp_path: Path) -> None:
    path = tmp_path / "big.log"
    path.write_text("".join(f"line {i}\n" for i in range(100_000)), encoding="utf-8")
    assert logs.tail_lines(path, 3) == ["line 99997", "line 99998", "line 99999"]
    assert logs.tail_lines(tmp_path / "missing.log", 3) == []

"""Logging for the app and its commands: a rotating file in the user log dir, redacted at the boundary.

:func:`setup_logging` is called once by the ``voicebooth`` entry point (``ui/launcher.py``); modules just use
``logging.getLogger(__name__)`` and never configure logging themselves. Every handler it installs carries a
:class:`RedactingFilter`, so tokens, keys, passwords, e-mail addresses and the person's details (registered
with :data:`recorder.redact.REDACTOR`) are removed from the message, its arguments, exception text, stack
and ``extra`` fields before anything is written.

Where the file is (IT-GUIDE.md "Logs"): ``VOICEBOOTH_LOG_DIR`` when set, else the platform's user log dir
(``~/.local/state/Voicebooth/log`` on Linux, ``%LOCALAPPDATA%\\Voicebooth\\Logs`` on Windows). The file is
``voicebooth.log``, 2 MiB, with 5 older files kept (``voicebooth.log.1`` ...).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

import platformdirs

from recorder.redact import REDACTOR, Redactor

APP_NAME = "Voicebooth"
LOG_DIR_ENV = "VOICEBOOTH_LOG_DIR"
LOG_LEVEL_ENV = "VOICEBOOTH_LOG_LEVEL"
LOG_FILE_NAME = "voicebooth.log"
MAX_LOG_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"

#: LogRecord attributes that are not ``extra`` fields (``message``/``asctime`` appear after formatting).
_STANDARD_ATTRS = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys() | {"message", "asctime", "taskName"}
)

_DONE = "_voicebooth_redacted"

log = logging.getLogger(__name__)


def default_log_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``VOICEBOOTH_LOG_DIR`` when set, else the platform's user log dir."""
    env = os.environ if environ is None else environ
    chosen = env.get(LOG_DIR_ENV, "").strip()
    if chosen:
        return Path(chosen)
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


class RedactingFilter(logging.Filter):
    """Redacts a record in place (message with its args, exception, stack, ``extra``); never drops it."""

    def __init__(self, redactor: Redactor = REDACTOR) -> None:
        super().__init__()
        self.redactor = redactor
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, _DONE, False):  # the first handler already did it (records are shared)
            return True
        red = self.redactor.redact
        try:
            message = record.getMessage()
        except Exception:  # bad %-args: keep what can be shown, redacted
            message = f"{record.msg!s} (arguments did not fit: {record.args!r})"
        record.msg = red(message)
        record.args = ()
        if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        record.exc_info = None  # the exception object itself may hold secrets; its text is kept
        if record.exc_text:
            record.exc_text = red(record.exc_text)
        if record.stack_info:
            record.stack_info = red(record.stack_info)
        if isinstance(getattr(record, "message", None), str):
            record.message = red(record.message)
        record.threadName = red(str(record.threadName))
        record.processName = red(str(record.processName))
        for name, value in list(vars(record).items()):
            if name not in _STANDARD_ATTRS:
                setattr(record, name, self._redact_value(value))
        setattr(record, _DONE, True)
        return True

    def _redact_value(self, value: object) -> object:
        if value is None or isinstance(value, bool | int | float):
            return value
        if isinstance(value, str):
            return self.redactor.redact(value)
        if isinstance(value, Mapping):
            return {self._redact_value(k): self._redact_value(v) for k, v in value.items()}
        if isinstance(value, list | tuple | set | frozenset):
            return [self._redact_value(item) for item in value]
        return self.redactor.redact(repr(value))


class SafeRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file that keeps writing when rotation fails.

    On Windows another Voicebooth process (the app and ``voicebooth send``) may hold the file open, so the
    rename fails; the standard handler would then print a traceback for every later record. Here the file
    just grows until a later rotation succeeds.
    """

    def doRollover(self) -> None:
        try:
            super().doRollover()
        except OSError:
            if self.stream is None or self.stream.closed:
                self.stream = self._open()
            self.maxBytes *= 2  # try again later rather than on every record


_installed: list[logging.Handler] = []
_install_lock = threading.Lock()


def setup_logging(
    *,
    log_dir: Path | None = None,
    console: bool = True,
    console_level: int = logging.NOTSET,
    level: int | None = None,
    redactor: Redactor = REDACTOR,
) -> Path | None:
    """Send every record to the log file (and stderr), redacted. Calling it again replaces the handlers.

    Args:
        log_dir: where ``voicebooth.log`` goes (default :func:`default_log_dir`).
        console: also write to stderr when there is one (a windowed Windows build has none).
        console_level: the least level written to stderr (the file still gets ``level``).
        level: root level (default INFO, or ``VOICEBOOTH_LOG_LEVEL``).
        redactor: what to redact with.

    Returns:
        The log file's path, or None when it could not be opened (then only stderr is used, and a warning
        says why).
    """
    level = level if level is not None else _env_level()
    root = logging.getLogger()
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = []
    path: Path | None = (log_dir or default_log_dir()) / LOG_FILE_NAME
    problem = ""
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            SafeRotatingFileHandler(path, maxBytes=MAX_LOG_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        )
    except OSError as error:
        problem = (
            f"The log file {path} cannot be written ({error.strerror or error}); logging to the console."
        )
        path = None
    if console and sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(console_level)
        handlers.append(stream)
    with _install_lock:
        for old in _installed:
            root.removeHandler(old)
            old.close()
        _installed.clear()
        for handler in handlers:
            handler.setFormatter(formatter)
            handler.addFilter(RedactingFilter(redactor))
            root.addHandler(handler)
            _installed.append(handler)
        root.setLevel(level)
    logging.captureWarnings(True)
    if problem:
        log.warning("%s", problem)
    return path


def teardown_logging() -> None:
    """Remove and close the handlers :func:`setup_logging` installed (tests)."""
    root = logging.getLogger()
    with _install_lock:
        for handler in _installed:
            root.removeHandler(handler)
            handler.close()
        _installed.clear()
    logging.captureWarnings(False)


def current_log_path() -> Path | None:
    """The file the installed handlers write to, if any."""
    for handler in _installed:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def _env_level() -> int:
    name = os.environ.get(LOG_LEVEL_ENV, "INFO").strip().upper()
    value = logging.getLevelName(name)
    return value if isinstance(value, int) else logging.INFO


def install_excepthooks() -> None:
    """Log uncaught exceptions (main thread and other threads) so they reach the file, redacted."""

    def main_hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        logging.getLogger("voicebooth").critical("Unexpected error", exc_info=(kind, error, tb))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "unknown"
        logging.getLogger("voicebooth").critical(
            "Unexpected error in thread %s",
            name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )

    sys.excepthook = main_hook
    threading.excepthook = thread_hook


def register_config_secrets(values: Mapping[str, object], redactor: Redactor = REDACTOR) -> None:
    """Never log the configured upload key (it is a secret whatever its shape)."""
    key = values.get("upload_key")
    if isinstance(key, str) and key:
        redactor.add_value(key)


def register_person_details(person: Mapping[str, object] | None, redactor: Redactor = REDACTOR) -> None:
    """Never log a person's details, as soon as they are read (a ``--details`` file, a queued manifest).

    Args:
        person: a manifest's ``person`` record: ``{"name": {"value": ..., "show": ...}, "job_title": ...,
            "employer": ...}`` (objects with a ``value`` attribute work too). The name is also redacted
            word by word ("Priya" alone), the other details as a whole.
        redactor: where to register them.
    """
    for key, field in (person or {}).items():
        value = field.get("value") if isinstance(field, Mapping) else getattr(field, "value", None)
        if isinstance(value, str) and value.strip():
            redactor.add_value(value, words=key == "name")


def tail_lines(path: Path, max_lines: int, *, max_bytes: int = 256 * 1024) -> list[str]:
    """The last ``max_lines`` lines of a text file (reads at most ``max_bytes`` from its end)."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - max_bytes))
            data = handle.read()
    except OSError:
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    if size > max_bytes and lines:
        lines = lines[1:]  # the first line read is probably partial
    return lines[-max_lines:]

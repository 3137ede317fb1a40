"""Self-test results: one line per check, a readable report, and the exit code IT scripts rely on."""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from recorder.redact import redact

log = logging.getLogger(__name__)


class Status(enum.Enum):
    """Outcome of one check. Only FAIL makes ``voicebooth --self-test`` exit non-zero."""

    PASS = 1
    WARN = 2  # works, but something IT may want to know (no camera plugged in, low disk space)
    SKIP = 3  # not applicable here (no server configured), with the reason
    FAIL = 4  # broken: the app cannot do this part of its job


@dataclass(frozen=True)
class CheckResult:
    """One check's outcome: a one-line summary and optional detail lines (plain English)."""

    name: str
    status: Status
    summary: str
    details: tuple[str, ...] = ()
    duration_s: float = 0.0


Check = Callable[[], CheckResult]


def run_check(name: str, check: Check) -> CheckResult:
    """Run one check; a check that itself crashes is a FAIL naming the error, never a traceback."""
    started = time.monotonic()
    try:
        result = check()
    except Exception as error:
        log.exception("Self-test check %s crashed", name)
        result = CheckResult(name, Status.FAIL, f"The check itself failed: {type(error).__name__}: {error}")
    return CheckResult(result.name, result.status, result.summary, result.details, time.monotonic() - started)


def run_checks(checks: Iterable[tuple[str, Check]]) -> list[CheckResult]:
    """Run every check in order (a failure never stops the others)."""
    return [run_check(name, check) for name, check in checks]


def exit_code(results: Iterable[CheckResult]) -> int:
    """0 when nothing failed, 1 otherwise."""
    return 1 if any(r.status is Status.FAIL for r in results) else 0


def format_report(header: str, results: list[CheckResult]) -> str:
    """The readable report (redacted: it is pasted into tickets)."""
    width = max((len(r.name) for r in results), default=10)
    lines = [header, ""]
    for result in results:
        lines.append(f"{result.status.name:<4}  {result.name:<{width}}  {result.summary}")
        lines += [f"{'':<4}  {'':<{width}}    {detail}" for detail in result.details]
    counts = {status: sum(r.status is status for r in results) for status in Status}
    failed = counts[Status.FAIL]
    lines += [
        "",
        f"Result: {'FAILED' if failed else 'OK'} - {counts[Status.PASS]} passed, {failed} failed, "
        f"{counts[Status.WARN]} warnings, {counts[Status.SKIP]} not applicable.",
    ]
    return redact("\n".join(lines))

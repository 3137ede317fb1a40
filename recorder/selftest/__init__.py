"""``voicebooth --self-test``: checks that an installed Voicebooth can do its job on this PC, without Qt.

:func:`core_checks` lists the checks in report order; ``ui/selftest.py`` adds the Qt platform check and
prints the report. Exit code: 0 when nothing failed, 1 otherwise (IT-GUIDE.md "Self-test").
"""

from __future__ import annotations

from recorder.selftest.checks import (
    SelfTestContext,
    app_version,
    check_build,
    check_cameras,
    check_campaign,
    check_config,
    check_data_folder,
    check_ffmpeg,
    check_logs,
    check_microphones,
)
from recorder.selftest.network import check_server, check_tls
from recorder.selftest.report import Check, CheckResult, Status, exit_code, format_report, run_checks

__all__ = [
    "Check",
    "CheckResult",
    "SelfTestContext",
    "Status",
    "core_checks",
    "exit_code",
    "format_report",
    "report_header",
    "run_checks",
]


def core_checks(ctx: SelfTestContext) -> list[tuple[str, Check]]:
    """The Qt-free checks, in report order (the server before TLS: TLS mentions the server's outcome)."""
    return [
        ("Build", lambda: check_build(ctx)),
        ("Configuration", lambda: check_config(ctx)),
        ("Data folder", lambda: check_data_folder(ctx)),
        ("Log file", lambda: check_logs(ctx)),
        ("Campaign pack", lambda: check_campaign(ctx)),
        ("ffmpeg", lambda: check_ffmpeg(ctx)),
        ("Cameras", lambda: check_cameras(ctx)),
        ("Microphones", lambda: check_microphones(ctx)),
        ("Intake server", lambda: check_server(ctx)),
        ("TLS trust", lambda: check_tls(ctx)),
    ]


def report_header() -> str:
    return f"Voicebooth {app_version()} self-test"

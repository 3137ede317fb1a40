"""The diagnostics report: what support needs is in it; keys, passwords, e-mails and the person are not."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from recorder import logs
from recorder.config import FilePolicy, load_config
from recorder.diagnostics import build_report
from recorder.redact import Redactor

UPLOAD_KEY = "vbk_live_55aa"
NAME = "Gwenllian Price"


def test_report_has_versions_places_settings_and_log_but_nothing_secret(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(
        'server_url = "https://intake.nhs.example"\n'
        f'upload_key = "{UPLOAD_KEY}"\n'
        'proxy = "http://svc-voicebooth:Pr0xyPass@proxy.nhs.example:8080"\n'
        'locked = ["server_url"]\ncountdown_s = "many"\n',
        encoding="utf-8",
    )
    config = load_config(
        command_line={"data_dir": str(tmp_path / "data")},
        environ={},
        policy_source=FilePolicy(policy),
        user_settings_path=tmp_path / "user.toml",
    )
    redactor = Redactor()
    redactor.add_source(lambda: [NAME], words=True)
    logs.register_config_secrets(config.network_values(), redactor)
    # A log written before redaction was in place (an old version, or a file copied in) still gets cleaned.
    log_path = tmp_path / "voicebooth.log"
    log_path.write_text(
        "".join(f"2026-11-05 10:00:{i:02d} INFO x: line {i}\n" for i in range(400))
        + f"2026-11-05 10:01:00 ERROR x: upload for {NAME} failed, Authorization: Bearer {UPLOAD_KEY}\n"
        "2026-11-05 10:01:01 ERROR x: mail gwen.price@wales.nhs.uk password=hunter2\n",
        encoding="utf-8",
    )
    report = build_report(
        config,
        log_path=log_path,
        extra_sections={"Qt": ["Platform: offscreen"]},
        log_lines=50,
        now=datetime(2026, 11, 5, 10, 2, tzinfo=UTC),
        redactor=redactor,
    )
    for secret in (UPLOAD_KEY, "Pr0xyPass", "svc-voicebooth", "Gwenllian", "Price", "gwen.price", "hunter2"):
        assert secret.lower() not in report.lower(), secret
    for fragment in (
        "Voicebooth diagnostics, 2026-11-05 10:02:00 UTC",
        "Voicebooth 0.1.0",
        f"Data folder: {tmp_path / 'data'}",
        f"IT policy: {policy}",
        "server_url = https://intake.nhs.example [IT policy, locked]",
        "upload_key = (set) [IT policy]",
        "proxy = http://[redacted]@proxy.nhs.example:8080 [IT policy]",
        "countdown_s = 3 [default]",
        "Ignored a setting in the IT policy",
        "== Qt",
        "Platform: offscreen",
        "== Last 50 log lines",
        "upload for [redacted personal detail] failed, Authorization: Bearer [redacted]",
        "line 399",
    ):
        assert fragment in report, fragment
    assert "line 349" not in report  # only the last 50 lines


def test_report_without_a_log_file_says_so(tmp_path: Path) -> None:
    config = load_config(
        environ={}, policy_source=FilePolicy(tmp_path / "none"), user_settings_path=tmp_path / "u.toml"
    )
    report = build_report(config, log_path=None)
    assert "Log file: (none)" in report and "(no log lines)" in report


def test_report_includes_what_the_running_app_logged_redacted(tmp_path: Path) -> None:
    redactor = Redactor()
    redactor.add_value(NAME, words=True)
    path = logs.setup_logging(log_dir=tmp_path / "logs", console=False, redactor=redactor)
    try:
        logging.getLogger("recorder.diagnostics_test").warning("Send failed for %s", NAME)
    finally:
        logs.teardown_logging()
    config = load_config(
        environ={}, policy_source=FilePolicy(tmp_path / "none"), user_settings_path=tmp_path / "u.toml"
    )
    report = build_report(config, log_path=path, redactor=redactor)
    assert "Send failed for [redacted personal detail]" in report and "Gwenllian" not in report

"""``voicebooth send`` through the real entry point: ``--data-dir`` chooses the outbox, and the person's
details never reach the log file, even at DEBUG level.

The person's name is planted where it really gets logged: IT scripts name submission folders after the
person, and the command logs which folder it sends. The details file (first run) and the queued manifest
(a later run that resumes without ``--details``) are where the command learns the name; from then on it
must be redacted in every record.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.helpers.sending import (
    REPO_ROOT,
    MediaCache,
    cli_env,
    details,
    make_submission,
    outbox_path,
    run_send,
    write_details,
)
from tests.helpers.server import IntakeServer

NAME = "Priya Raman-Okafor"
JOB_TITLE = "Ward Sister"
EMPLOYER = "St Elsewhere Trust"
REFERENCE = re.compile(r"^VB-[A-Z0-9]{4}-[A-Z0-9]{4}$")


def test_data_dir_option_chooses_the_outbox(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media)
    home = tmp_path / "home"
    chosen = tmp_path / "chosen-data"
    result = run_send(
        folder, module_intake_server.url, module_intake_server.upload_key, home,
        write_details(tmp_path / "details.json"), extra=("--data-dir", str(chosen)),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert REFERENCE.match(result.stdout.strip().splitlines()[-1])
    assert (chosen / "outbox.sqlite3").exists()
    assert not outbox_path(home).exists()  # the configured data folder (VOICEBOOTH_DATA_DIR) is untouched


def _planted_details(path: Path) -> Path:
    data = details()
    data["person"] = {
        "name": {"value": NAME, "show": True},
        "job_title": {"value": JOB_TITLE, "show": False},
        "employer": {"value": EMPLOYER, "show": True},
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _launcher_send(
    folder: Path, server_url: str, key: str, home: Path, log_dir: Path, details_path: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``voicebooth send`` as installed (ui.launcher sets up the redacted log file), logging at DEBUG."""
    command = [sys.executable, "-m", "ui.launcher", "send", str(folder), "--server", server_url, "--key", key]
    if details_path is not None:
        command += ["--details", str(details_path)]
    env = cli_env(home, log_dir=log_dir, log_level="DEBUG")
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=REPO_ROOT)


def _leaks(text: str) -> list[str]:
    words = [NAME, *NAME.split("-"), JOB_TITLE, EMPLOYER]
    return [w for w in words if w.lower() in text.lower()]


def test_details_never_reach_the_debug_log(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "recordings" / NAME, media)  # named after the person
    home = tmp_path / "home"
    log_dir = tmp_path / "logs"
    result = _launcher_send(
        folder, module_intake_server.url, module_intake_server.upload_key, home, log_dir,
        _planted_details(tmp_path / "details.json"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert REFERENCE.match(result.stdout.strip().splitlines()[-1])
    log_text = (log_dir / "voicebooth.log").read_text(encoding="utf-8")
    assert " DEBUG " in log_text  # DEBUG really was on
    sending = [line for line in log_text.splitlines() if "Sending submission" in line]
    assert sending and "[redacted personal detail]" in sending[0]  # the folder was logged, redacted
    assert _leaks(log_text) == [] and _leaks(result.stderr) == []


def test_a_resumed_send_learns_the_details_from_the_queued_manifest(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    """First run: the server is down, the submission stays queued. The next run has no --details."""
    folder = make_submission(tmp_path / "recordings" / NAME, media)
    home = tmp_path / "home"
    log_dir = tmp_path / "logs"
    first = _launcher_send(
        folder, "http://127.0.0.1:9", module_intake_server.upload_key, home, log_dir,
        _planted_details(tmp_path / "details.json"),
    )  # fmt: skip
    assert first.returncode == 1 and "stays queued" in first.stderr
    (log_dir / "voicebooth.log").rename(log_dir / "first.log")
    second = _launcher_send(folder, module_intake_server.url, module_intake_server.upload_key, home, log_dir)
    assert second.returncode == 0, second.stderr
    assert "Resuming submission" in second.stderr
    log_text = (log_dir / "voicebooth.log").read_text(encoding="utf-8")
    assert [line for line in log_text.splitlines() if "Sending submission" in line]
    assert _leaks(log_text) == [] and _leaks(second.stderr) == []
    assert _leaks((log_dir / "first.log").read_text(encoding="utf-8")) == []

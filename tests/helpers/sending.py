"""Submission folders with real deliverables, details files, and the ``voicebooth send`` CLI in a subprocess.

Deliverables are real H.264 High / AAC MP4s made by ffmpeg, so the intake server's probe accepts them.
``big=True`` makes a noisy high-bitrate clip (~9 MB for 3 s) so an upload lasts long enough to be
interrupted on purpose. :func:`folder_manifest` and :func:`make_outbox` give the outbox tests a manifest
for such a folder and an outbox on it; :class:`Waits` records backoff waits instead of sleeping.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import imageio_ffmpeg

from recorder.campaign import load_campaign
from recorder.net import NetworkSettings
from recorder.outbox import Outbox
from recorder.submission import TakeEntry, build_manifest, finished_takes
from recorder.upload import RetryPolicy
from tests.helpers.media import make_deliverable_mp4

REPO_ROOT = Path(__file__).resolve().parents[2]


def make_big_deliverable(path: Path, duration_s: float = 3.0, bitrate: str = "24M") -> Path:
    """A spec deliverable full of noise (hard to compress): ``duration_s`` × ``bitrate`` bytes, roughly."""
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run(
        [ffmpeg, "-y", "-loglevel", "error",
         "-f", "lavfi", "-i", f"testsrc2=size=1280x720:rate=30:duration={duration_s}",
         "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={duration_s}",
         "-vf", "noise=alls=60:allf=t", "-af", "volume=-10dB",
         "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p", "-preset", "superfast",
         "-b:v", bitrate, "-maxrate", bitrate, "-bufsize", "8M", "-r", "30",
         "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
         "-movflags", "+faststart", "-shortest", str(path)],
        check=True,
    )  # fmt: skip
    return path


def new_take_id() -> str:
    return f"t{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


def add_take(
    folder: Path, source_mp4: Path, prompt_id: str | None = "love-role", duration_s: float = 2.0
) -> Path:
    """A finished take folder under ``folder/takes`` (journal, check, a copy of ``source_mp4``)."""
    take_id = new_take_id()
    take_dir = folder / "takes" / take_id
    take_dir.mkdir(parents=True)
    shutil.copyfile(source_mp4, take_dir / "deliverable.mp4")
    journal = {"schema": 1, "take_id": take_id, "prompt_id": prompt_id, "state": "finished"}
    (take_dir / "journal.json").write_text(json.dumps(journal), encoding="utf-8")
    check = {"duration_s": duration_s, "has_video": True, "has_audio": True, "problems": []}
    (take_dir / "check.json").write_text(json.dumps(check), encoding="utf-8")
    return take_dir


@dataclass
class MediaCache:
    """Deliverables made once per test session (copied into each submission folder)."""

    folder: Path

    def small(self) -> Path:
        path = self.folder / "small.mp4"
        if not path.exists():
            make_deliverable_mp4(path, 2.0)
        return path

    def big(self) -> Path:
        path = self.folder / "big.mp4"
        if not path.exists():
            make_big_deliverable(path)
        return path


def make_submission(
    folder: Path, media: MediaCache, *, big: bool = False, prompts: tuple[str, ...] = ("love-role",)
) -> Path:
    """A submission folder with one finished take per prompt id."""
    folder.mkdir(parents=True, exist_ok=True)
    source = media.big() if big else media.small()
    for prompt_id in prompts:
        add_take(folder, source, prompt_id, duration_s=3.0 if big else 2.0)
    return folder


#: One consent time per test process: a manifest built twice for the same answers is the same manifest
#: (the outbox compares consent records; a second boundary between two builds must not make a new version).
_CONSENT_GIVEN_UTC = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def details(locale: str = "en") -> dict[str, Any]:
    """A ``--details`` object for the default campaign: a person who shares their name, all consent given."""
    campaign = load_campaign()
    consent = campaign.consent
    return {
        "campaign_id": campaign.id,
        "locale": locale,
        "person": {
            "name": {"value": "Ann O'Neil", "show": True},
            "job_title": {"value": "Nurse", "show": False},
        },
        "consent": {
            "version_id": consent.id,
            "text_sha256": consent.text_sha256(locale),
            "choices": {choice.id: True for choice in consent.choices},
            "given_utc": _CONSENT_GIVEN_UTC,
        },
    }


def write_details(path: Path, locale: str = "en") -> Path:
    path.write_text(json.dumps(details(locale)), encoding="utf-8")
    return path


def cli_env(home: Path, **settings: object) -> dict[str, str]:
    """Environment for a ``voicebooth send`` child: its own data dir, config dirs and settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOICEBOOTH_")}
    env.update(
        PYTHONPATH=str(REPO_ROOT),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data-home"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        VOICEBOOTH_DATA_DIR=str(home / "app-data"),
    )
    for key, value in settings.items():
        env[f"VOICEBOOTH_{key.upper()}"] = str(value)
    return env


def send_command(folder: Path, server_url: str, key: str, details_path: Path | None = None,
                 extra: tuple[str, ...] = ()) -> list[str]:  # fmt: skip
    command = [sys.executable, "-c", "import sys; from recorder.cli import main; sys.exit(main())",
               "send", str(folder), "--server", server_url, "--key", key, *extra]  # fmt: skip
    if details_path is not None:
        command += ["--details", str(details_path)]
    return command


def run_send(folder: Path, server_url: str, key: str, home: Path, details_path: Path | None = None,
             timeout_s: float = 120, extra: tuple[str, ...] = (),
             **settings: object) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """Run ``voicebooth send`` to completion in a child process (``extra``: more options)."""
    return subprocess.run(
        send_command(folder, server_url, key, details_path, extra),
        env=cli_env(home, **settings),
        capture_output=True,
        text=True,
        timeout=timeout_s,
        cwd=REPO_ROOT,
    )


def start_send(folder: Path, server_url: str, key: str, home: Path, details_path: Path | None = None,
               **settings: object) -> subprocess.Popen[str]:  # fmt: skip
    """Start ``voicebooth send`` in a child process (to kill it on purpose)."""
    return subprocess.Popen(
        send_command(folder, server_url, key, details_path),
        env=cli_env(home, **settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )


def outbox_path(home: Path) -> Path:
    return home / "app-data" / "outbox.sqlite3"


def folder_manifest(folder: Path) -> dict[str, Any]:
    """A manifest for every finished take in ``folder``: :func:`details`' person and consent."""
    info = details()
    campaign = load_campaign()
    entries = [
        TakeEntry(t, prompt_text=campaign.prompt("love-role").text.get("en")) for t in finished_takes(folder)
    ]
    return build_manifest(
        campaign_id=campaign.id, locale="en", person=info["person"], consent=info["consent"], takes=entries
    )


class Waits:
    """Records each backoff wait; with ``real`` it also sleeps it (for a server that needs time to return).

    Without ``real`` nothing sleeps: the clock is the one thing tests may fake.
    """

    def __init__(self, real: bool = False) -> None:
        self.delays: list[float] = []
        self.real = real

    def __call__(self, delay_s: float) -> bool:
        self.delays.append(delay_s)
        if self.real:
            time.sleep(delay_s)
        return False


def make_outbox(tmp_path: Path, server_url: str, key: str, waits: Waits | None = None, **net: Any) -> Outbox:
    """An outbox in ``tmp_path`` for ``server_url``: short timeouts, a 0.2 s first backoff."""
    net.setdefault("connect_timeout_s", 5)
    net.setdefault("read_timeout_s", 30)
    settings = NetworkSettings(server_url=server_url, upload_key=key, **net)
    return Outbox(
        tmp_path / "outbox.sqlite3", network=settings, retry=RetryPolicy(base_delay_s=0.2), wait=waits
    )

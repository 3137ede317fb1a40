"""What the intake server holds after the app sent a submission: checked from the server's side.

Used by the keyboard end-to-end test. Reads the server's own database (the manifest exactly as stored),
the review API (status, consent, takes) and every clip as the review API streams it, probed with Debian's
``ffprobe`` against the deliverable spec (DESIGN.md "The deliverable").
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import requests

from recorder.submission.schema import validate_manifest
from tests.e2e.conftest import Intake


def stored_manifest(intake: Intake, submission_id: str, reference: str) -> dict[str, Any]:
    """The manifest the server stored for ``submission_id`` (read-only look at its SQLite database)."""
    db = intake.data_dir / "voicebooth.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        row = connection.execute(
            "SELECT manifest_json, reference, status FROM submissions WHERE id = ?", (submission_id,)
        ).fetchone()
    assert row is not None and row[0], f"the server has no manifest for {submission_id}"
    assert (row[1], row[2]) == (reference, "received"), row[1:]
    manifest: dict[str, Any] = json.loads(row[0])
    return manifest


def probe(path: Path) -> dict[str, Any]:
    """ffprobe's streams and format of ``path`` as JSON."""
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_streams", "-show_format", str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    info: dict[str, Any] = json.loads(result.stdout)
    return info


def assert_deliverable(path: Path, size: tuple[int, int]) -> float:
    """Fail unless ``path`` is an H.264 High/AAC MP4 at ``size``, 30 fps, with the index at the front.

    Returns:
        The duration in seconds.
    """
    info = probe(path)
    video = [s for s in info["streams"] if s["codec_type"] == "video"]
    audio = [s for s in info["streams"] if s["codec_type"] == "audio"]
    assert len(video) == 1 and len(audio) == 1, info["streams"]
    v, a = video[0], audio[0]
    assert (v["codec_name"], v["profile"], v["pix_fmt"]) == ("h264", "High", "yuv420p"), v
    assert (v["width"], v["height"]) == size and v["r_frame_rate"] == "30/1", v
    assert (a["codec_name"], a["profile"], a["sample_rate"]) == ("aac", "LC", "48000"), a
    assert "mp4" in info["format"]["format_name"]
    head = path.read_bytes()[:1_000_000]
    assert 0 <= head.find(b"moov") < head.find(b"mdat"), "not +faststart: the index is not before the media"
    return float(info["format"]["duration"])


def check_received(
    intake: Intake, reference: str, *, prompt_ids: list[str], name: str, out_dir: Path
) -> dict[str, Any]:
    """Everything the server says about ``reference`` must show a complete, valid submission.

    Returns:
        The review API's detail of the submission.
    """
    status = requests.get(f"{intake.url}/api/v1/status/{reference}", timeout=10)
    assert status.status_code == 200 and status.json()["status"] == "received", status.text
    headers = {"Authorization": f"Bearer {intake.reviewer_token()}"}
    listing = requests.get(
        f"{intake.url}/api/v1/review/submissions", params={"q": reference}, headers=headers, timeout=10
    ).json()
    (item,) = [i for i in listing["items"] if i["reference"] == reference]
    detail: dict[str, Any] = requests.get(
        f"{intake.url}/api/v1/review/submissions/{item['submission_id']}", headers=headers, timeout=10
    ).json()

    manifest = stored_manifest(intake, item["submission_id"], reference)
    validate_manifest(manifest)  # the shared schema (CONTRACTS.md section 2)
    assert manifest["person"] == {"name": {"value": name, "show": True}}
    assert [t["prompt_id"] for t in manifest["takes"]] == prompt_ids
    assert manifest["consent"]["choices"] and all(manifest["consent"]["choices"].values())
    assert detail["consent"]["text_sha256"] == manifest["consent"]["text_sha256"]
    assert [t["prompt_id"] for t in detail["takes"]] == prompt_ids

    out_dir.mkdir(parents=True, exist_ok=True)
    for take, entry in zip(detail["takes"], manifest["takes"], strict=True):
        clip = requests.get(f"{intake.url}{take['video_url']}", headers=headers, timeout=30)
        assert clip.status_code == 200, clip.text
        path = out_dir / f"{take['take_id']}.mp4"
        path.write_bytes(clip.content)
        assert hashlib.sha256(clip.content).hexdigest() == entry["sha256"] == take["sha256"]
        assert len(clip.content) == entry["size_bytes"]
        duration_s = assert_deliverable(path, (1280, 720))
        assert abs(duration_s - entry["duration_s"]) < 0.25, (duration_s, entry["duration_s"])
    return detail

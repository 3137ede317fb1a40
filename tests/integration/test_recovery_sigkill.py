"""A recording process killed with SIGKILL mid-take is found and recovered up to (within 1 s of) the kill.

The take is recorded by a real ``voicebooth record`` process; the test kills it with SIGKILL once frames
are on disk, so nothing gets a chance to close or flush. Both processes use CLOCK_MONOTONIC, so the kill
time compares directly with the journal's ``t0_ns``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recorder.takes.journal import read_journal, write_journal
from recorder.takes.recovery import REASON_RECOVERED, RecoveryError, find_interrupted, recover_take

REPO = Path(__file__).resolve().parents[2]
FFPROBE = shutil.which("ffprobe") or "/usr/bin/ffprobe"
CLI = [sys.executable, "-c", "import sys; from recorder.cli import main; sys.exit(main(sys.argv[1:]))"]


def record_then_kill(submission_dir: Path, *, min_frames: int = 60) -> tuple[Path, int]:
    """Runs ``voicebooth record`` for up to 30 s and SIGKILLs it; returns the take folder and kill time."""
    proc = subprocess.Popen(
        [*CLI, "record", "--video", "synthetic:", "--audio", "synthetic:", "--duration", "30",
         "--out", str(submission_dir), "--size", "640x360"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            assert time.monotonic() < deadline, "the recording never got going"
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "ended early"
            journals = list(submission_dir.glob("takes/*/journal.json"))
            if journals:
                journal = json.loads(journals[0].read_text(encoding="utf-8"))
                if journal.get("frames_written", 0) >= min_frames:
                    # While its recorder lives, the take is owned, not interrupted.
                    assert find_interrupted(submission_dir) == []
                    break
            time.sleep(0.05)
        time.sleep(0.37)  # kill at an arbitrary moment between journal updates
        killed_ns = time.monotonic_ns()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return journals[0].parent, killed_ns


def ffprobe(path: Path) -> dict[str, object]:
    out = subprocess.run(
        [FFPROBE, "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    data: dict[str, object] = json.loads(out)
    return data


def test_a_killed_take_is_recovered_up_to_the_kill(tmp_path: Path) -> None:
    submission = tmp_path / "sub"
    take_dir, killed_ns = record_then_kill(submission)
    assert read_journal(take_dir)["state"] == "recording"
    assert find_interrupted(tmp_path) == [take_dir]  # found from the data folder above it, too

    deliverable = recover_take(take_dir)

    journal = read_journal(take_dir)
    recorded_s = (killed_ns - journal["t0_ns"]) / 1e9
    print(f"\nkilled {recorded_s:.3f} s into the take; recovered deliverable {deliverable.duration_s:.3f} s")
    assert recorded_s - 1.0 <= deliverable.duration_s <= recorded_s + 0.1  # ends within 1 s of the kill
    info = ffprobe(deliverable.mp4_path)
    streams = {s["codec_type"]: s for s in info["streams"]}  # type: ignore[attr-defined,index]
    assert streams["video"]["codec_name"] == "h264" and streams["video"]["profile"] == "High"
    assert streams["video"]["r_frame_rate"] == "30/1" and streams["audio"]["codec_name"] == "aac"
    assert abs(float(streams["audio"]["duration"]) - deliverable.duration_s) < 0.05
    # Playable: every frame decodes without an error.
    decode = subprocess.run(
        [shutil.which("ffmpeg") or "ffmpeg", "-v", "error", "-xerror", "-i", str(deliverable.mp4_path),
         "-f", "null", "-"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert decode.returncode == 0, decode.stderr
    assert journal["state"] == "finished" and journal["stop_reason"] == REASON_RECOVERED
    assert (take_dir / "check.json").is_file() and deliverable.poster_path.is_file()
    assert find_interrupted(tmp_path) == []


def test_voicebooth_recover_lists_and_finishes_killed_takes(tmp_path: Path) -> None:
    take_dir, _ = record_then_kill(tmp_path / "sub", min_frames=30)
    listed = subprocess.run([*CLI, "recover", str(tmp_path), "--list"], cwd=REPO, capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert listed.returncode == 0
    assert f"Interrupted: {take_dir}" in listed.stdout
    assert not (take_dir / "deliverable.mp4").exists()  # --list changes nothing

    done = subprocess.run([*CLI, "recover", str(tmp_path)], cwd=REPO, capture_output=True, text=True,
                          check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["found"] == [str(take_dir)] and summary["failed"] == []
    assert summary["recovered"][0]["deliverable"] == str(take_dir / "deliverable.mp4")
    assert summary["recovered"][0]["duration_s"] >= 1.0

    again = subprocess.run([*CLI, "recover", str(tmp_path)], cwd=REPO, capture_output=True, text=True,
                           check=False)  # fmt: skip
    assert "No interrupted recordings were found." in again.stdout


def test_a_take_killed_before_any_picture_fails_plainly(tmp_path: Path) -> None:
    # The on-disk state a crash right after start leaves: a journal saying "recording", nothing decodable.
    take_dir = tmp_path / "sub" / "takes" / "t20260101T000000-abcdef"
    take_dir.mkdir(parents=True)
    write_journal(take_dir, {"schema": 1, "take_id": take_dir.name, "state": "recording",
                             "video": {"fps": 30}, "audio": {"rate_hz": 48000, "channels": 1}})  # fmt: skip
    (take_dir / "video.mkv").write_bytes(b"\x1a\x45\xdf\xa3")  # Matroska magic, then the crash
    (take_dir / "audio.pcm").write_bytes(b"\x00" * 9601)  # a torn last sample
    assert find_interrupted(tmp_path) == [take_dir]
    with pytest.raises(RecoveryError, match="before any picture was recorded"):
        recover_take(take_dir)
    assert read_journal(take_dir)["state"] == "failed"
    assert find_interrupted(tmp_path) == []  # not offered again


def test_a_corrupt_journal_is_skipped(tmp_path: Path) -> None:
    take_dir = tmp_path / "takes" / "t20260101T000000-000000"
    take_dir.mkdir(parents=True)
    (take_dir / "journal.json").write_text("{not json")
    assert find_interrupted(tmp_path) == []

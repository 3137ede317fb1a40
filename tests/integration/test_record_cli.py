"""``voicebooth record``: one JSON summary on success; plain errors and nothing written on bad input."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.media import make_random_bytes

REPO = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-c", "import sys; from recorder.cli import main; sys.exit(main(sys.argv[1:]))"]


def record(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "record", *args], cwd=REPO, capture_output=True, text=True, timeout=120,
                          check=False)  # fmt: skip


def test_record_prints_one_json_summary(tmp_path: Path) -> None:
    out = tmp_path / "submission"
    done = record("--video", "synthetic:", "--audio", "synthetic:", "--duration", "2", "--out", str(out),
                  "--size", "640x360", "--prompt", "love-role")  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    summary = json.loads(lines[0])
    take_dir = Path(summary["take_dir"])
    assert take_dir.parent == out / "takes"
    assert summary["deliverable"] == summary["mp4_path"] == str(take_dir / "deliverable.mp4")
    assert Path(summary["poster"]).is_file() and Path(summary["deliverable"]).is_file()
    assert summary["duration_s"] == pytest.approx(2.0, abs=0.05)
    assert summary["frames_written"] == 60
    assert summary["frames_duplicated"] >= 0 and summary["frames_dropped"] >= 0
    assert abs(summary["av_offset_ms"]) <= 20
    assert summary["stop_reason"] and summary["error"] is None
    assert {"open_sources", "start", "record", "stop", "finish", "check", "total"} <= summary[
        "timings_s"
    ].keys()
    journal = json.loads((take_dir / "journal.json").read_text())
    assert journal["prompt_id"] == "love-role" and journal["state"] == "finished"
    assert (journal["video"]["width"], journal["video"]["height"]) == (640, 360)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--duration", "0"], "positive number"),
        (["--size", "640by360"], "WIDTHxHEIGHT"),
        (["--video", "camera:9"], "No camera was found"),
        (["--video", "file:{bad}"], "not a video"),
        (["--audio", "file:{bad}"], "no sound"),
        (["--video", "webcam"], "must be a source such as camera:0"),
    ],
)
def test_bad_input_is_refused_plainly_and_writes_nothing(
    tmp_path: Path, args: list[str], message: str
) -> None:
    bad = make_random_bytes(tmp_path / "clip.mp4")
    out = tmp_path / "submission"
    base = {"--video": "synthetic:", "--audio": "synthetic:", "--duration": "2", "--out": str(out)}
    for key, value in zip(args[::2], args[1::2], strict=True):
        base[key] = value.format(bad=bad)
    done = record(*[item for pair in base.items() for item in pair])
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""
    assert not out.exists()


@pytest.fixture
def immutable_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "locked"
    folder.mkdir()
    if (
        shutil.which("chattr") is None
        or subprocess.run(["chattr", "+i", str(folder)], check=False).returncode
    ):
        pytest.skip("cannot make a folder read-only for root here (chattr +i unavailable)")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=False)


def test_a_folder_that_cannot_be_written_is_refused_before_recording(immutable_dir: Path) -> None:
    done = record("--video", "synthetic:", "--audio", "synthetic:", "--duration", "2",
                  "--out", str(immutable_dir / "submission"))  # fmt: skip
    assert done.returncode == 2
    assert "cannot create the folder" in done.stderr and "Traceback" not in done.stderr
    assert list(immutable_dir.iterdir()) == []


def test_sigterm_stops_the_take_early_and_still_finishes_it(tmp_path: Path) -> None:
    out = tmp_path / "submission"
    proc = subprocess.Popen(
        [*CLI, "record", "--video", "synthetic:", "--audio", "synthetic:", "--duration", "30",
         "--out", str(out), "--size", "640x360"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not any(
            json.loads(j.read_text() or "{}").get("frames_written", 0) >= 30
            for j in out.glob("takes/*/journal.json")
        ):
            assert time.monotonic() < deadline and proc.poll() is None, "the recording never got going"
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)  # e.g. the session is logged off
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, stderr
    summary = json.loads(stdout.strip().splitlines()[-1])
    assert summary["stop_reason"] is None and 1.0 <= summary["duration_s"] < 10
    assert Path(summary["deliverable"]).is_file()

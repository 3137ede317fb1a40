"""mic: through the real QtMultimedia QAudioSource, fed a known tone by a PulseAudio pipe source.

DESIGN.md "Facts": PulseAudio runs as root in user mode with a null sink; ``module-pipe-source`` turns a
FIFO into a microphone. The capture runs in a child process whose ``PULSE_SERVER`` points at this test's
own server (QtMultimedia connects once per process), so tests in parallel never share a sound server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.pulse
REPO = Path(__file__).resolve().parents[4]
TONE_HZ = 700.0
TONE_AMPLITUDE = 8000
RATE_HZ = 48000


class Pulse:
    """A private PulseAudio server with a FIFO-fed microphone ``pipemic``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.fifo = root / "mic.fifo"
        runtime = root / "run"
        home = root / "home"
        runtime.mkdir()
        home.mkdir()
        self.env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(home),
                    "PULSE_SERVER": f"unix:{runtime}/pulse/native"}  # fmt: skip
        self.env.pop("PULSE_RUNTIME_PATH", None)
        self.proc = subprocess.Popen(
            ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit", "-n",
             "-L", "module-native-protocol-unix", "-L", "module-null-sink sink_name=vsink",
             "-L", "module-always-sink", "--log-target=stderr"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip

    def ready(self, timeout_s: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            probe = subprocess.run(["pactl", "info"], env=self.env, capture_output=True, check=False)
            if probe.returncode == 0:
                return True
            time.sleep(0.1)
        return False

    def add_pipe_mic(self) -> None:
        subprocess.run(
            ["pactl", "load-module", "module-pipe-source", "source_name=pipemic", f"file={self.fifo}",
             "format=s16le", f"rate={RATE_HZ}", "channels=1"],
            env=self.env, check=True, capture_output=True,
        )  # fmt: skip

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.stderr.read().decode("utf-8", "replace") if self.proc.stderr else ""


@pytest.fixture
def pulse() -> Iterator[Pulse]:
    if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
        pytest.skip("PulseAudio is not installed on this machine (apt-get install pulseaudio)")
    # A short private folder: the server's socket path must fit in 108 bytes.
    root = Path(tempfile.mkdtemp(prefix="vbpulse-"))
    server = Pulse(root)
    try:
        if not server.ready():
            log = server.stop()
            pytest.skip(f"PulseAudio could not start here: {log[-500:]}")
        server.add_pipe_mic()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _feed_tone(fifo: Path, stop: threading.Event) -> None:
    """Writes the tone into the FIFO in real time, 10 ms at a time (O_RDWR so opening never blocks)."""
    fd = os.open(fifo, os.O_RDWR)
    try:
        sent = 0
        started = time.monotonic()
        while not stop.is_set():
            n = np.arange(sent, sent + RATE_HZ // 100)
            block = (TONE_AMPLITUDE * np.sin(2 * np.pi * TONE_HZ * n / RATE_HZ)).astype("<i2")
            os.write(fd, block.tobytes())
            sent += block.size
            delay = started + sent / RATE_HZ - time.monotonic()
            if delay > 0:
                time.sleep(delay)
    finally:
        os.close(fd)


def test_qaudiosource_captures_the_tone_fed_into_the_pipe_microphone(pulse: Pulse, tmp_path: Path) -> None:
    stop = threading.Event()
    feeder = threading.Thread(target=_feed_tone, args=(pulse.fifo, stop), daemon=True)
    feeder.start()
    out = tmp_path / "captured.npy"
    try:
        child = subprocess.run(
            [sys.executable, "-m", "tests.unit.recorder.devices.mic_child", "pipemic", "1.5", str(out)],
            cwd=REPO, env=pulse.env, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    finally:
        stop.set()
        feeder.join(timeout=2)
    assert child.returncode == 0, child.stderr[-2000:]
    stats = json.loads(child.stdout.strip().splitlines()[-1])
    assert "mic:pipemic" in stats["listed"]
    assert (stats["rate_hz"], stats["channels"]) == (RATE_HZ, 1)
    pcm = np.load(out)[:, 0].astype(np.float64)
    assert pcm.size >= 1.2 * RATE_HZ  # ~1.5 s captured, nothing lost on the way
    tail = pcm[-RATE_HZ // 2 :]
    spectrum = np.abs(np.fft.rfft(tail * np.hanning(tail.size)))
    peak_hz = float(np.argmax(spectrum)) * RATE_HZ / tail.size
    assert abs(peak_hz - TONE_HZ) < 5
    assert 0.8 * TONE_AMPLITUDE < np.abs(tail).max() <= 1.05 * TONE_AMPLITUDE
    # Timestamps are on the shared clock: the newest block was stamped well under a second ago.
    assert stats["last_stamp_lag_ms"] is not None and 0 <= stats["last_stamp_lag_ms"] < 500


def test_an_unknown_microphone_is_refused_plainly(pulse: Pulse) -> None:
    child = subprocess.run(
        [sys.executable, "-c",
         "from recorder.devices import open_audio_source, MonotonicClock\n"
         "from recorder.ports import SourceError\n"
         "try:\n    open_audio_source('mic:no-such-mic', MonotonicClock())\n"
         "except SourceError as e:\n    print('refused:', e)\n"],
        cwd=REPO, env=pulse.env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert "refused: The microphone 'no-such-mic' was not found" in child.stdout, child.stderr[-1000:]

"""Writes a take's audio.pcm so that sample ``i`` plays at media time ``i / rate`` (same clock as the video).

Blocks arrive stamped with the clock time of their first sample. Until the video's first frame fixes media
time 0 (``t0_ns``) they are held (at most a few seconds). Then each block goes where its timestamp says:
audio before ``t0`` is cut, a late start is padded with silence; afterwards blocks are appended back to back
(the device's sample clock is steadier than any timestamp), and only a jump of more than
:data:`RESYNC_MS` (lost audio, or a device that restarted) is corrected with silence or a cut. The file is
appended and fsynced about once a second, so a crash loses at most that much. Every sample written is also
measured for loudness on the way (:class:`~recorder.media.loudness_stream.LoudnessMeter`), saved as
``loudness.json`` on close, so finishing the take needs no loudness pass over the whole recording.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from pathlib import Path

import numpy as np

from recorder.media.loudness_stream import LOUDNESS_NAME, LoudnessMeter
from recorder.ports import Pcm
from recorder.takes.files import write_json_atomic

log = logging.getLogger(__name__)

_NS_PER_S = 1_000_000_000
RESYNC_MS = 40.0
FSYNC_EVERY_S = 1.0
_MAX_HELD_S = 5.0
FLOOR_DBFS = -90.0


def peak_dbfs(pcm: Pcm) -> float:
    """Peak level of a block in dBFS (:data:`FLOOR_DBFS` for silence)."""
    if pcm.size == 0:
        return FLOOR_DBFS
    peak = int(np.max(np.abs(pcm.astype(np.int32))))
    return max(FLOOR_DBFS, 20 * math.log10(peak / 32768.0)) if peak > 0 else FLOOR_DBFS


class AudioTrack:
    """Aligns and appends PCM blocks to ``path``.

    Args:
        path: audio.pcm (created, appended).
        rate_hz: Sample rate.
        channels: Channel count.
    """

    def __init__(self, path: Path, rate_hz: int, channels: int) -> None:
        self.path = path
        self.rate_hz = rate_hz
        self.channels = channels
        self._fh = path.open("ab")
        self._t0_ns: int | None = None
        self._held: list[tuple[int, Pcm]] = []
        self.samples_written = 0
        self._meter: LoudnessMeter | None = LoudnessMeter(rate_hz, channels)
        self.first_t_ns: int | None = None
        #: Last measured (written position - captured position) in ms: >0 means the sound plays late.
        self.delay_ms = 0.0
        self._last_sync = time.monotonic()
        # set_t0 comes from the video thread while add runs on the audio thread.
        self._lock = threading.RLock()

    def set_t0(self, t0_ns: int) -> None:
        """Fixes media time 0 and writes the blocks held so far."""
        with self._lock:
            if self._t0_ns is not None:
                return
            self._t0_ns = t0_ns
            held, self._held = self._held, []
            for t_ns, pcm in held:
                self._add(t_ns, pcm)

    def add(self, t_ns: int, pcm: Pcm) -> None:
        """Places one block (holds it while ``t0`` is unknown).

        Raises:
            OSError: the disk refused the write (e.g. full).
        """
        with self._lock:
            self._add(t_ns, pcm)

    def _add(self, t_ns: int, pcm: Pcm) -> None:
        if self.first_t_ns is None:
            self.first_t_ns = t_ns
        if self._t0_ns is None:
            self._held.append((t_ns, pcm))
            while self._held and (t_ns - self._held[0][0]) / _NS_PER_S > _MAX_HELD_S:
                self._held.pop(0)
            return
        position = round((t_ns - self._t0_ns) * self.rate_hz / _NS_PER_S)
        drift = position - self.samples_written
        cut = 0
        if self.samples_written == 0 or abs(drift) > round(RESYNC_MS * self.rate_hz / 1000):
            if drift > 0:
                self._write(np.zeros((drift, self.channels), np.int16))
            elif drift < 0:
                cut = min(-drift, pcm.shape[0])
                pcm = pcm[cut:]
        if pcm.shape[0]:
            self.delay_ms = round((self.samples_written - (position + cut)) * 1000 / self.rate_hz, 2)
            self._write(np.ascontiguousarray(pcm, dtype="<i2"))
        if time.monotonic() - self._last_sync >= FSYNC_EVERY_S:
            self._sync()

    def _write(self, pcm: Pcm) -> None:
        self._fh.write(pcm.data.cast("B"))
        self.samples_written += pcm.shape[0]
        if self._meter is not None:
            try:
                self._meter.add(pcm)
            except Exception:  # the meter must never cost a sample: finishing measures the file instead
                log.exception("The loudness meter failed; the take will be measured when finished")
                self._meter = None

    def sync(self) -> None:
        """Pushes what was written to the disk."""
        with self._lock:
            self._sync()

    def _sync(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._last_sync = time.monotonic()

    def close(self) -> None:
        """Syncs and closes the file, then saves the loudness measured (safe to call twice)."""
        with self._lock:
            if self._fh.closed:
                return
            try:
                self._sync()
            finally:
                self._fh.close()
            self._save_loudness()

    def _save_loudness(self) -> None:
        if self._meter is None:
            return
        try:
            write_json_atomic(self.path.with_name(LOUDNESS_NAME), self._meter.steps().to_json())
        except OSError as exc:  # finishing measures audio.pcm itself when the file is missing
            log.info("Could not save the loudness measured while recording: %s", exc)

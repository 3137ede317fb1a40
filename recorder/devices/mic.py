"""``mic:NAME`` / ``mic:default``: a microphone through QtMultimedia's QAudioSource (no Qt GUI modules).

QAudioSource is created and polled on the thread that iterates :meth:`MicAudio.blocks` (pull mode, no
event loop needed): every 10 ms whatever the driver captured is read. Timestamps come from the sample
count since the first block, anchored once on the clock; if the driver loses audio (the count falls more
than 100 ms behind the clock) the anchor is moved so that later audio keeps its true time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import numpy as np

from recorder.messages import MessageCode
from recorder.ports import AUDIO_RATE_HZ, AudioFormat, Clock, Pcm, SourceError

_NS_PER_S = 1_000_000_000
POLL_S = 0.01
#: Re-anchor timestamps when the sample count falls this far behind the clock (audio was lost).
_REANCHOR_NS = 100_000_000
#: No data for this long while the source claims to run means the device stopped.
_STALL_S = 2.0
_APP: object = None  # the QCoreApplication this module had to create (kept alive for the process)


#: Why a take ended when the microphone stopped (its ``stop_reason``; ui/pages/take_problems.py knows them).
STOPPED_WORKING = "The microphone stopped working. Check it is still plugged in."
STOPPED_SOUND = "The microphone stopped sending sound. Check it is still plugged in."


def ensure_qt_app() -> bool:
    """Makes sure a QCoreApplication exists (QtMultimedia needs one); False when that is impossible here."""
    global _APP
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        return True
    if threading.current_thread() is not threading.main_thread():
        return False
    _APP = QCoreApplication([])
    return True


def _name_of(device: object) -> str:
    from PySide6.QtMultimedia import QAudioDevice

    assert isinstance(device, QAudioDevice)
    return bytes(device.id().data()).decode("utf-8", "replace")


def microphones() -> list[tuple[str, str]]:
    """(id, description) of every microphone QtMultimedia sees, default first."""
    if not ensure_qt_app():
        return []
    from PySide6.QtMultimedia import QMediaDevices

    inputs = QMediaDevices.audioInputs()
    default = QMediaDevices.defaultAudioInput()
    found = [(_name_of(d), d.description()) for d in inputs]
    default_id = _name_of(default) if not default.isNull() else None
    found.sort(key=lambda item: item[0] != default_id)
    return found


class MicAudio:
    """The microphone named ``name`` (its id or description) or the system default, 48 kHz int16."""

    def __init__(self, name: str, clock: Clock) -> None:
        if not ensure_qt_app():
            raise SourceError(
                "The microphone could not be opened from this part of the program.",
                code=MessageCode.MICROPHONE_UNAVAILABLE,
            )
        from PySide6.QtMultimedia import QAudioFormat, QMediaDevices

        self._clock = clock
        self._closed = threading.Event()
        if name in ("", "default"):
            device = QMediaDevices.defaultAudioInput()
            if device.isNull():
                raise SourceError(
                    "No microphone was found. Check it is plugged in and switched on, then try again.",
                    code=MessageCode.NO_MICROPHONE,
                )
        else:
            matches = [d for d in QMediaDevices.audioInputs() if name in (_name_of(d), d.description())]
            if not matches:
                raise SourceError(
                    f"The microphone {name!r} was not found. Check it is plugged in, or choose another one.",
                    code=MessageCode.MICROPHONE_NOT_FOUND,
                    params={"name": name},
                )
            device = matches[0]
        channels = 1
        fmt = QAudioFormat()
        fmt.setSampleRate(AUDIO_RATE_HZ)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        fmt.setChannelCount(1)
        if not device.isFormatSupported(fmt):
            channels = 2
            fmt.setChannelCount(2)
            if not device.isFormatSupported(fmt):
                raise SourceError(
                    "The microphone cannot record at 48 kHz. Choose another microphone.",
                    code=MessageCode.MICROPHONE_FORMAT,
                )
        self._device = device
        self._qformat = fmt
        self._format = AudioFormat(AUDIO_RATE_HZ, channels)
        self.label = device.description()

    @property
    def format(self) -> AudioFormat:
        return self._format

    def blocks(self) -> Iterator[tuple[int, Pcm]]:
        """Blocks as the driver delivers them (about every 10 ms), until :meth:`close`.

        Raises:
            SourceError: the microphone stopped delivering (unplugged, taken away, driver error).
        """
        from PySide6.QtMultimedia import QAudioSource, QtAudio

        source = QAudioSource(self._device, self._qformat)
        source.setBufferSize(AUDIO_RATE_HZ * 2 * self._format.channels // 2)  # 0.5 s of slack
        io = source.start()
        if source.error() != QtAudio.Error.NoError or io is None:
            source.stop()
            raise SourceError(
                "The microphone could not be started. It may be in use by another program.",
                code=MessageCode.MICROPHONE_IN_USE,
            )
        frame_bytes = 2 * self._format.channels
        anchor_ns: int | None = None
        samples = 0
        pending = b""
        last_data_ns = self._clock.now_ns()
        try:
            while not self._closed.wait(POLL_S):
                data = bytes(io.readAll().data())
                now = self._clock.now_ns()
                if source.error() != QtAudio.Error.NoError:
                    raise SourceError(STOPPED_WORKING, code=MessageCode.MICROPHONE_STOPPED)
                if not data:
                    if (now - last_data_ns) / 1e9 > _STALL_S:
                        raise SourceError(STOPPED_SOUND, code=MessageCode.MICROPHONE_STOPPED)
                    continue
                last_data_ns = now
                data = pending + data
                usable = len(data) - len(data) % frame_bytes
                pending = data[usable:]
                if not usable:
                    continue
                pcm = np.frombuffer(data[:usable], "<i2").reshape(-1, self._format.channels)
                block_ns = pcm.shape[0] * _NS_PER_S // AUDIO_RATE_HZ
                if anchor_ns is None:
                    anchor_ns = now - block_ns  # the block's last sample was captured about now
                expected_ns = anchor_ns + samples * _NS_PER_S // AUDIO_RATE_HZ
                if now - block_ns - expected_ns > _REANCHOR_NS:
                    anchor_ns = now - block_ns - samples * _NS_PER_S // AUDIO_RATE_HZ
                    expected_ns = now - block_ns
                yield expected_ns, pcm
                samples += pcm.shape[0]
        finally:
            source.stop()

    def close(self) -> None:
        self._closed.set()

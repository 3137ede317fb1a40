"""Typed ports through which hardware, time, the Windows registry and background work come into the core.

Real and fake implementations live behind these protocols and are chosen by URI
(``camera:0``, ``file:/path/clip.mp4``, ``synthetic:``, ``mic:default``); see ``recorder.devices``.
The app builds one of each at start-up (:class:`recorder.flow.services.FlowServices`); tests put fakes in
their place for hardware this machine does not have, and for the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from recorder.messages import CodedError

if TYPE_CHECKING:
    from typing import TypeAlias

    import numpy as np
    import numpy.typing as npt

    from recorder.devices.listing import DeviceList

    #: A BGR ``uint8`` image of shape (height, width, 3), as OpenCV produces.
    Frame: TypeAlias = npt.NDArray[np.uint8]
    #: Signed 16-bit PCM of shape (samples, channels) at :data:`AUDIO_RATE_HZ`.
    Pcm: TypeAlias = npt.NDArray[np.int16]
else:  # mypy sees the aliases above

    def __getattr__(name: str) -> object:
        """``Frame`` and ``Pcm`` at run time, made on first use: the first screen needs no numpy."""
        if name not in ("Frame", "Pcm"):
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        import numpy as np
        import numpy.typing as npt

        alias = npt.NDArray[np.uint8] if name == "Frame" else npt.NDArray[np.int16]
        globals()[name] = alias
        return alias


AUDIO_RATE_HZ = 48_000


@runtime_checkable
class Clock(Protocol):
    """Monotonic time shared by every source, so video and audio timestamps compare directly."""

    def now_ns(self) -> int:
        """Nanoseconds from an arbitrary fixed origin; never goes backwards."""
        ...

    def sleep_until_ns(self, deadline_ns: int) -> None:
        """Block until :meth:`now_ns` reaches ``deadline_ns`` (a fake clock just advances)."""
        ...


@dataclass(frozen=True)
class VideoFormat:
    width: int
    height: int
    fps: float


@dataclass(frozen=True)
class AudioFormat:
    rate_hz: int
    channels: int


class SourceError(CodedError):
    """A source cannot start or stopped delivering. ``str(error)`` is plain English for the UI.

    ``message_code`` / ``message_params`` (see :mod:`recorder.messages`) let the UI translate it.
    """


@runtime_checkable
class VideoSource(Protocol):
    """Yields ``(t_ns, frame)`` with ``t_ns`` taken from the shared clock at capture."""

    @property
    def format(self) -> VideoFormat: ...

    def frames(self) -> Iterator[tuple[int, Frame]]:
        """Frames in capture order until :meth:`close` is called or the source ends.

        Raises:
            SourceError: the source failed mid-stream (the message says why in plain English).
        """
        ...

    def close(self) -> None:
        """Stop capture and release the device; safe to call twice and from another thread."""
        ...


@runtime_checkable
class AudioSource(Protocol):
    """Yields ``(t_ns, pcm)`` blocks; ``t_ns`` is the shared-clock time of the block's first sample."""

    @property
    def format(self) -> AudioFormat: ...

    def blocks(self) -> Iterator[tuple[int, Pcm]]:
        """PCM blocks in order until :meth:`close` is called or the source ends.

        Raises:
            SourceError: the source failed mid-stream (the message says why in plain English).
        """
        ...

    def close(self) -> None:
        """Stop capture and release the device; safe to call twice and from another thread."""
        ...


@runtime_checkable
class Devices(Protocol):
    """Opens and lists cameras and microphones (:data:`recorder.devices.SYSTEM_DEVICES` in the app).

    A test may pass another implementation to stand in for hardware this machine does not have (e.g. a
    camera another program is holding).
    """

    def open_video_source(
        self, uri: str, clock: Clock, *, size: tuple[int, int] = (1280, 720), fps: float = 30.0
    ) -> VideoSource: ...

    def open_audio_source(self, uri: str, clock: Clock) -> AudioSource: ...

    def list_cameras(self) -> DeviceList: ...

    def list_microphones(self) -> DeviceList: ...


class Registry(Protocol):
    """Reads one Windows registry key's values (``hive`` is ``"HKLM"`` or ``"HKCU"``); None when absent.

    :class:`recorder.config.registry.WindowsRegistry` is the real one; machine policy and the privacy check
    both read through it.
    """

    def read_values(self, hive: str, key_path: str) -> dict[str, object] | None: ...


class Background(Protocol):
    """Runs work off the caller's thread and reports back on it (the UI's task manager in the app).

    ``on_done`` / ``on_failed`` run on the thread that called :meth:`run` (the UI thread in the app), never
    after the object that asked for the work is gone.
    """

    def run(
        self,
        work: Callable[[], Any],
        *,
        name: str,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None: ...

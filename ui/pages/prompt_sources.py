"""Which camera and microphone the flow uses, and opening them with the shared clock."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol, runtime_checkable

import recorder.devices
from recorder.devices import DeviceList, MonotonicClock
from recorder.ports import AudioSource, Clock, VideoSource
from ui.i18n import translate
from ui.pages.base import PageContext

log = logging.getLogger(__name__)


@runtime_checkable
class Devices(Protocol):
    """The four functions of :mod:`recorder.devices` the flow uses (CONTRACTS.md section 4).

    The app uses :data:`REAL_DEVICES`. A test may put another implementation in ``ctx.extras["devices"]``
    to stand in for hardware this machine does not have (e.g. a camera another program is holding).
    """

    def open_video_source(
        self, uri: str, clock: Clock, *, size: tuple[int, int] = (1280, 720), fps: float = 30.0
    ) -> VideoSource: ...

    def open_audio_source(self, uri: str, clock: Clock) -> AudioSource: ...

    def list_cameras(self) -> DeviceList: ...

    def list_microphones(self) -> DeviceList: ...


class _RecorderDevices:
    """:class:`Devices` over :mod:`recorder.devices` (looked up at call time)."""

    def open_video_source(
        self, uri: str, clock: Clock, *, size: tuple[int, int] = (1280, 720), fps: float = 30.0
    ) -> VideoSource:
        return recorder.devices.open_video_source(uri, clock, size=size, fps=fps)

    def open_audio_source(self, uri: str, clock: Clock) -> AudioSource:
        return recorder.devices.open_audio_source(uri, clock)

    def list_cameras(self) -> DeviceList:
        return recorder.devices.list_cameras()

    def list_microphones(self) -> DeviceList:
        return recorder.devices.list_microphones()


#: The real cameras and microphones (and ``synthetic:``/``file:`` sources) behind the ports.
REAL_DEVICES: Devices = _RecorderDevices()


def shared_clock(ctx: PageContext) -> Clock:
    """The one clock every source and recorder of this window uses (``ctx.extras["clock"]``)."""
    clock = ctx.extras.get("clock")
    if not isinstance(clock, Clock):
        clock = MonotonicClock()
        ctx.extras["clock"] = clock
    return clock


def chosen_uri(ctx: PageContext, key: str) -> str:
    """The source chosen this session (device check picker), else the configured one."""
    value = ctx.extras.get(key)
    return value if isinstance(value, str) else ctx.config.text(key)


def remember_uri(ctx: PageContext, key: str, uri: str) -> None:
    """Use ``uri`` from now on and remember it in the user settings (unless IT locked the key)."""
    ctx.extras[key] = uri
    if ctx.config.is_locked(key):
        return
    try:
        ctx.config.save_user_settings({key: uri})
    except Exception as error:  # not remembering is an inconvenience, not a reason to stop
        log.warning("Could not remember the %s choice: %s", key, error)


def devices(ctx: PageContext) -> Devices:
    """The devices this window uses: :data:`REAL_DEVICES` unless ``ctx.extras["devices"]`` holds another."""
    override = ctx.extras.get("devices")
    return override if isinstance(override, Devices) else REAL_DEVICES


def open_video(ctx: PageContext, uri: str) -> VideoSource:
    """Open the camera ``uri`` at the configured size (raises SourceError in plain English)."""
    return devices(ctx).open_video_source(uri, shared_clock(ctx), size=ctx.config.video_size)


def open_audio(ctx: PageContext, uri: str) -> AudioSource:
    """Open the microphone ``uri`` (raises SourceError in plain English)."""
    return devices(ctx).open_audio_source(uri, shared_clock(ctx))


def source_label(uri: str, *, camera: bool) -> str:
    """A name people understand for a source the device list does not name (translated)."""
    scheme, _, rest = uri.partition(":")
    if scheme == "synthetic":
        return (
            translate("DeviceCheckPage", "Test picture (demo)")
            if camera
            else translate("DeviceCheckPage", "Test sound (demo)")
        )
    if scheme == "file":
        return translate("DeviceCheckPage", "Recording from a file: {name}").format(name=Path(rest).name)
    if scheme == "camera" and rest.isdigit():
        return translate("DeviceCheckPage", "Camera {number}").format(number=int(rest) + 1)
    if scheme == "mic" and rest in ("", "default"):
        return translate("DeviceCheckPage", "The computer's usual microphone")
    return rest or uri

"""Cameras, microphones and the clock behind the ports, chosen by URI (DESIGN.md "Ports").

``synthetic:`` test pattern / tone, ``file:PATH`` a media file paced in real time, ``camera:N`` an OpenCV
camera, ``mic:NAME`` or ``mic:default`` a QtMultimedia microphone. Heavy modules (OpenCV, Qt) are imported
only when a source that needs them is opened.
"""

from __future__ import annotations

from recorder.devices.clock import MonotonicClock
from recorder.devices.listing import Device, DeviceList, list_cameras, list_microphones
from recorder.messages import MessageCode
from recorder.ports import AudioSource, Clock, SourceError, VideoSource

__all__ = [
    "SYSTEM_DEVICES",
    "Device",
    "DeviceList",
    "MonotonicClock",
    "SourceError",
    "list_cameras",
    "list_microphones",
    "open_audio_source",
    "open_video_source",
]


def open_video_source(
    uri: str, clock: Clock, *, size: tuple[int, int] = (1280, 720), fps: float = 30.0
) -> VideoSource:
    """Opens the camera named by ``uri``.

    Args:
        uri: ``synthetic:``, ``file:PATH`` or ``camera:N``.
        clock: The clock every source and the recorder share.
        size: Wanted (width, height); a camera may give another size (see the source's ``format``).
        fps: Wanted frame rate.

    Raises:
        SourceError: The source cannot be opened; the message is plain English.
    """
    scheme, _, rest = uri.partition(":")
    if scheme == "synthetic":
        from recorder.devices.synthetic import SyntheticVideo

        return SyntheticVideo(clock, size, fps)
    if scheme == "file":
        from recorder.devices.file_source import FileVideo, file_path_from_uri

        return FileVideo(file_path_from_uri(uri), clock, size, fps)
    if scheme == "camera":
        if not rest.strip().isdigit():
            raise SourceError(
                f"{uri!r} is not a camera: use camera:0, camera:1 and so on.",
                code=MessageCode.CAMERA_URI_INVALID,
                params={"uri": uri},
            )
        from recorder.devices.camera import CameraVideo

        return CameraVideo(int(rest), clock, size, fps)
    raise SourceError(
        f"{uri!r} is not a camera Voicebooth knows (use camera:N, file:PATH or synthetic:).",
        code=MessageCode.CAMERA_URI_INVALID,
        params={"uri": uri},
    )


def open_audio_source(uri: str, clock: Clock) -> AudioSource:
    """Opens the microphone named by ``uri``.

    Args:
        uri: ``synthetic:``, ``file:PATH`` or ``mic:NAME`` / ``mic:default``.
        clock: The clock every source and the recorder share.

    Raises:
        SourceError: The source cannot be opened; the message is plain English.
    """
    scheme, _, rest = uri.partition(":")
    if scheme == "synthetic":
        from recorder.devices.synthetic import SyntheticAudio

        return SyntheticAudio(clock)
    if scheme == "file":
        from recorder.devices.file_source import FileAudio, file_path_from_uri

        return FileAudio(file_path_from_uri(uri), clock)
    if scheme == "mic":
        from recorder.devices.mic import MicAudio

        return MicAudio(rest, clock)
    raise SourceError(
        f"{uri!r} is not a microphone Voicebooth knows (use mic:default, mic:NAME, file:PATH or synthetic:).",
        code=MessageCode.MICROPHONE_URI_INVALID,
        params={"uri": uri},
    )


class SystemDevices:
    """:class:`recorder.ports.Devices` over this module's functions (looked up at call time)."""

    def open_video_source(
        self, uri: str, clock: Clock, *, size: tuple[int, int] = (1280, 720), fps: float = 30.0
    ) -> VideoSource:
        return open_video_source(uri, clock, size=size, fps=fps)

    def open_audio_source(self, uri: str, clock: Clock) -> AudioSource:
        return open_audio_source(uri, clock)

    def list_cameras(self) -> DeviceList:
        return list_cameras()

    def list_microphones(self) -> DeviceList:
        return list_microphones()


#: The real cameras and microphones (and ``synthetic:``/``file:`` sources) behind the ports.
SYSTEM_DEVICES = SystemDevices()

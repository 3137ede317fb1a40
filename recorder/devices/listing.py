"""Lists cameras and microphones quickly, explaining an empty list in plain English.

Cameras: on Linux from sysfs (no device is opened, so listing takes milliseconds); elsewhere from
QtMultimedia, whose order matches OpenCV's camera numbers on Windows and macOS. Microphones: QtMultimedia.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from recorder.messages import MessageCode

log = logging.getLogger(__name__)

NO_CAMERA = (
    "No camera was found. Plug in a webcam (or check it is switched on), then choose Try again. "
    "If the camera is built in, check no other program is using it."
)
NO_MICROPHONE = (
    "No microphone was found. Plug in a headset or microphone (or check it is switched on), "
    "then choose Try again."
)
SYSFS_V4L = Path("/sys/class/video4linux")


@dataclass(frozen=True)
class Device:
    """One camera or microphone: the URI that opens it and a label for people."""

    uri: str
    label: str


@dataclass(frozen=True)
class DeviceList:
    """Devices found; when none, ``explanation`` says so in plain English (its code: ``explanation_code``)."""

    devices: list[Device] = field(default_factory=list)
    explanation: str | None = None
    explanation_code: MessageCode | None = None


def list_cameras(sysfs: Path = SYSFS_V4L) -> DeviceList:
    """Cameras as ``camera:N`` URIs."""
    try:
        if sys.platform.startswith("linux"):
            found = _linux_cameras(sysfs)
        else:
            found = _qt_cameras()
    except OSError as exc:  # listing is a convenience: say nothing was found rather than fail
        log.info("Listing cameras failed: %s", exc)
        found = []
    return DeviceList(found, None if found else NO_CAMERA, None if found else MessageCode.NO_CAMERA)


def list_microphones() -> DeviceList:
    """Microphones as ``mic:ID`` URIs, the system default first."""
    from recorder.devices.mic import microphones

    found = [Device(f"mic:{mic_id}", label or mic_id) for mic_id, label in microphones()]
    return DeviceList(found, None if found else NO_MICROPHONE, None if found else MessageCode.NO_MICROPHONE)


def _linux_cameras(sysfs: Path) -> list[Device]:
    if not sysfs.is_dir():
        return []
    found: list[tuple[int, Device]] = []
    for node in sysfs.iterdir():
        match = re.fullmatch(r"video(\d+)", node.name)
        if not match:
            continue
        index_file = node / "index"
        # UVC cameras expose a second node (index 1) for metadata; only index 0 gives pictures.
        if index_file.is_file() and index_file.read_text(encoding="utf-8").strip() not in ("", "0"):
            continue
        name_file = node / "name"
        label = name_file.read_text(encoding="utf-8").strip() if name_file.is_file() else node.name
        number = int(match.group(1))
        found.append((number, Device(f"camera:{number}", label or f"Camera {number}")))
    return [device for _n, device in sorted(found, key=lambda item: item[0])]


def _qt_cameras() -> list[Device]:
    from recorder.devices.mic import ensure_qt_app

    if not ensure_qt_app():
        return []
    from PySide6.QtMultimedia import QMediaDevices

    return [Device(f"camera:{i}", d.description()) for i, d in enumerate(QMediaDevices.videoInputs())]

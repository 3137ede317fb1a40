"""Names people understand for cameras and microphones the device list does not name (translated)."""

from __future__ import annotations

from pathlib import Path

from ui.i18n import translate


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

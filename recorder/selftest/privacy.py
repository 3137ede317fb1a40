"""Windows privacy settings that stop every app from using the camera or microphone, in plain English.

Group Policy "Let Windows apps access the camera" (``LetAppsAccessCamera``) set to *Force Deny* (2), or the
device-wide "Camera access" / "Let desktop apps access your camera" switches turned off, make the camera
look absent or busy to Voicebooth. The self-test names the setting so IT can change it.
"""

from __future__ import annotations

import contextlib

from recorder.messages import CodedMessage, MessageCode
from recorder.ports import Registry

APP_PRIVACY_KEY = r"SOFTWARE\Policies\Microsoft\Windows\AppPrivacy"
CONSENT_STORE_KEY = r"SOFTWARE\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore"
FORCE_DENY = 2

#: device kind -> (AppPrivacy policy value, ConsentStore capability, words for people)
DEVICES = {
    "camera": ("LetAppsAccessCamera", "webcam", "camera"),
    "microphone": ("LetAppsAccessMicrophone", "microphone", "microphone"),
}


def blocked_devices(registry: Registry | None) -> dict[str, str]:
    """Device kind -> why Windows blocks it for Voicebooth (empty when nothing blocks it)."""
    return {kind: message.text for kind, message in blocked_device_messages(registry).items()}


#: device kind -> message codes for (Group Policy, whole PC switch, this user's desktop-apps switch)
BLOCKED_CODES = {
    "camera": (
        MessageCode.CAMERA_BLOCKED_BY_POLICY,
        MessageCode.CAMERA_BLOCKED_FOR_PC,
        MessageCode.CAMERA_BLOCKED_FOR_USER,
    ),
    "microphone": (
        MessageCode.MICROPHONE_BLOCKED_BY_POLICY,
        MessageCode.MICROPHONE_BLOCKED_FOR_PC,
        MessageCode.MICROPHONE_BLOCKED_FOR_USER,
    ),
}


def blocked_device_messages(registry: Registry | None) -> dict[str, CodedMessage]:
    """As :func:`blocked_devices`, each reason with its :class:`MessageCode` (for the translated UI)."""
    if registry is None:
        return {}
    found: dict[str, CodedMessage] = {}
    policy = _read(registry, "HKLM", APP_PRIVACY_KEY)
    for kind, (policy_value, capability, words) in DEVICES.items():
        by_policy, for_pc, for_user = BLOCKED_CODES[kind]
        if _as_int(policy.get(policy_value)) == FORCE_DENY:
            setting = f"{APP_PRIVACY_KEY}\\{policy_value} = 2"
            found[kind] = CodedMessage(
                f"Windows Group Policy blocks the {words} for apps on this PC ('Let Windows apps access the "
                f"{words}' is Force Deny: {setting}). Ask IT to set it to "
                "'User is in control' or 'Force Allow'.",
                by_policy,
                {"setting": setting},
            )
            continue
        machine = _read(registry, "HKLM", f"{CONSENT_STORE_KEY}\\{capability}")
        user_desktop = _read(registry, "HKCU", f"{CONSENT_STORE_KEY}\\{capability}\\NonPackaged")
        if str(machine.get("Value", "")).lower() == "deny":
            found[kind] = CodedMessage(
                f"{words.capitalize()} access is turned off for this PC in Windows Settings > Privacy & "
                f"security > {words.capitalize()} (an administrator must turn it on).",
                for_pc,
            )
        elif str(user_desktop.get("Value", "")).lower() == "deny":
            found[kind] = CodedMessage(
                f"'Let desktop apps access your {words}' is off for this user in Windows Settings > "
                f"Privacy & security > {words.capitalize()}. Turn it on, then start Voicebooth again.",
                for_user,
            )
    return found


def _as_int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _read(registry: Registry, hive: str, key_path: str) -> dict[str, object]:
    """A key's values; empty when it is absent or cannot be read (then nothing there blocks a device)."""
    with contextlib.suppress(OSError):
        return registry.read_values(hive, key_path) or {}
    return {}

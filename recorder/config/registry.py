"""The one Windows registry reader (64-bit view): machine policy and the camera/microphone privacy check."""

from __future__ import annotations

import sys


class WindowsRegistry:
    """:class:`recorder.ports.Registry` over the real Windows registry; expands REG_EXPAND_SZ values.

    Off Windows every key is absent (None), so code that reads through the port needs no platform checks.
    """

    def read_values(self, hive: str, key_path: str) -> dict[str, object] | None:
        """All values under ``hive\\key_path`` by name (``hive`` is ``HKLM`` or ``HKCU``), or None when the
        key does not exist.

        Raises:
            OSError: the key exists but cannot be read (e.g. not allowed).
        """
        if sys.platform != "win32":
            return None
        import winreg

        root = winreg.HKEY_LOCAL_MACHINE if hive == "HKLM" else winreg.HKEY_CURRENT_USER
        try:
            key = winreg.OpenKey(root, key_path, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
        except FileNotFoundError:
            return None
        values: dict[str, object] = {}
        with key:
            index = 0
            while True:
                try:
                    name, value, kind = winreg.EnumValue(key, index)
                except OSError:
                    break
                if kind == winreg.REG_EXPAND_SZ and isinstance(value, str):
                    value = winreg.ExpandEnvironmentStrings(value)
                values[str(name)] = value
                index += 1
        return values

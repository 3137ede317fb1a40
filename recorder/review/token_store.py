"""Keeps the reviewer's sign-in token in the operating system's password store via ``keyring``.

Never in a plain file: when keyring has no usable backend (``keyring.backends.fail``, e.g. CI or a
locked-down desktop) or only a plain-text one (``keyrings.alt``'s ``PlaintextKeyring``), the token is
kept in memory for this session only and :attr:`TokenStore.persistent` says so, so the UI can tell the
reviewer they will sign in again next time. Which backend keyring uses is keyring's own configuration
(``PYTHON_KEYRING_BACKEND`` or ``keyringrc.cfg``, which IT can set); tests register an in-memory backend
with ``keyring.set_keyring``.

One entry per server: service ``voicebooth-review``, user name = the server address; the secret is a small
JSON object (token, expiry, reviewer name).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import keyring
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "voicebooth-review"
#: Backend class names that store secrets readably on disk; never used for tokens.
_PLAIN_TEXT_BACKENDS = ("PlaintextKeyring", "EncryptedKeyring", "fail.Keyring", "null.Keyring")


@dataclass(frozen=True)
class StoredSignIn:
    """A sign-in for one server."""

    token: str
    expires_utc: datetime | None
    username: str

    def expired(self, now_utc: datetime | None = None) -> bool:
        now = now_utc or datetime.now(UTC)
        return self.expires_utc is not None and self.expires_utc <= now

    def __repr__(self) -> str:  # never show the token
        return f"StoredSignIn(token=(hidden), expires_utc={self.expires_utc!r}, username={self.username!r})"


def _usable(backend: object) -> bool:
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    return not any(name.endswith(bad) for bad in _PLAIN_TEXT_BACKENDS)


class TokenStore:
    """The sign-in for each server, in the OS password store (or memory only, see module docstring)."""

    def __init__(self) -> None:
        self._memory: dict[str, StoredSignIn] = {}
        self.persistent = _usable(keyring.get_keyring())
        if not self.persistent:
            log.info("No secure password store on this computer: sign-ins last until the app closes")

    def load(self, server_url: str) -> StoredSignIn | None:
        """The stored sign-in for ``server_url`` (None when there is none or it cannot be read)."""
        if server_url in self._memory:
            return self._memory[server_url]
        if not self.persistent:
            return None
        try:
            raw = keyring.get_password(SERVICE, server_url)
        except keyring.errors.KeyringError as error:
            log.warning("The password store could not be read (%s)", type(error).__name__)
            return None
        if not raw:
            return None
        try:
            data = json.loads(raw)
            expires = data.get("expires_utc")
            return StoredSignIn(
                token=str(data["token"]),
                expires_utc=datetime.fromisoformat(expires) if expires else None,
                username=str(data.get("username", "")),
            )
        except (ValueError, KeyError, TypeError):
            log.warning("A stored sign-in could not be read; it is ignored")
            return None

    def save(self, server_url: str, sign_in: StoredSignIn) -> None:
        """Keep ``sign_in`` for ``server_url`` (in memory too, so this session works whatever happens)."""
        self._memory[server_url] = sign_in
        if not self.persistent:
            return
        secret = json.dumps(
            {
                "token": sign_in.token,
                "expires_utc": sign_in.expires_utc.isoformat() if sign_in.expires_utc else None,
                "username": sign_in.username,
            }
        )
        try:
            keyring.set_password(SERVICE, server_url, secret)
        except keyring.errors.KeyringError as error:
            self.persistent = False
            log.warning("The password store refused the sign-in (%s); it lasts this session only",
                        type(error).__name__)  # fmt: skip

    def forget(self, server_url: str) -> None:
        """Remove the sign-in for ``server_url`` everywhere (sign-out)."""
        self._memory.pop(server_url, None)
        if not self.persistent:
            return
        try:
            keyring.delete_password(SERVICE, server_url)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored
        except keyring.errors.KeyringError as error:
            log.warning("The password store could not remove the sign-in (%s)", type(error).__name__)

"""Chooses the proxy for each request: explicit proxy, else the PAC file (pypac), else HTTPS_PROXY/NO_PROXY.

``NO_PROXY`` from the environment is honoured whichever source named the proxy, because IT sets it to
keep local addresses direct. A PAC file that cannot be fetched or parsed is reported once and the
environment is used instead, so a broken PAC server degrades to the machine's normal behaviour.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

from requests.utils import get_environ_proxies, should_bypass_proxies

log = logging.getLogger(__name__)

Proxies = dict[str, str | None]
DIRECT: Proxies = {"http": None, "https": None}


class ProxyChooser:
    """Proxy decisions for one session.

    Args:
        proxy: explicit proxy URL (empty: none).
        pac_url: PAC address, ``http(s)://`` or ``file://`` (empty: none); used only without ``proxy``.
        fetch_text: downloads a URL's text (the session's direct fetch), used for ``http(s)`` PAC URLs.
    """

    def __init__(self, proxy: str, pac_url: str, fetch_text: Callable[[str], str]) -> None:
        self.proxy = proxy
        self.pac_url = pac_url
        self._fetch_text = fetch_text
        self._resolver: object | None = None
        self._pac_failed = False
        self._lock = threading.Lock()

    def describe(self) -> str:
        """Where proxy decisions come from, for logs (no credentials)."""
        if self.proxy:
            return f"proxy {_without_credentials(self.proxy)}"
        if self.pac_url:
            return f"PAC file {_without_credentials(self.pac_url)}"
        return "environment (HTTPS_PROXY/NO_PROXY) or direct"

    def for_url(self, url: str) -> Proxies:
        """The ``proxies`` mapping for requests for this URL."""
        if should_bypass_proxies(url, no_proxy=None):
            return dict(DIRECT)
        if self.proxy:
            return {"http": self.proxy, "https": self.proxy}
        if self.pac_url:
            chosen = self._from_pac(url)
            if chosen is not None:
                return chosen
        env: Proxies = dict(get_environ_proxies(url, no_proxy=None))
        return env or dict(DIRECT)

    def _from_pac(self, url: str) -> Proxies | None:
        resolver = self._load_pac()
        if resolver is None:
            return None
        try:
            chosen: Proxies = resolver.get_proxy_for_requests(url)  # type: ignore[attr-defined]
        except Exception as error:  # ProxyConfigExhaustedError or a script error: use the environment
            log.warning("The proxy auto-config file gave no usable proxy for this address: %s", error)
            return None
        return chosen

    def _load_pac(self) -> object | None:
        with self._lock:
            if self._resolver is not None or self._pac_failed:
                return self._resolver
            try:
                import pypac
                from pypac.resolver import ProxyResolver

                pac = pypac.get_pac(js=self._pac_text())
                self._resolver = ProxyResolver(pac)
            except Exception as error:
                self._pac_failed = True
                log.warning(
                    "Could not use the proxy auto-config file %s (%s); using the system's proxy settings.",
                    _without_credentials(self.pac_url),
                    error,
                )
            return self._resolver

    def _pac_text(self) -> str:
        parsed = urlparse(self.pac_url)
        if parsed.scheme == "file":
            return Path(unquote(parsed.path)).read_text(encoding="utf-8")
        return self._fetch_text(self.pac_url)


def _without_credentials(url: str) -> str:
    parsed = urlparse(url)
    if parsed.username or parsed.password:
        host = parsed.hostname or ""
        port = f":{parsed.port}" if parsed.port else ""
        return parsed._replace(netloc=f"{host}{port}").geturl()
    return url

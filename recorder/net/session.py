"""Builds the one ``requests.Session`` the sending side uses: trust, proxies, timeouts, user agent.

DESIGN.md: "HTTP: one requests.Session built in one place". Everything network-specific lives here:

* TLS: every connection (direct or through a proxy) uses the context from :mod:`recorder.net.tls`;
  ``verify`` values from the environment (``REQUESTS_CA_BUNDLE``) are deliberately not applied per request.
* Proxies: :class:`~recorder.net.proxies.ProxyChooser` decides per URL (explicit, PAC, environment).
* Timeouts: a default ``(connect, read)`` timeout on every request unless the caller passes one.
* Connections are kept alive and reused, so an upload of many chunks costs one TLS handshake.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import requests
from requests.adapters import HTTPAdapter

from recorder.net.proxies import ProxyChooser
from recorder.net.settings import NetworkSettings
from recorder.net.tls import build_ssl_context

if TYPE_CHECKING:
    from requests.adapters import _HostParams, _PoolKwargs
    from requests.sessions import _Settings

log = logging.getLogger(__name__)

USER_AGENT = "Voicebooth/{version}"


class TrustAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections (direct and via proxies) all use one SSL context."""

    def __init__(self, ssl_context: ssl.SSLContext, **kwargs: Any) -> None:
        self.ssl_context = ssl_context
        super().__init__(**kwargs)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        pool_kwargs["ssl_context"] = self.ssl_context
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs.setdefault("ssl_context", self.ssl_context)
        return super().proxy_manager_for(proxy, **proxy_kwargs)

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[_HostParams, _PoolKwargs]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        if verify is not False:
            # Our context already holds every trusted CA: never let a path (from the environment) replace it.
            kwargs: dict[str, Any] = dict(pool_kwargs)
            kwargs.pop("ca_certs", None)
            kwargs.pop("ca_cert_dir", None)
            kwargs["ssl_context"] = self.ssl_context
            return host_params, kwargs  # type: ignore[return-value]
        return host_params, pool_kwargs

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        super().cert_verify(conn, url, verify, cert)  # type: ignore[no-untyped-call]
        if verify is not False:
            # requests would point the connection at certifi's bundle; the context decides trust instead.
            conn.ca_certs = None
            conn.ca_cert_dir = None


class VoiceboothSession(requests.Session):
    """A Session with default timeouts and per-URL proxy choice; ``verify`` comes only from the code.

    Attributes:
        timeout: default ``(connect_s, read_s)`` for requests that do not pass ``timeout``.
        chooser: the proxy decisions.
    """

    def __init__(self, chooser: ProxyChooser, timeout: tuple[float, float]) -> None:
        super().__init__()
        self.chooser = chooser
        self.timeout = timeout

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, *args, **kwargs)

    def merge_environment_settings(
        self,
        url: str | bytes | None,
        proxies: Mapping[str, str | None] | None,
        stream: bool | None,
        verify: bool | str | None,
        cert: Any,
    ) -> _Settings:
        chosen: dict[str, str | None] = dict(proxies) if proxies else self.chooser.for_url(str(url or ""))
        settings: dict[str, Any] = {
            "proxies": chosen,
            "stream": stream if stream is not None else self.stream,
            # Only an explicit verify=False from our own code changes trust; the environment never does.
            "verify": verify is not False,
            "cert": cert if cert is not None else self.cert,
        }
        return settings  # type: ignore[return-value]


def build_session(settings: NetworkSettings, *, app_version: str = "") -> VoiceboothSession:
    """The session for talking to the intake server.

    Raises:
        recorder.net.tls.TrustError: the configured CA bundle cannot be used.
    """
    context = build_ssl_context(settings.ca_bundle, relax_x509_strict=settings.relax_x509_strict)

    def fetch_text(url: str) -> str:
        response = session.get(url, proxies=_DIRECT, timeout=settings.timeout)  # type: ignore[arg-type]
        response.raise_for_status()
        return response.text

    session = VoiceboothSession(ProxyChooser(settings.proxy, settings.pac_url, fetch_text), settings.timeout)
    adapter = TrustAdapter(context, pool_connections=4, pool_maxsize=4, max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    version = app_version or _app_version()
    session.headers["User-Agent"] = USER_AGENT.format(version=version)
    log.info("Network: %s", session.chooser.describe())
    return session


_DIRECT: dict[str, str | None] = {"http": None, "https": None}


def _app_version() -> str:
    try:
        from importlib.metadata import version

        return version("voicebooth")
    except Exception:
        return "0.0.0"

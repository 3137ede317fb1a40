"""The network settings the sending side needs, read once from the layered configuration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder.config import Config

MIB = 1024 * 1024
DEFAULT_CHUNK_SIZE_BYTES = 8 * MIB


@dataclass(frozen=True)
class NetworkSettings:
    """Everything :func:`recorder.net.build_session` and the uploader need.

    Empty text means "not set". ``upload_key`` is a secret: it is never shown in ``repr`` or logs.

    Attributes:
        server_url: base address of the intake server, e.g. ``https://intake.example.nhs.uk``.
        upload_key: the key sent as ``Authorization: Bearer``.
        proxy: explicit proxy URL for every request (wins over the PAC file and the environment).
        pac_url: proxy auto-config address (``http(s)://`` or ``file://``), used when ``proxy`` is empty.
        ca_bundle: a PEM file of extra certificate authorities trusted on top of the system store.
        chunk_size_bytes: upload chunk size (policy may lower it for proxies that cap request bodies).
        relax_x509_strict: accept corporate CAs whose basicConstraints is not critical (Python 3.13).
        connect_timeout_s: how long to wait for a TCP/TLS connection.
        read_timeout_s: how long to wait for an answer (or for a stalled send to move).
        http_method_override: send PATCH and DELETE as POST with ``X-HTTP-Method-Override``.
    """

    server_url: str = ""
    upload_key: str = ""
    proxy: str = ""
    pac_url: str = ""
    ca_bundle: str = ""
    chunk_size_bytes: int = DEFAULT_CHUNK_SIZE_BYTES
    relax_x509_strict: bool = False
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 60.0
    http_method_override: bool = False

    def __repr__(self) -> str:
        key = "(set)" if self.upload_key else "(not set)"
        return (
            f"NetworkSettings(server_url={self.server_url!r}, upload_key={key}, proxy={self.proxy!r}, "
            f"pac_url={self.pac_url!r}, ca_bundle={self.ca_bundle!r}, "
            f"chunk_size_bytes={self.chunk_size_bytes}, "
            f"connect_timeout_s={self.connect_timeout_s}, read_timeout_s={self.read_timeout_s}, "
            f"http_method_override={self.http_method_override})"
        )

    @property
    def timeout(self) -> tuple[float, float]:
        """``(connect, read)`` for requests."""
        return (self.connect_timeout_s, self.read_timeout_s)

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> NetworkSettings:
        """Build from a mapping of configuration key -> value (unknown keys are ignored)."""

        def text(key: str) -> str:
            return str(values.get(key) or "").strip()

        def number(key: str, default: float) -> float:
            raw = values.get(key)
            return float(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else default

        return cls(
            server_url=text("server_url").rstrip("/"),
            upload_key=text("upload_key"),
            proxy=text("proxy"),
            pac_url=text("pac_url"),
            ca_bundle=text("ca_bundle"),
            chunk_size_bytes=int(number("chunk_size_bytes", DEFAULT_CHUNK_SIZE_BYTES)),
            relax_x509_strict=bool(values.get("relax_x509_strict", False)),
            connect_timeout_s=number("connect_timeout_s", 10.0),
            read_timeout_s=number("read_timeout_s", 60.0),
            http_method_override=bool(values.get("http_method_override", False)),
        )

    @classmethod
    def from_config(cls, config: Config, *, over: Mapping[str, object] | None = None) -> NetworkSettings:
        """Build from the resolved configuration (policy, user, environment, command line).

        Args:
            config: the resolved configuration.
            over: values that replace the configured ones (the demo's own server, known once it runs).
        """
        values = dict(config.network_values())
        for key in ("connect_timeout_s", "read_timeout_s", "http_method_override"):
            values[key] = config.value(key)
        values.update(over or {})
        return cls.from_values(values)

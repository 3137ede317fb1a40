"""Networking for the sending side: one configured ``requests.Session`` (trust, proxies, timeouts)."""

from recorder.net.errors import describe_network_error, is_unreachable, is_untrusted
from recorder.net.session import VoiceboothSession, build_session
from recorder.net.settings import NetworkSettings
from recorder.net.tls import TrustError, build_ssl_context, inject_system_trust

__all__ = [
    "NetworkSettings",
    "TrustError",
    "VoiceboothSession",
    "build_session",
    "build_ssl_context",
    "describe_network_error",
    "inject_system_trust",
    "is_unreachable",
    "is_untrusted",
]

"""Plain-English explanations of network failures, for the outbox's "last error" and the UI."""

from __future__ import annotations

import ssl
from urllib.parse import urlparse

import requests


def _host(url: str) -> str:
    parsed = urlparse(url)
    return parsed.hostname or url


def describe_network_error(error: BaseException, url: str) -> str:
    """One sentence saying what went wrong talking to ``url`` (no keys, no personal data)."""
    host = _host(url)
    text = str(error)
    if isinstance(error, requests.exceptions.SSLError | ssl.SSLError):
        if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text.lower():
            return (
                f"The connection to {host} is not trusted: its security certificate was not issued by an "
                "authority this computer trusts (ask IT to set the ca_bundle setting for the network's proxy)"
            )
        return f"A secure connection to {host} could not be made"
    if isinstance(error, requests.exceptions.ProxyError):
        return f"The network proxy did not let the connection to {host} through"
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return f"The intake server at {host} could not be reached in time"
    if isinstance(error, requests.exceptions.ReadTimeout):
        return f"The intake server at {host} did not answer in time"
    if isinstance(error, requests.exceptions.ConnectionError):
        lowered = text.lower()
        if any(m in lowered for m in ("name or service not known", "nodename nor servname", "getaddrinfo")):
            return f"The intake server address {host} could not be found (check the network connection)"
        if "refused" in lowered:
            return f"The intake server at {host} is not accepting connections (it may be down)"
        return f"The connection to the intake server at {host} was lost"
    if isinstance(error, requests.exceptions.Timeout):
        return f"The intake server at {host} did not answer in time"
    return f"A network problem stopped the connection to {host}"


def is_unreachable(error: BaseException) -> bool:
    """True when no connection could be made at all (refused, no route, unknown name, connect timeout)."""
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(error, requests.exceptions.SSLError | requests.exceptions.ProxyError):
        return False
    if isinstance(error, requests.exceptions.ConnectionError):
        lowered = str(error).lower()
        return any(
            marker in lowered
            for marker in ("refused", "name or service not known", "no route", "unreachable", "getaddrinfo",
                           "failed to establish a new connection")
        )  # fmt: skip
    return False


def is_untrusted(error: BaseException) -> bool:
    """True for a certificate that is not trusted: retrying cannot help until trust is configured."""
    if isinstance(error, requests.exceptions.SSLError | ssl.SSLError):
        text = str(error)
        return "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text.lower()
    return False

"""Plain-English explanations of network failures, for the outbox's "last error" and the UI."""

from __future__ import annotations

import ssl
from urllib.parse import urlparse

import requests

from recorder.messages import CodedMessage, MessageCode


def _host(url: str) -> str:
    parsed = urlparse(url)
    return parsed.hostname or url


def describe_network_error(error: BaseException, url: str) -> str:
    """One sentence saying what went wrong talking to ``url`` (no keys, no personal data)."""
    return network_error_message(error, url).text


def network_error_message(error: BaseException, url: str) -> CodedMessage:
    """As :func:`describe_network_error`, with its :class:`MessageCode` and ``{host}`` for the UI."""
    host = _host(url)
    text = str(error)

    def said(sentence: str, code: MessageCode) -> CodedMessage:
        return CodedMessage(sentence, code, {"host": host})

    if isinstance(error, requests.exceptions.SSLError | ssl.SSLError):
        if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text.lower():
            return said(
                f"The connection to {host} is not trusted: its security certificate was not issued by an "
                "authority this computer trusts "
                "(ask IT to set the ca_bundle setting for the network's proxy)",
                MessageCode.CONNECTION_NOT_TRUSTED,
            )
        return said(f"A secure connection to {host} could not be made", MessageCode.SECURE_CONNECTION_FAILED)
    if isinstance(error, requests.exceptions.ProxyError):
        return said(
            f"The network proxy did not let the connection to {host} through", MessageCode.PROXY_REFUSED
        )
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return said(f"The intake server at {host} could not be reached in time", MessageCode.SERVER_TIMEOUT)
    if isinstance(error, requests.exceptions.ReadTimeout):
        return said(f"The intake server at {host} did not answer in time", MessageCode.SERVER_TIMEOUT)
    if isinstance(error, requests.exceptions.ConnectionError):
        lowered = text.lower()
        if any(m in lowered for m in ("name or service not known", "nodename nor servname", "getaddrinfo")):
            return said(
                f"The intake server address {host} could not be found (check the network connection)",
                MessageCode.SERVER_NOT_FOUND,
            )
        if "refused" in lowered:
            return said(
                f"The intake server at {host} is not accepting connections (it may be down)",
                MessageCode.SERVER_UNREACHABLE,
            )
        return said(f"The connection to the intake server at {host} was lost", MessageCode.CONNECTION_LOST)
    if isinstance(error, requests.exceptions.Timeout):
        return said(f"The intake server at {host} did not answer in time", MessageCode.SERVER_TIMEOUT)
    return said(f"A network problem stopped the connection to {host}", MessageCode.NETWORK_PROBLEM)


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

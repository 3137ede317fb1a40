"""TLS trust for the sending side: the operating system's store (truststore) plus an admin CA bundle.

Why not ``Session.verify``: on managed machines ``REQUESTS_CA_BUNDLE`` is often set globally, and requests
lets it override ``Session.verify`` for every request, which would silently drop both the system store and
the CA bundle IT configured. :mod:`recorder.net.session` therefore ignores ``verify`` from the environment
and uses the context built here for every connection; a bundle named in ``REQUESTS_CA_BUNDLE`` is *added*
to the trust (never replaces it), so setting it can only widen trust the way it does for other tools.
"""

from __future__ import annotations

import logging
import os
import ssl
from pathlib import Path

from recorder.messages import CodedError, MessageCode

log = logging.getLogger(__name__)

_injected = False


class TrustError(CodedError):
    """The configured CA bundle cannot be used; ``str(error)`` is plain English (with a message code)."""


def inject_system_trust() -> None:
    """Make every ``ssl.SSLContext`` in this process use the OS certificate store (call once at start-up).

    Failure is not fatal: Python's own store is then used, and a warning says why.
    """
    global _injected
    if _injected:
        return
    try:
        import truststore

        truststore.inject_into_ssl()
        _injected = True
    except Exception as error:  # a missing platform API must not stop the app
        log.warning("Could not use the system certificate store: %s", error)


def environment_ca_bundles() -> list[Path]:
    """Existing CA files named by ``REQUESTS_CA_BUNDLE`` / ``CURL_CA_BUNDLE`` (added, never replacing)."""
    found: list[Path] = []
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        value = os.environ.get(name, "").strip()
        if value and Path(value).is_file() and Path(value) not in found:
            found.append(Path(value))
    return found


def build_ssl_context(ca_bundle: str = "", *, relax_x509_strict: bool = False) -> ssl.SSLContext:
    """A client context trusting the OS store, the configured ``ca_bundle`` and environment bundles.

    Args:
        ca_bundle: path of a PEM file with extra CAs (empty: none).
        relax_x509_strict: clear ``VERIFY_X509_STRICT`` (Python 3.13 rejects some corporate CAs otherwise).

    Raises:
        TrustError: ``ca_bundle`` is missing or not a PEM certificate file.
    """
    try:
        import truststore

        context: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except Exception as error:  # pragma: no cover - platform without truststore support
        log.warning("System certificate store unavailable, using Python's: %s", error)
        context = ssl.create_default_context()
    for extra in environment_ca_bundles():
        try:
            context.load_verify_locations(cafile=str(extra))
        except (OSError, ssl.SSLError) as error:
            log.warning("Ignoring the CA bundle named by the environment (%s): %s", extra, error)
    if ca_bundle:
        path = Path(ca_bundle)
        if not path.is_file():
            raise TrustError(
                f"The certificate file set as ca_bundle ({ca_bundle}) does not exist.",
                code=MessageCode.CA_BUNDLE_MISSING,
                params={"path": ca_bundle},
            )
        try:
            context.load_verify_locations(cafile=str(path))
        except (OSError, ssl.SSLError) as error:
            raise TrustError(
                f"The certificate file set as ca_bundle ({ca_bundle}) could not be read as PEM certificates.",
                code=MessageCode.CA_BUNDLE_UNREADABLE,
                params={"path": ca_bundle},
            ) from error
    strict = getattr(ssl, "VERIFY_X509_STRICT", 0)
    if relax_x509_strict and strict:
        context.verify_flags &= ~strict
    return context

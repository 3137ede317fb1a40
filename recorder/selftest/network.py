"""The self-test's network checks: the intake server answers as a tus server; TLS trust is in place.

Both use the sending side's own session (:func:`recorder.net.build_session`): the same proxies, PAC file,
OS trust store and CA bundle as a real upload, so a pass here means an upload can connect.
"""

from __future__ import annotations

import importlib
import ssl
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from recorder.selftest.checks import SelfTestContext
from recorder.selftest.report import CheckResult, Status

SERVER_TLS_OK = "server_tls_ok"


def _net() -> Any:
    """``recorder.net`` (the sending side), or raise ImportError when it is not in this build."""
    return importlib.import_module("recorder.net")


def _settings(ctx: SelfTestContext) -> Any:
    net = _net()
    values = dict(ctx.config.network_values())
    values["connect_timeout_s"] = ctx.server_timeout_s
    values["read_timeout_s"] = ctx.server_timeout_s
    return net.NetworkSettings.from_values(values)


def check_server(ctx: SelfTestContext) -> CheckResult:
    url = ctx.config.text("server_url").rstrip("/")
    if not url:
        return CheckResult("Intake server", Status.SKIP, "No server is configured (server_url is empty).")
    try:
        net = _net()
    except ImportError as error:
        return CheckResult("Intake server", Status.FAIL, f"Sending is not part of this build ({error}).")
    try:
        session = net.build_session(_settings(ctx))
    except net.TrustError as error:
        return CheckResult("Intake server", Status.FAIL, str(error))
    files_url = f"{url}/files/"
    details = [f"Route: {session.chooser.describe()}"] if hasattr(session, "chooser") else []
    try:
        with session:
            response = session.options(files_url)
    except Exception as error:  # requests errors, and anything a proxy library raises
        return CheckResult(
            "Intake server", Status.FAIL, net.describe_network_error(error, url), tuple(details)
        )
    if url.startswith("https://"):
        ctx.results[SERVER_TLS_OK] = True
    version = response.headers.get("Tus-Version", "")
    details.append(f"OPTIONS {files_url} -> HTTP {response.status_code}")
    if response.status_code >= 400 or not version:
        return CheckResult(
            "Intake server",
            Status.FAIL,
            f"{urlparse(url).hostname} answered, but not as a Voicebooth intake server "
            f"(HTTP {response.status_code}, no tus upload endpoint at /files/).",
            tuple(details),
        )
    max_size = response.headers.get("Tus-Max-Size")
    if max_size:
        details.append(f"Largest upload accepted: {int(max_size) / 1024**2:.0f} MiB")
    return CheckResult("Intake server", Status.PASS, f"{url} answers (tus {version}).", tuple(details))


def _linux_ca_count() -> tuple[int, str]:
    """Certificates in the first system CA file the OS trust store uses on Linux."""
    candidates: list[str] = []
    try:
        from truststore import _openssl

        candidates += list(getattr(_openssl, "_CA_FILE_CANDIDATES", []))
    except ImportError:
        pass
    default = ssl.get_default_verify_paths()
    candidates += [p for p in (default.cafile, default.openssl_cafile) if p]
    for candidate in candidates:
        if Path(candidate).is_file():
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            try:
                context.load_verify_locations(cafile=candidate)
            except (OSError, ssl.SSLError):
                continue
            return int(context.cert_store_stats().get("x509_ca", 0)), candidate
    return 0, ", ".join(candidates) or "(no candidates)"


def check_tls(ctx: SelfTestContext) -> CheckResult:
    try:
        net = _net()
    except ImportError as error:
        return CheckResult("TLS trust", Status.FAIL, f"Sending is not part of this build ({error}).")
    details: list[str] = []
    ca_bundle = ctx.config.text("ca_bundle")
    try:
        net.build_ssl_context(ca_bundle, relax_x509_strict=ctx.config.flag("relax_x509_strict"))
    except net.TrustError as error:
        return CheckResult("TLS trust", Status.FAIL, str(error))
    except Exception as error:
        return CheckResult("TLS trust", Status.FAIL, f"No TLS context could be built: {error}")
    if ca_bundle:
        details.append(f"Extra certificate authorities from ca_bundle: {ca_bundle}")
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        if ctx.environ.get(name):
            details.append(f"{name} is set ({ctx.environ[name]}): its certificates are added to the store.")
    if ctx.environ.get("SSL_CERT_FILE"):
        details.append(
            f"SSL_CERT_FILE is set ({ctx.environ['SSL_CERT_FILE']}): OpenSSL reads its store there."
        )
    if ctx.config.flag("relax_x509_strict"):
        details.append("relax_x509_strict is on (older corporate CAs accepted).")
    if ctx.platform.startswith("linux"):
        count, where = _linux_ca_count()
        if count == 0:
            return CheckResult(
                "TLS trust",
                Status.FAIL,
                f"The system certificate store is empty or missing ({where}): install ca-certificates.",
                tuple(details),
            )
        details.insert(0, f"{count} system certificate authorities in {where}")
    summary = "The operating system's certificate store is used (truststore)."
    if ctx.results.get(SERVER_TLS_OK):
        summary += " The intake server's certificate was verified with it."
    elif ctx.config.text("server_url").startswith("https://"):
        summary += " The intake server could not be reached to verify its certificate (see above)."
    return CheckResult("TLS trust", Status.PASS, summary, tuple(details))

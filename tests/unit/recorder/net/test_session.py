"""The sending session: TLS trust (system store + configured CA bundle, REQUESTS_CA_BUNDLE never replacing
it), proxies (explicit, PAC file, HTTP(S)_PROXY/NO_PROXY), default timeouts — against real local servers."""

from __future__ import annotations

import http.server
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from recorder.net import NetworkSettings, TrustError, build_session, describe_network_error
from tests.helpers.certs import make_authority
from tests.helpers.tcp_proxy import TcpProxy

SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


class _Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = f"ok {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


def _serve(context: ssl.SSLContext | None = None) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    scheme = "https" if context else "http"
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def http_url() -> Iterator[str]:
    yield from _serve()


@pytest.fixture
def tls(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTPS server whose certificate comes from a CA no system store knows; yields (url, ca file)."""
    ca = make_authority(tmp_path / "ca", "private")
    cert, key = ca.issue(tmp_path / "ca", "server", ["127.0.0.1"])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    for url in _serve(context):
        yield url, ca.cert_path


@pytest.fixture(autouse=True)
def _no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "no_proxy",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)


def test_ca_bundle_from_configuration_is_trusted_even_with_requests_ca_bundle_set(
    tls: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, ca = tls
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", SYSTEM_BUNDLE)  # set globally on these machines
    monkeypatch.setenv("CURL_CA_BUNDLE", SYSTEM_BUNDLE)
    session = build_session(NetworkSettings(ca_bundle=str(ca)))
    assert session.get(f"{url}/x").text == "ok /x"
    plain = requests.Session()  # what plain requests does: the env bundle wins over Session.verify
    plain.verify = str(ca)
    with pytest.raises(requests.exceptions.SSLError):
        plain.get(f"{url}/x", timeout=5)


def test_without_the_ca_the_error_says_not_trusted(tls: tuple[str, Path]) -> None:
    url, _ca = tls
    with pytest.raises(requests.exceptions.SSLError) as caught:
        build_session(NetworkSettings()).get(url)
    message = describe_network_error(caught.value, url)
    assert "not trusted" in message and "ca_bundle" in message


def test_env_ca_bundle_is_added_not_replacing(tls: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    url, ca = tls
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca))
    assert build_session(NetworkSettings()).get(url).status_code == 200


def test_missing_or_bad_ca_bundle_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(TrustError, match="does not exist"):
        build_session(NetworkSettings(ca_bundle=str(tmp_path / "nope.pem")))
    bad = tmp_path / "bad.pem"
    bad.write_text("not a certificate")
    with pytest.raises(TrustError, match="could not be read"):
        build_session(NetworkSettings(ca_bundle=str(bad)))


def test_explicit_proxy_is_used(http_url: str) -> None:
    with TcpProxy(_addr(http_url)) as proxy:
        session = build_session(NetworkSettings(proxy=proxy.url))
        assert (
            session.get("http://voicebooth.invalid/via-proxy").text
            == "ok http://voicebooth.invalid/via-proxy"
        )
        assert proxy.accepted == 1


def test_pac_file_chooses_the_proxy(http_url: str, tmp_path: Path) -> None:
    with TcpProxy(_addr(http_url)) as proxy:
        pac = tmp_path / "proxy.pac"
        pac.write_text(
            'function FindProxyForURL(url, host) { if (host == "direct.invalid") return "DIRECT"; '
            f'return "PROXY 127.0.0.1:{proxy.port}"; }}'
        )
        session = build_session(NetworkSettings(pac_url=pac.as_uri()))
        assert session.get("http://voicebooth.invalid/pac").status_code == 200
        assert proxy.accepted == 1
        assert session.chooser.for_url("http://direct.invalid/") == {"http": None, "https": None}


def test_pac_served_over_http_is_downloaded(http_url: str) -> None:
    # The PAC server itself is the little OK server: its answer is not JavaScript, so pypac fails and the
    # environment (direct) is used — the upload still goes, and a warning says why.
    session = build_session(NetworkSettings(pac_url=f"{http_url}/proxy.pac"))
    assert session.get(f"{http_url}/direct").text == "ok /direct"


def test_environment_proxy_and_no_proxy_are_honoured(http_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with TcpProxy(_addr(http_url)) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", "bypass.invalid,127.0.0.1")
        session = build_session(NetworkSettings())
        assert session.get("http://voicebooth.invalid/env").status_code == 200
        assert proxy.accepted == 1
        assert session.get(f"{http_url}/direct").text == "ok /direct"  # in NO_PROXY: not through the proxy
        assert proxy.accepted == 1


def test_default_timeouts_apply(monkeypatch: pytest.MonkeyPatch) -> None:
    listener = socket.create_server(("127.0.0.1", 0))  # accepts (backlog) and never answers
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        session = build_session(NetworkSettings(connect_timeout_s=2, read_timeout_s=0.5))
        assert session.timeout == (2, 0.5)
        with pytest.raises(requests.exceptions.ReadTimeout) as caught:
            session.get(url)
        assert "did not answer in time" in describe_network_error(caught.value, url)
    finally:
        listener.close()


def test_settings_repr_hides_the_key() -> None:
    settings = NetworkSettings.from_values({"server_url": "https://x.example/", "upload_key": "sekrit-key"})
    assert "sekrit" not in repr(settings) and settings.server_url == "https://x.example"


def _addr(url: str) -> tuple[str, int]:
    host, port = url.split("//", 1)[1].split(":")
    return host, int(port)

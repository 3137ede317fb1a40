"""Cross-site request forgery protection for forms that work without JavaScript (double-submit cookie).

A page with a form sets a random cookie (``HttpOnly``, ``SameSite=Strict``, only for ``/withdraw``) and puts
an HMAC of it, keyed with the server's secret, in a hidden field. A POST is accepted only when the field
matches the cookie it arrived with, and, when the browser says where the form came from
(``Sec-Fetch-Site``, else ``Origin``), only from this site. Another site can neither read the field nor
set the cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

COOKIE = "vb_withdraw"
COOKIE_PATH = "/withdraw"
_NONCE_RE = re.compile(r"^[0-9a-f]{32}$")


def _token(secret: bytes, nonce: str) -> str:
    return hmac.new(secret, f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def form_nonce(request: Request) -> str:
    """The request's cookie value, or a new one (set it with :func:`set_cookie`)."""
    nonce = request.cookies.get(COOKIE, "")
    return nonce if _NONCE_RE.fullmatch(nonce) else secrets.token_hex(16)


def form_token(secret: bytes, nonce: str) -> str:
    """The hidden field's value for ``nonce``."""
    return _token(secret, nonce)


def set_cookie(response: Response, request: Request, nonce: str) -> None:
    """Sets the form cookie on ``response`` (``Secure`` when the page came over HTTPS)."""
    https = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    response.set_cookie(
        COOKIE, nonce, path=COOKIE_PATH, httponly=True, samesite="strict", secure=https, max_age=None
    )


def is_valid(request: Request, secret: bytes, submitted: str) -> bool:
    """Whether a POST carries this browser's token and came from this site."""
    nonce = request.cookies.get(COOKIE, "")
    if not _NONCE_RE.fullmatch(nonce) or not hmac.compare_digest(_token(secret, nonce), submitted):
        return False
    site = request.headers.get("sec-fetch-site")
    if site is not None:  # the browser says where the form was (same-origin, or typed: none)
        return site in ("same-origin", "none")
    # Older browsers: the Origin, when it is one (the pages' no-referrer policy makes it "null").
    origin = request.headers.get("origin")
    return origin in (None, "null") or urlsplit(origin).netloc == request.headers.get("host", "")

"""The public withdrawal page (``/withdraw``): a person withdraws with their reference and withdrawal codes.

Server-rendered HTML that needs no JavaScript, in English and Welsh (``lang=cy``), in the NHS design
system's look (our own small stylesheet, ``static/withdraw.css``). The steps::

    GET /withdraw[?reference=&code=&lang=]   the form (the Done screen's QR code fills both codes in)
    POST /withdraw                           codes checked → what will be deleted (dates, questions)
    POST /withdraw/confirm                   codes checked again → deleted at once → done

Wrong codes get one message that does not say which was wrong; wrong pairs are counted per client address
and per reference (:mod:`server.services.withdraw_limits`), then refused with 429, ``Retry-After`` and a
page that says how long to wait. Forms carry a CSRF token (:mod:`server.web.csrf`). Every page is sent
with a Content-Security-Policy that allows no script at all, ``no-store`` and no referrer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from server.api.public import client_address
from server.context import ServerContext
from server.services.self_withdrawal import (
    TooManyAttemptsError,
    WrongCodesError,
    find_with_codes,
    withdraw_with_codes,
)
from server.web import csrf
from server.web.withdraw_texts import SWITCH_LABEL, TEXTS, day_text, language, length_text

router = APIRouter(include_in_schema=False)
T = TypeVar("T")

HERE = Path(__file__).resolve().parent
STYLESHEET = HERE / "static" / "withdraw.css"
_TEMPLATES = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
#: Sent with every page: no script may run, nothing is cached or framed, nothing leaks in a Referer.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
#: Longest value read from a field (the CSRF token is 64; a code 15, and people add spaces and dashes).
MAX_FIELD_CHARS = 100


def _page(
    request: Request,
    template: str,
    lang: str,
    *,
    status: int = 200,
    switch_fields: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    **values: Any,
) -> HTMLResponse:
    """Renders ``template`` in ``lang`` with a fresh form token; ``switch_fields``: post them to change
    language (the confirm step), else the switch is a plain link to the form."""
    ctx: ServerContext = request.app.state.context
    nonce = csrf.form_nonce(request)
    other = "cy" if lang == "en" else "en"
    html = _TEMPLATES.get_template(template).render(
        t=TEXTS[lang],
        lang=lang,
        csrf=csrf.form_token(ctx.secret, nonce),
        switch={"lang": other, "label": SWITCH_LABEL[lang], "href": _form_url(other)},
        switch_fields={**switch_fields, "lang": other} if switch_fields else None,
        start_url=_form_url(lang),
        **values,
    )
    response = HTMLResponse(html, status_code=status, headers={**PAGE_HEADERS, **(headers or {})})
    csrf.set_cookie(response, request, nonce)
    return response


def _form_url(lang: str) -> str:
    return "/withdraw" + ("?" + urlencode({"lang": lang}) if lang != "en" else "")


async def _posted(request: Request) -> dict[str, str]:
    """The form's fields (each cut to :data:`MAX_FIELD_CHARS`); {} for a body that is not a small form."""
    body = await request.body()  # capped by BodyLimitMiddleware
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        return {}
    return {name: values[0][:MAX_FIELD_CHARS] for name, values in fields.items()}


def _form_page(
    request: Request, lang: str, *, error: str = "", reference: str = "", code: str = "", status: int = 200
) -> HTMLResponse:
    title = TEXTS[lang]["title"]
    return _page(request, "withdraw_form.html", lang, status=status, title=title, error=error,
                 reference=reference, code=code)  # fmt: skip


@router.get("/withdraw")
def withdraw_form(request: Request) -> HTMLResponse:
    """The form; ``reference`` and ``code`` in the query fill it in (nothing happens until Continue)."""
    query = request.query_params
    return _form_page(
        request,
        language(query.get("lang")),
        reference=query.get("reference", "")[:MAX_FIELD_CHARS],
        code=query.get("code", "")[:MAX_FIELD_CHARS],
    )


@router.get("/withdraw/style.css")
def stylesheet() -> Response:
    """The page's stylesheet (same origin, so the policy needs no inline styles)."""
    return Response(
        STYLESHEET.read_bytes(),
        media_type="text/css; charset=utf-8",
        headers={"Cache-Control": "public, max-age=3600", "Cross-Origin-Resource-Policy": "same-origin"},
    )


async def _with_codes(
    request: Request, work: Callable[[ServerContext, str, str, str], T]
) -> tuple[dict[str, str], str, T] | HTMLResponse:
    """Reads the posted form and runs ``work(ctx, address, reference, code)`` off the event loop.

    Returns:
        The form, its language and what ``work`` returned; or the page to answer with instead (the form
        cannot be trusted or is empty, the codes are wrong, or too many wrong codes were tried).
    """
    form = await _posted(request)
    lang = language(form.get("lang"))
    reference, code = form.get("reference", "").strip(), form.get("code", "").strip()
    ctx: ServerContext = request.app.state.context
    problem = (
        "session" if not csrf.is_valid(request, ctx.secret, form.get("csrf", ""))
        else "empty_codes" if not reference or not code
        else None
    )  # fmt: skip
    if problem is None:
        try:
            return form, lang, await run_in_threadpool(work, ctx, client_address(request), reference, code)
        except TooManyAttemptsError as error:
            return _limited(request, lang, error.retry_after_s)
        except WrongCodesError:
            problem = "wrong_codes"
    return _form_page(request, lang, error=TEXTS[lang][problem], reference=reference, code=code, status=400)


def _limited(request: Request, lang: str, retry_after_s: int) -> HTMLResponse:
    minutes = max(1, -(-retry_after_s // 60))
    return _page(request, "withdraw_limited.html", lang, status=429,
                 headers={"Retry-After": str(retry_after_s)}, title=TEXTS[lang]["limited_title"],
                 text=TEXTS[lang]["limited_text"].format(minutes=minutes))  # fmt: skip


def _done(request: Request, lang: str, reference: str, withdrawn: Any, already: bool) -> HTMLResponse:
    texts = TEXTS[lang]
    text = texts["already_text" if already else "done_text"].format(date=day_text(withdrawn, lang))
    return _page(request, "withdraw_done.html", lang, title=texts["done_title"], reference=reference,
                 text=text)  # fmt: skip


@router.post("/withdraw")
async def check_codes(request: Request) -> HTMLResponse:
    """Checks both codes and shows what withdrawing deletes (or that it was withdrawn already)."""
    outcome = await _with_codes(request, find_with_codes)
    if isinstance(outcome, HTMLResponse):
        return outcome
    form, lang, found = outcome
    if found.withdrawn_utc is not None:
        return _done(request, lang, found.reference, found.withdrawn_utc, already=True)
    texts = TEXTS[lang]
    answers = [(a.question, length_text(a.duration_s, lang)) for a in found.answers]
    codes = {"reference": found.reference, "code": form["code"]}
    return _page(request, "withdraw_confirm.html", lang, switch_fields=codes, title=texts["confirm_title"],
                 sent=texts["sent_on"].format(reference=found.reference,
                                              date=day_text(found.received_utc, lang)),
                 answers=answers, answers_lang=found.locale, codes=codes)  # fmt: skip


@router.post("/withdraw/confirm")
async def confirm(request: Request) -> HTMLResponse:
    """Checks both codes again, withdraws at once (media deleted, tombstone kept) and says it is done."""
    outcome = await _with_codes(request, withdraw_with_codes)
    if isinstance(outcome, HTMLResponse):
        return outcome
    _form, lang, done = outcome
    return _done(request, lang, str(done.reference), done.withdrawn_utc, already=done.already)

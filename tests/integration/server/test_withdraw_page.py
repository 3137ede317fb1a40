"""The public withdrawal page in a real browser (Debian's Chromium) against a real server, English and Welsh.

Each state of the page is screenshotted under ``test-output/withdraw-page/<lang>/`` (look at them) and
checked with axe-core (WCAG 2.2 A/AA and best practices: no violation; results in
``test-output/withdraw-page/axe-results.json``). The person fills both codes (typed loosely), sees what
will be deleted (dates and questions, never the video), confirms, and the page says it is done; the clip
then answers 410 and the media files are gone. Wrong codes get one message that does not say which was
wrong; too many wrong codes are refused (429, Retry-After, a friendly page); everything works with the
keyboard alone; the Done screen's link fills the form in; headers and CSRF are checked over plain HTTP.
"""

from __future__ import annotations

import fcntl
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

from recorder.codes import withdrawal_page_url
from tests.helpers.browser import axe_version, axe_violations, browser
from tests.helpers.server import REPO_ROOT, IntakeServer, send_submission, start_server
from tests.integration.server.conftest import api, auth

__all__ = ["browser"]
pytestmark = pytest.mark.xdist_group("browser")

OUT = REPO_ROOT / "test-output" / "withdraw-page"
AXE_RESULTS: dict[str, Any] = {}
YELLOW = "rgba(255, 235, 59, 1)"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IntakeServer]:
    yield from start_server(tmp_path_factory.mktemp("withdraw-page"))


@pytest.fixture(scope="module")
def deliverables(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from tests.helpers.media import make_deliverable_mp4

    folder = tmp_path_factory.mktemp("media")
    return [make_deliverable_mp4(folder / "a.mp4", 2.0), make_deliverable_mp4(folder / "b.mp4", 2.0)]


@pytest.fixture(scope="module", autouse=True)
def _axe_results_written() -> Iterator[None]:
    """Adds this process's axe results to ``axe-results.json`` (pytest-xdist workers share the file)."""
    yield
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "axe-results.json"
    with (OUT / "axe-results.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        results.update(AXE_RESULTS)
        path.write_text(json.dumps(results, indent=2, sort_keys=True), encoding="utf-8")


def sent(server: IntakeServer, deliverables: list[Path]) -> tuple[dict[str, Any], str, str]:
    """A received two-answer submission: (manifest, reference, withdrawal code)."""
    manifest, done = send_submission(server, deliverables, prompt_ids=["love-role", "nhs-better"])
    return manifest, done["reference"], done["withdrawal_token"]


def look(driver: WebDriver, lang: str, name: str, width_px: int = 1280) -> None:
    """Screenshot the page as it is now and check it with axe-core (no violation allowed)."""
    folder = OUT / lang
    folder.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(width_px, 800)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width_px, max(800, min(int(height) + 140, 2400)))
    driver.save_screenshot(str(folder / f"{name}.png"))
    violations = axe_violations(driver)
    AXE_RESULTS[f"{lang}/{name}"] = {
        "url": re.sub(r"code=[^&]+", "code=…", driver.current_url),
        "axe": axe_version(driver),
        "violations": violations,
    }
    assert violations == [], json.dumps(violations, indent=2)


def fill(driver: WebDriver, reference: str, code: str) -> None:
    for field, value in (("reference", reference), ("code", code)):
        box = driver.find_element(By.ID, field)
        box.clear()
        box.send_keys(value)


@contextmanager
def new_page(driver: WebDriver) -> Iterator[None]:
    """After the block, waits until the browser has left the page it was on (a form sent, a link followed)."""
    old = driver.find_element(By.TAG_NAME, "html")
    yield
    WebDriverWait(driver, 30).until(staleness_of(old))


def press(driver: WebDriver, selector: str) -> None:
    """Clicks what ``selector`` finds and waits for the next page."""
    with new_page(driver):
        driver.find_element(By.CSS_SELECTOR, selector).click()


def heading(driver: WebDriver) -> str:
    text: str = driver.find_element(By.TAG_NAME, "h1").text
    return text


def video_status(server: IntakeServer, take_id: str) -> int:
    response = requests.get(f"{api(server)}/review/takes/{take_id}/video", headers=auth(server.login()))
    return response.status_code


def test_withdraw_in_english_step_by_step(
    browser: WebDriver, server: IntakeServer, deliverables: list[Path]
) -> None:
    manifest, reference, code = sent(server, deliverables)
    take_ids = [t["take_id"] for t in manifest["takes"]]
    assert video_status(server, take_ids[0]) == 200
    browser.get(f"{server.url}/withdraw")
    assert heading(browser) == "Withdraw your video"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    look(browser, "en", "1-form")
    look(browser, "en", "1-form-phone", width_px=390)
    # The check finds what it should: a field without a label is a violation.
    browser.execute_script("document.querySelector('main').append(document.createElement('input'))")
    assert "label" in {v["id"] for v in axe_violations(browser)}
    browser.refresh()
    # Typed the way people do: small letters, spaces instead of dashes.
    fill(browser, reference.lower().replace("-", " "), code.lower().replace("-", " "))
    look(browser, "en", "2-form-filled")
    press(browser, "button[type=submit]")
    assert heading(browser) == "Check before you withdraw"
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "What do you love about your role? (2 seconds)" in page
    assert page.count("(2 seconds)") == 2 and f"Reference {reference}, sent on" in page
    assert "Sam Jones" not in browser.page_source and "Nurse" not in browser.page_source  # nothing about them
    assert "<video" not in browser.page_source and "/review/" not in browser.page_source
    look(browser, "en", "3-confirm")
    assert video_status(server, take_ids[0]) == 200  # nothing is deleted before the person confirms
    press(browser, "button.button--warning")
    assert heading(browser) == "Your video has been withdrawn"
    assert reference in browser.find_element(By.CLASS_NAME, "panel__body").text
    assert "We deleted your videos on" in browser.find_element(By.TAG_NAME, "main").text
    look(browser, "en", "4-done")
    assert [video_status(server, take_id) for take_id in take_ids] == [410, 410]
    assert not list((server.data_dir / "media").glob("*.mp4"))
    detail = requests.get(
        f"{api(server)}/review/submissions/{manifest['submission_id']}", headers=auth(server.login())
    ).json()
    assert detail["status"] == "withdrawn" and detail["person"] == {}
    assert [(e["actor"], e["action"]) for e in detail["audit"]][-1] == ("submitter", "withdrawn")
    # The same codes again: it says so, and nothing more happens.
    browser.get(f"{server.url}/withdraw")
    fill(browser, reference, code)
    press(browser, "button[type=submit]")
    assert "was already withdrawn on" in browser.find_element(By.TAG_NAME, "main").text
    look(browser, "en", "5-already-withdrawn")


def test_wrong_codes_get_one_message_that_does_not_say_which(
    browser: WebDriver, server: IntakeServer, deliverables: list[Path]
) -> None:
    manifest, reference, code = sent(server, deliverables)
    _other, other_reference, other_code = sent(server, deliverables)
    messages = []
    for typed in ((reference, other_code), ("VB-7K3M-Q9XD", code), (reference, "not a code"), ("", "")):
        browser.get(f"{server.url}/withdraw")
        fill(browser, *typed)
        press(browser, "button[type=submit]")
        assert heading(browser) == "Withdraw your video"
        messages.append(browser.find_element(By.CLASS_NAME, "error-summary").text)
        assert browser.title.startswith("Error: ")
        assert browser.find_element(By.ID, "reference").get_attribute("aria-invalid") == "true"
        assert browser.find_element(By.ID, "code").get_attribute("aria-invalid") == "true"
    wrong = (
        "There is a problem\nThe reference code and withdrawal code do not match any video. Check both codes "
        "and try again."
    )
    assert messages[:3] == [wrong] * 3  # a wrong code, an unknown reference: the same words
    assert messages[3] == "There is a problem\nEnter your reference code and your withdrawal code."
    browser.get(f"{server.url}/withdraw")
    fill(browser, reference, other_code)
    press(browser, "button[type=submit]")
    look(browser, "en", "6-wrong-codes")
    browser.find_element(By.CSS_SELECTOR, ".error-summary a").click()  # the summary's link: the first field
    assert browser.switch_to.active_element.get_attribute("id") == "reference"
    assert video_status(server, manifest["takes"][0]["take_id"]) == 200  # nothing was withdrawn
    assert requests.get(f"{api(server)}/status/{other_reference}").json()["status"] == "received"


def test_keyboard_alone_with_visible_focus(
    browser: WebDriver, server: IntakeServer, deliverables: list[Path]
) -> None:
    _manifest, reference, code = sent(server, deliverables)
    browser.get(f"{server.url}/withdraw")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip-link" and active.is_displayed()
    active.send_keys(Keys.ENTER)  # skip to the main content: the next Tab is inside it
    focused = []
    for _ in range(6):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        focused.append(browser.switch_to.active_element.get_attribute("id"))
        if focused[-1] == "reference":
            break
    assert focused[-1] == "reference", focused
    browser.switch_to.active_element.send_keys(reference)
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "code"
    browser.switch_to.active_element.send_keys(code, Keys.TAB)
    button = browser.switch_to.active_element
    assert button.text == "Continue"
    assert button.value_of_css_property("background-color") == YELLOW  # the focus is plain to see
    look(browser, "en", "7-keyboard-focus-on-continue")
    with new_page(browser):
        button.send_keys(Keys.ENTER)
    assert heading(browser) == "Check before you withdraw"
    for _ in range(8):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if "button--warning" in (browser.switch_to.active_element.get_attribute("class") or ""):
            break
    confirm = browser.switch_to.active_element
    assert confirm.text == "Yes, withdraw and delete my videos"
    assert confirm.value_of_css_property("background-color") == YELLOW
    look(browser, "en", "8-keyboard-focus-on-confirm")
    with new_page(browser):
        confirm.send_keys(Keys.ENTER)
    assert heading(browser) == "Your video has been withdrawn"


def test_welsh_from_the_language_switch_and_the_done_screens_link(
    browser: WebDriver, server: IntakeServer, deliverables: list[Path]
) -> None:
    manifest, reference, code = sent(server, deliverables)
    browser.get(f"{server.url}/withdraw")
    switch = browser.find_element(By.CSS_SELECTOR, ".language__link")
    assert (switch.text, switch.get_attribute("lang")) == ("Cymraeg", "cy")
    with new_page(browser):
        switch.click()
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "cy"
    assert heading(browser) == "Tynnu eich fideo yn ôl"
    look(browser, "cy", "1-form")
    fill(browser, reference, "AAAAA-AAAAA-AAAAA")
    press(browser, "button[type=submit]")
    summary = browser.find_element(By.CLASS_NAME, "error-summary").text
    assert summary.startswith("Mae problem\nNid yw'r cod cyfeirnod a'r cod tynnu'n ôl yn cyfateb i unrhyw")
    look(browser, "cy", "2-wrong-codes")
    # The Done screen's QR code opens the page with both codes filled in, in the person's language.
    browser.get(withdrawal_page_url(server.url, reference, code, "cy"))
    assert browser.find_element(By.ID, "reference").get_attribute("value") == reference
    assert browser.find_element(By.ID, "code").get_attribute("value") == code
    look(browser, "cy", "3-form-from-qr-code")
    press(browser, "button[type=submit]")
    assert heading(browser) == "Gwiriwch cyn tynnu'n ôl"
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "What do you love about your role? (2 eiliad)" in page and "anfonwyd ar" in page
    question = browser.find_element(By.CSS_SELECTOR, "main li span")
    assert question.get_attribute("lang") == "en"  # the questions are in the language they were shown in
    look(browser, "cy", "4-confirm")
    press(browser, "button.language__link")  # the switch keeps the step: the same page in English
    assert heading(browser) == "Check before you withdraw"
    press(browser, "button.language__link")
    assert heading(browser) == "Gwiriwch cyn tynnu'n ôl"
    press(browser, "button.button--warning")
    assert heading(browser) == "Mae eich fideo wedi'i dynnu'n ôl"
    assert "Gwnaethom ddileu eich fideos ar" in browser.find_element(By.TAG_NAME, "main").text
    look(browser, "cy", "5-done")
    assert video_status(server, manifest["takes"][1]["take_id"]) == 410


def form_token(session: requests.Session, url: str) -> str:
    """GET the form (its cookie lands in ``session``); the hidden CSRF field's value."""
    page = session.get(url)
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text)
    assert found is not None, page.text
    return found.group(1)


def test_too_many_wrong_codes_are_refused_for_a_while(
    browser: WebDriver, tmp_path: Path, deliverables: list[Path]
) -> None:
    limits: dict[str, object] = {"withdraw_attempts_per_reference": 3, "withdraw_attempts_per_address": 5}
    server = IntakeServer.start(tmp_path, settings=limits)
    try:
        manifest, reference, code = sent(server, deliverables)
        page = f"{server.url}/withdraw"
        http = requests.Session()
        for _ in range(3):  # wrong codes for one reference
            token = form_token(http, page)
            wrong = http.post(page, data={"csrf": token, "reference": reference, "code": "AAAAA-AAAAA-AAAAA"})
            assert wrong.status_code == 400
        token = form_token(http, page)
        right = {"csrf": token, "reference": reference, "code": code}
        refused = http.post(page, data=right)  # the right code, but too late
        assert refused.status_code == 429 and 800 < int(refused.headers["Retry-After"]) <= 900
        assert "Too many attempts" in refused.text and "15 minutes" in refused.text
        api_refused = requests.post(
            f"{api(server)}/withdraw", json={"reference": reference, "withdrawal_token": code}
        )
        assert api_refused.status_code == 429 and api_refused.json()["error"]["code"] == "too_many_attempts"
        assert int(api_refused.headers["Retry-After"]) > 0
        assert video_status(server, manifest["takes"][0]["take_id"]) == 200  # nothing was withdrawn
        for _ in range(2):  # per address: other references, all wrong
            token = form_token(http, page)
            http.post(page, data={"csrf": token, "reference": "VB-7K3M-Q9XD", "code": code})
        browser.get(page)
        fill(browser, "VB-9999-9999", code)
        press(browser, "button[type=submit]")
        assert heading(browser) == "Too many attempts"
        look(browser, "en", "9-too-many-attempts")
        browser.get(page + "?lang=cy")
        fill(browser, "VB-9999-9999", code)
        press(browser, "button[type=submit]")
        assert heading(browser) == "Gormod o ymdrechion"
        look(browser, "cy", "6-too-many-attempts")
    finally:
        server.stop()


def test_headers_script_free_pages_and_forged_posts(server: IntakeServer, deliverables: list[Path]) -> None:
    manifest, reference, code = sent(server, deliverables)
    page = f"{server.url}/withdraw"
    http = requests.Session()
    shown = http.get(page)
    policy = shown.headers["Content-Security-Policy"]
    for rule in ("default-src 'none'", "style-src 'self'", "form-action 'self'", "frame-ancestors 'none'"):
        assert rule in policy
    assert "script-src" not in policy and "unsafe-inline" not in policy
    assert shown.headers["Cache-Control"] == "no-store" and shown.headers["Referrer-Policy"] == "no-referrer"
    assert shown.headers["X-Frame-Options"] == "DENY" and shown.headers["X-Content-Type-Options"] == "nosniff"
    cookie = shown.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/withdraw" in cookie
    assert "<script" not in shown.text and " on" not in re.sub(r">[^<]*<", "><", shown.text).lower()
    token = form_token(http, page)
    fields = {"csrf": token, "reference": reference, "code": code}
    forged = [
        requests.post(f"{page}/confirm", data=fields),  # another site's form: no cookie
        http.post(f"{page}/confirm", data={**fields, "csrf": "0" * 64}),  # a token of its own
        http.post(f"{page}/confirm", data=fields, headers={"Origin": "http://evil.example"}),
        http.post(f"{page}/confirm", data=fields, headers={"Sec-Fetch-Site": "cross-site"}),
    ]
    for response in forged:
        assert response.status_code == 400 and "open for too long" in response.text
    assert video_status(server, manifest["takes"][0]["take_id"]) == 200
    style = http.get(f"{page}/style.css")
    assert style.status_code == 200 and style.headers["Content-Type"].startswith("text/css")
    done = http.post(f"{page}/confirm", data=fields)  # the real form, from the page
    assert done.status_code == 200 and "Your video has been withdrawn" in done.text

"""The Done screen's codes, end to end: a real send to the real server, then the QR codes decoded by a real
decoder (``zbarimg``) from a screenshot of the real Done page at 1366×768, and the withdrawal QR code's
address opens the real server's ``/withdraw`` with both codes filled in. The printout carries the same
codes; the app keeps no withdrawal code after Finish (and the outbox none after showing it)."""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import pytest
import requests
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from recorder.codes import is_withdrawal_code
from recorder.flow import Step
from tests.e2e.conftest import Intake
from tests.e2e.driver import KeyboardDriver
from tests.e2e.nhs_laptop import open_window
from tests.helpers.qt import StrictLogs
from ui.pages.done import DonePage
from ui.pages.done_sheet import paint_sheet

REPO = Path(__file__).resolve().parents[2]
#: Screenshots for people to look at (test-output/ is not committed).
OUT = REPO / "test-output" / "done"


def decode_qr_codes(image_path: Path) -> list[str]:
    """Every QR code ``zbarimg`` finds in the image, as text."""
    exe = shutil.which("zbarimg")
    if exe is None:
        pytest.fail("zbarimg is missing (Debian zbar-tools; ./dev setup installs it)")
    run = subprocess.run(
        [exe, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image_path)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert run.returncode in (0, 4), run.stderr  # 4: nothing found (the assertions say what was missing)
    return [line for line in run.stdout.decode("utf-8").splitlines() if line]


@pytest.mark.slow
def test_done_codes_scan_print_and_open_the_withdrawal_page(
    qtbot: QtBot, tmp_path: Path, intake: Intake, strict_logs: StrictLogs
) -> None:
    strict_logs.expect("No RHI backend|No audio device detected")
    window = open_window(qtbot, tmp_path, intake)
    ctx = window.ctx
    reference = KeyboardDriver(window).run(name="Sam Jones")
    page = window.current_page
    assert isinstance(page, DonePage)
    qtbot.waitUntil(lambda: page.withdrawal_code is not None, timeout=10_000)
    code = page.withdrawal_code
    assert code is not None and is_withdrawal_code(code)
    assert page.withdrawal_label.text() == code and page.reference_label.text() == reference
    # The outbox handed its copy over: asking again finds nothing.
    assert ctx.services.outbox().take_withdrawal_code(ctx.machine.model.submission_id or "") is None

    OUT.mkdir(parents=True, exist_ok=True)
    shot = OUT / "done-1366x768.png"
    qtbot.wait(200)
    assert window.grab().save(str(shot))
    decoded = decode_qr_codes(shot)
    url = page.withdrawal_url()
    assert url is not None and url.startswith(f"{intake.url}/withdraw?")
    assert sorted(decoded) == sorted([reference, url])

    # The address opens the real server's withdrawal form with both codes filled in (nothing withdrawn yet).
    form = requests.get(url, timeout=10)
    assert form.status_code == 200
    body = html.unescape(form.text)
    assert f'value="{reference}"' in body and f'value="{code}"' in body
    status = requests.get(f"{intake.url}/api/v1/status/{reference}", timeout=10)
    assert status.status_code == 200 and status.json()["status"] != "withdrawn"

    # The printout: the same codes, decodable from the printed page.
    printed = QImage(1240, 1754, QImage.Format.Format_RGB32)  # A4 at 150 dpi
    printed.setDotsPerMeterX(5906)
    printed.setDotsPerMeterY(5906)
    printed.fill(0xFFFFFFFF)
    paint_sheet(page.sheet(), printed)
    sheet_path = OUT / "done-printout.png"
    assert printed.save(str(sheet_path))
    assert sorted(decode_qr_codes(sheet_path)) == sorted([reference, url])

    # Finish: nothing of the codes stays in the app.
    page.again_button.click()
    assert ctx.machine.state.step is Step.WELCOME
    assert page.withdrawal_code is None and page.withdrawal_url() is None
    assert not page.withdrawal_label.text() and not page.reference_label.text()
    assert not page.withdrawal_qr.content() and not page.reference_qr.content()

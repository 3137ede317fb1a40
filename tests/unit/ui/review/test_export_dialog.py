"""The export dialog against a real server: an approved answer exported in the chosen shape (ffprobe),
with the metadata sheet; typed captions are checked before anything runs; a submission withdrawn after
the dialog opened is refused and nothing is written; Stop leaves nothing behind; after a No to public
social media every social shape is refused in plain words naming whose choice it was (nothing written) and
the internal-only copy is labelled; a wording the server could not verify blocks the export until the
reviewer records how it is known."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from recorder.export import Shape, Use
from tests.helpers.qt import StrictLogs
from tests.helpers.server import IntakeServer
from tests.integration.review.seed import Seeded, audit_actions, decide_directly, deliverable, seed, withdraw
from tests.unit.recorder.export.ffprobe import ffprobe, video_stream
from tests.unit.ui.review.conftest import open_signed_in
from ui.review.export_dialog import ExportDialog
from ui.review.services import ReviewServices
from ui.review.window import ReviewWindow

OpenWindow = Callable[[ReviewServices], ReviewWindow]
REPO = Path(__file__).resolve().parents[4]


def open_export_for(qtbot: QtBot, window: ReviewWindow, seeded: Seeded) -> ExportDialog:
    window.list_panel.select(seeded.submission_id)
    qtbot.waitUntil(
        lambda: (
            window.detail_panel.detail is not None
            and window.detail_panel.detail.submission_id == seeded.submission_id
            and window.detail_panel.export_button.isEnabled()
        ),
        timeout=20_000,
    )
    window.detail_panel.export_button.click()
    dialog = window.export_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    return dialog


def only(dialog: ExportDialog, shape: Shape) -> None:
    for each, box in dialog.shapes.items():
        box.setChecked(each is shape)


def test_export_of_an_approved_answer_with_metadata(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path), name="Priya Shah", job_title="Porter", show_job=False)
    decide_directly(intake_server, seeded, "approved")
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    dialog = open_export_for(qtbot, window, seeded)
    out = tmp_path / "out"
    dialog.folder.setText(str(out))
    only(dialog, Shape.PORTRAIT)
    dialog.captions_check.setChecked(True)
    dialog.captions.setPlainText("00:00:01,000 --> 00:00:00,500\nBackwards")
    assert "ends before it starts" in dialog.captions_status.text()
    dialog.export_button.click()
    assert dialog.task is None and "Fix the captions" in dialog.status_label.text()
    dialog.captions.setPlainText("1\n00:00:00,000 --> 00:00:01,500\nI love my team.\n")
    assert dialog.captions_status.text() == "1 captions ready."
    # The suggested post credits the name (shown) but not the job title (not to be shown); it is editable.
    english = dialog.post_editor.texts["en"]
    assert english.toPlainText() == "What do you love about your role?\n\n\u2014 Priya Shah"
    assert "Porter" not in english.toPlainText() + dialog.post_editor.texts["cy"].toPlainText()
    english.setPlainText("x" * 281)
    assert dialog.post_editor.over_limit("en") == ["X"]
    warning = dialog.post_editor.warnings["en"]
    assert warning.text().startswith("Too long for X by 1:") and not warning.isHidden()
    assert "X 281 of 280" in dialog.post_editor.counts["en"].text()
    dialog.post_editor.reset_buttons["en"].click()
    assert dialog.post_editor.over_limit("en") == [] and warning.isHidden()
    assert "X 47 of 280" in dialog.post_editor.counts["en"].text()
    english.appendPlainText("#TeamPhysio")
    dialog.export_button.click()
    assert dialog.cancel_button.isVisible() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.last_export is not None, timeout=120_000)
    files = sorted(p.name for p in out.iterdir())
    stem = f"{seeded.reference}_love-role"
    assert files == [f"{stem}_9x16.mp4", f"{stem}_metadata.csv", f"{stem}_post_cy.txt", f"{stem}_post_en.txt"]
    post = (out / f"{stem}_post_en.txt").read_text(encoding="utf-8")
    assert post == "What do you love about your role?\n\n\u2014 Priya Shah\n#TeamPhysio\n"  # as edited
    assert (out / f"{stem}_post_cy.txt").read_text(encoding="utf-8").startswith("Beth ydych chi")
    video = video_stream(ffprobe(out / f"{stem}_9x16.mp4"))
    assert (video["width"], video["height"], video["codec_name"]) == (720, 1280, "h264")
    with (out / f"{stem}_metadata.csv").open(encoding="utf-8-sig") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["shape"] == "9:16" and row["reference"] == seeded.reference
    assert row["person_name"] == "Priya Shah" and row["person_job_title"] == ""  # not to be shown
    assert row["consent_social_media"] == "yes" and row["consent_version"] == "staff-voices-consent-v2"
    assert row["post_en"] == post.strip() and row["post_cy"].startswith("Beth ydych chi")
    assert "Done." in dialog.status_label.text()


def test_withdrawn_after_the_dialog_opened_cannot_be_exported(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
    strict_logs: StrictLogs,
) -> None:
    # The player may still be reading the clip when it is withdrawn: its next request gets 410 Gone.
    strict_logs.expect("Could not open media|Server returned|HTTP error")
    seeded = seed(intake_server, deliverable(tmp_path), name="Owen Price")
    decide_directly(intake_server, seeded, "approved")
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    dialog = open_export_for(qtbot, window, seeded)
    out = tmp_path / "out"
    dialog.folder.setText(str(out))
    withdraw(intake_server, seeded)  # the person withdraws while the reviewer is choosing shapes
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=30_000)
    assert "withdrawn their consent" in dialog.status_label.text()
    assert dialog.last_export is None
    assert not out.exists() or list(out.iterdir()) == []
    dialog.reject()
    window.refresh()
    qtbot.waitUntil(
        lambda: window.detail_panel.detail is not None and window.detail_panel.detail.status == "withdrawn",
        timeout=20_000,
    )
    assert not window.detail_panel.export_button.isEnabled()
    assert window.detail_panel.unavailable_label.isVisible()
    assert "withdrew their consent" in window.detail_panel.unavailable_label.text()


def test_stop_leaves_nothing(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path, duration_s=2.0), name="Mair Evans")
    decide_directly(intake_server, seeded, "approved")
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    dialog = open_export_for(qtbot, window, seeded)
    out = tmp_path / "out"
    dialog.folder.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.progress.value() > 300, timeout=60_000)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=30_000)
    assert "Nothing was saved" in dialog.status_label.text()
    assert not out.exists() or list(out.iterdir()) == []


def test_after_a_no_to_social_media_only_an_internal_copy_can_be_saved(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path), name="Non Jones", social_media=False)
    decide_directly(intake_server, seeded, "approved")
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    dialog = open_export_for(qtbot, window, seeded)
    consent = window.detail_panel.consent
    assert consent.use_label.text() == "May be used: internal communications. Not on public social media."
    assert "Non Jones said No to public social media" in dialog.consent_label.text()
    assert dialog.internal_radio.isChecked()  # chosen from the start
    assert [s for s, box in dialog.shapes.items() if box.isChecked()] == [Shape.LANDSCAPE]
    out = tmp_path / "out"
    dialog.folder.setText(str(out))
    dialog.social_radio.setChecked(True)  # the reviewer tries anyway, one shape at a time
    for shape in Shape:
        only(dialog, shape)
        dialog.export_button.click()
        qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=30_000)
        assert dialog.status_label.text() == (
            "Non Jones said No to their video being shared on public social media, so it cannot be exported "
            "for social media. Nothing was saved. You can save a copy for internal use only."
        )
        assert dialog.status_label.objectName() == "Error" and dialog.last_export is None
        assert not out.exists()
    dialog.internal_radio.setChecked(True)
    only(dialog, Shape.LANDSCAPE)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.last_export is not None, timeout=120_000)
    stem = f"{seeded.reference}_love-role_INTERNAL-ONLY"
    # The suggested posts are labelled INTERNAL-ONLY in their names too.
    assert sorted(p.name for p in out.iterdir()) == [
        f"{stem}_16x9.mp4", f"{stem}_metadata.csv", f"{stem}_post_cy.txt", f"{stem}_post_en.txt"
    ]  # fmt: skip
    with (out / f"{stem}_metadata.csv").open(encoding="utf-8-sig") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["use"] == "INTERNAL-ONLY: internal communications only, not for public social media"
    assert row["use"] == Use.INTERNAL.sheet_text and row["consent_social_media"] == "no"


def test_unverified_wording_blocks_the_export_until_the_reviewer_records_why(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path), name="Ffion", campaign_id="before-publishing")
    decide_directly(intake_server, seeded, "approved")
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    window.list_panel.select(seeded.submission_id)
    panel = window.detail_panel
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.status == "approved", timeout=20_000)
    consent = panel.consent
    assert consent.state_label.text().startswith("WORDING NOT VERIFIED")
    assert consent.state_label.property("bad") is True  # red, at the top of the consent box
    shots = REPO / "test-output" / "review-consent"
    shots.mkdir(parents=True, exist_ok=True)
    assert consent.grab().save(str(shots / "wording-not-verified.png"))  # look at it
    assert not panel.export_button.isEnabled()
    window.open_export()  # Ctrl+E does nothing either
    assert window.export_dialog is None
    assert consent.wording_record_button.isVisibleTo(window)
    consent.wording_record_button.click()  # no reason yet: nothing is sent
    assert consent.wording_reason.hasFocus() or consent.wording_reason.toPlainText() == ""
    consent.wording_reason.setPlainText("The signed paper form in the comms office shows version 2.")
    consent.wording_record_button.click()
    qtbot.waitUntil(lambda: panel.export_button.isEnabled(), timeout=20_000)
    assert consent.state_label.text() == "Consent given and current."
    assert consent.state_label.property("bad") is False
    assert consent.grab().save(str(shots / "wording-reason-recorded.png"))
    assert "reviewer recorded on" in consent.verified_label.text()
    assert "signed paper form" in consent.verified_label.text()
    assert not consent.wording_record_button.isVisibleTo(window)
    assert any(
        a["action"] == "wording_confirmed" and a["actor"] == "reviewer"
        for a in audit_actions(intake_server, seeded.submission_id)
    )

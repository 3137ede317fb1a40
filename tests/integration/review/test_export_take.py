"""Exports through the real server (export_take): each shape checked with ffprobe, a moving face kept
inside the 9:16 crop, the metadata sheet, and refusals for withdrawn, expired and unapproved consent, for
public social media after the person's No (each shape; the server refuses too) and for wording the server
could not verify until a reviewer records why it is known, with nothing written; the internal-only copy is
labelled in its file names and its sheet."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from recorder.campaign import load_campaign
from recorder.export import ExportRefusedError, Shape, Use
from recorder.export.faces import FaceFinder
from recorder.review import RefusedError, ReviewClient, TokenStore
from recorder.review.export_take import export_take
from tests.helpers.server import IntakeServer, send_submission
from tests.integration.review.seed import (
    MemoryKeyring,
    decide_directly,
    deliverable,
    real_consent,
    seed,
    withdraw,
)
from tests.unit.recorder.export.ffprobe import audio_stream, ffprobe, frame_at, video_stream
from tests.unit.recorder.export.moving_face import make_moving_face_clip

SIZES = {Shape.LANDSCAPE: (1280, 720), Shape.PORTRAIT: (720, 1280), Shape.SQUARE: (720, 720)}


def _client(server: IntakeServer) -> ReviewClient:
    client = ReviewClient(server.url, requests.Session(), TokenStore())
    client.sign_in(*server.reviewer)
    return client


def test_every_shape_from_the_server_meets_the_spec(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path / "src"), name="Priya Shah", job_title="Porter")
    decide_directly(intake_server, seeded, "approved")
    progress: list[float] = []
    done = export_take(
        _client(intake_server), seeded.submission_id, seeded.take_ids[0], tmp_path / "out", list(Shape),
        progress=progress.append,
    )  # fmt: skip
    assert progress[-1] == 1.0
    for shape, (width, height) in SIZES.items():
        info = ffprobe(done.result.files[shape])
        video, audio = video_stream(info), audio_stream(info)
        assert (video["width"], video["height"]) == (width, height)
        assert video["width"] / video["height"] == pytest.approx(shape.aspect, rel=0.01)
        assert (video["codec_name"], video["profile"], video["pix_fmt"]) == ("h264", "High", "yuv420p")
        assert (audio["codec_name"], audio["sample_rate"]) == ("aac", "48000")
        assert float(info["format"]["duration"]) == pytest.approx(2.0, abs=0.15)  # no end card asked for
    assert done.csv_path is not None
    with done.csv_path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["shape"] for r in rows) == ["16:9", "1:1", "9:16"]
    assert {r["person_job_title"] for r in rows} == {""}  # Porter was not to be shown
    assert {r["consent_record_and_use"] for r in rows} == {"yes"}


def test_a_moving_face_stays_inside_the_portrait_crop(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    moving = make_moving_face_clip(tmp_path / "face.mp4", duration_s=4.0)
    seeded = seed(intake_server, moving.path, name="Mair Evans", duration_s=4.0)
    decide_directly(intake_server, seeded, "approved")
    done = export_take(
        _client(intake_server), seeded.submission_id, seeded.take_ids[0], tmp_path / "out", [Shape.PORTRAIT]
    )
    path = done.result.crop_paths[Shape.PORTRAIT]
    assert done.result.face_found
    for frame in range(120):
        t_s = frame / 30
        x, _y, w, _h = moving.face_box(t_s)
        crop_x, _crop_y = path.at(t_s)
        assert crop_x <= x and x + w <= crop_x + path.window.width_px, f"face cut off at {t_s:.2f} s"
    out = done.result.files[Shape.PORTRAIT]
    finder = FaceFinder()
    for t_s in (0.3, 1.5, 2.0, 3.5):
        faces = finder.find(frame_at(out, t_s))
        assert any(f.x >= 0 and f.x + f.width <= 720 for f in faces), f"no whole face at {t_s} s"


def test_withdrawn_submission_is_refused_and_nothing_is_written(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path / "src"), name="Owen Price")
    decide_directly(intake_server, seeded, "approved")
    client = _client(intake_server)
    withdraw(intake_server, seeded)
    with pytest.raises(ExportRefusedError) as caught:
        export_take(client, seeded.submission_id, seeded.take_ids[0], tmp_path / "out", list(Shape))
    assert caught.value.reason == "withdrawn"
    assert not (tmp_path / "out").exists()


def test_expired_consent_is_refused(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    consent = real_consent()
    consent["given_utc"] = (datetime.now(UTC) - timedelta(days=3 * 365)).isoformat(timespec="seconds")
    manifest, _done = send_submission(intake_server, [deliverable(tmp_path / "src")], consent=consent)
    client = _client(intake_server)
    detail = client.detail(manifest["submission_id"])
    assert detail.consent.expired
    with pytest.raises(ExportRefusedError) as caught:
        export_take(
            client,
            manifest["submission_id"],
            manifest["takes"][0]["take_id"],
            tmp_path / "out",
            [Shape.SQUARE],
        )
    assert caught.value.reason == "expired"
    assert not (tmp_path / "out").exists()


def test_a_submission_not_yet_approved_is_refused(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path / "src"), name="Sam")
    with pytest.raises(ExportRefusedError) as caught:
        export_take(
            _client(intake_server), seeded.submission_id, seeded.take_ids[0], tmp_path / "out", [Shape.SQUARE]
        )
    assert caught.value.reason == "not_approved"


def test_no_to_social_media_refuses_each_shape_with_nothing_written(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path / "src"), name="Non Jones", social_media=False)
    decide_directly(intake_server, seeded, "approved")
    client = _client(intake_server)
    for shapes in ([Shape.LANDSCAPE], [Shape.PORTRAIT], [Shape.SQUARE], list(Shape)):
        with pytest.raises(ExportRefusedError) as caught:
            export_take(client, seeded.submission_id, seeded.take_ids[0], tmp_path / "out", shapes)
        assert caught.value.reason == "no_social_media"
        assert not (tmp_path / "out").exists()
    # The server holds the same rule: asked for the video for social media directly, it refuses.
    with pytest.raises(RefusedError) as server_said:
        client.download_take(seeded.take_ids[0], tmp_path / "direct.mp4", use=Use.SOCIAL)
    assert (server_said.value.status, server_said.value.code) == (403, "export_refused")
    assert server_said.value.reason == "no_social_media"
    assert not (tmp_path / "direct.mp4").exists() and not (tmp_path / "direct.mp4.part").exists()


def test_the_internal_only_copy_is_labelled_in_its_names_and_sheet(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path / "src"), name="Non Jones", social_media=False)
    decide_directly(intake_server, seeded, "approved")
    client = _client(intake_server)
    with pytest.raises(ExportRefusedError) as caught:  # an internal copy is the recorded 16:9 only
        export_take(client, seeded.submission_id, seeded.take_ids[0], tmp_path / "out", list(Shape),
                    use=Use.INTERNAL)  # fmt: skip
    assert caught.value.reason == "social_shape_for_internal" and not (tmp_path / "out").exists()
    out = tmp_path / "out"
    take_id = seeded.take_ids[0]
    done = export_take(client, seeded.submission_id, take_id, out, [Shape.LANDSCAPE], use=Use.INTERNAL)
    stem = f"{seeded.reference}_love-role_INTERNAL-ONLY"
    assert sorted(p.name for p in out.iterdir()) == [f"{stem}_16x9.mp4", f"{stem}_metadata.csv"]
    assert done.csv_path is not None
    with done.csv_path.open(encoding="utf-8-sig") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["file"] == f"{stem}_16x9.mp4" and row["consent_social_media"] == "no"
    assert row["use"] == "INTERNAL-ONLY: internal communications only, not for public social media"


def test_unverified_wording_blocks_export_until_a_reviewer_records_why(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path / "src"), name="Ffion", campaign_id="before-publishing")
    decide_directly(intake_server, seeded, "approved")
    client = _client(intake_server)
    assert client.detail(seeded.submission_id).consent.wording.status == "unverified"
    with pytest.raises(ExportRefusedError) as caught:
        export_take(client, seeded.submission_id, seeded.take_ids[0], tmp_path / "out", [Shape.SQUARE])
    assert caught.value.reason == "wording_unverified" and not (tmp_path / "out").exists()
    with pytest.raises(RefusedError):
        client.confirm_wording(seeded.submission_id, "  ")  # refused unsent
    wording = client.confirm_wording(seeded.submission_id, "The signed paper form shows version 2's words.")
    assert wording.status == "confirmed" and wording.confirmed_by == "reviewer" and wording.known
    done = export_take(client, seeded.submission_id, seeded.take_ids[0], tmp_path / "out", [Shape.SQUARE])
    assert done.result.files[Shape.SQUARE].name.endswith("_1x1.mp4")
    with pytest.raises(RefusedError) as again:
        client.confirm_wording(seeded.submission_id, "Once more")
    assert again.value.code == "wording_confirmed"


def test_verified_wording_is_the_servers_exact_text(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path / "src"), name="Gwen")
    wording = _client(intake_server).detail(seeded.submission_id).consent.wording
    assert wording.status == "verified" and wording.locale == "en"
    assert wording.text == load_campaign().consent.rendered_text("en")

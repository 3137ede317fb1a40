"""Export sizes per shape, and the consent gate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from recorder.consent_rules import Use
from recorder.export.consent import ConsentState, ExportRefusedError, check_exportable
from recorder.export.shapes import Shape, Size, crop_window, output_size
from tests.unit.recorder.export.consent_states import approved_consent

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("shape", "source", "size", "window"),
    [
        (Shape.LANDSCAPE, Size(1280, 720), Size(1280, 720), Size(1280, 720)),
        (Shape.PORTRAIT, Size(1280, 720), Size(720, 1280), Size(404, 720)),
        (Shape.SQUARE, Size(1280, 720), Size(720, 720), Size(720, 720)),
        (Shape.PORTRAIT, Size(1920, 1080), Size(1080, 1920), Size(608, 1080)),
        (Shape.LANDSCAPE, Size(720, 1280), Size(1280, 720), Size(720, 404)),
    ],
)
def test_sizes(shape: Shape, source: Size, size: Size, window: Size) -> None:
    assert output_size(shape, source) == size
    assert crop_window(shape, source) == window


@pytest.mark.parametrize(
    ("state", "reason", "says"),
    [
        (approved_consent("withdrawn"), "withdrawn", "withdrawn their consent"),
        (approved_consent("expired"), "expired", "expired"),
        (approved_consent(expires_utc=NOW - timedelta(seconds=1)), "expired", "expired"),
        (approved_consent("received"), "not_approved", "Only approved videos"),
        (approved_consent("rejected"), "not_approved", "Only approved videos"),
        (approved_consent(wording_known=False), "wording_unverified", "not verified"),
        (approved_consent(social_media=False), "no_social_media", "said No"),
        (ConsentState("approved", {"record_and_use": True}, True), "no_social_media", "said No"),
    ],
)
def test_consent_gate_refuses(state: ConsentState, reason: str, says: str) -> None:
    with pytest.raises(ExportRefusedError, match=says) as caught:
        check_exportable(state, NOW, shapes=[Shape.LANDSCAPE])
    assert caught.value.reason == reason


@pytest.mark.parametrize("shape", list(Shape))
def test_no_social_shape_without_the_persons_yes(shape: Shape) -> None:
    with pytest.raises(ExportRefusedError) as caught:
        check_exportable(approved_consent(social_media=False), NOW, use=Use.SOCIAL, shapes=[shape])
    assert caught.value.reason == "no_social_media"


def test_internal_use_is_the_recorded_shape_only() -> None:
    no_social = approved_consent(social_media=False)
    check_exportable(no_social, NOW, use=Use.INTERNAL, shapes=[Shape.LANDSCAPE])
    for shape in (Shape.PORTRAIT, Shape.SQUARE):
        with pytest.raises(ExportRefusedError) as caught:
            check_exportable(no_social, NOW, use=Use.INTERNAL, shapes=[Shape.LANDSCAPE, shape])
        assert caught.value.reason == "social_shape_for_internal"
    with pytest.raises(ExportRefusedError, match="not verified"):  # internal needs known wording too
        check_exportable(approved_consent(social_media=False, wording_known=False), NOW, use=Use.INTERNAL)


def test_consent_gate_lets_approved_current_consent_through() -> None:
    check_exportable(approved_consent(expires_utc=NOW + timedelta(days=1)), NOW, shapes=list(Shape))
    check_exportable(approved_consent(), NOW, use=Use.SOCIAL, shapes=list(Shape))

"""Export sizes per shape, and the consent gate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from recorder.export.consent import ConsentState, ExportRefusedError, check_exportable
from recorder.export.shapes import Shape, Size, crop_window, output_size

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
    ("state", "says"),
    [
        (ConsentState("withdrawn"), "withdrawn their consent"),
        (ConsentState("expired"), "expired"),
        (ConsentState("approved", expires_utc=NOW - timedelta(seconds=1)), "expired"),
        (ConsentState("received"), "Only approved videos"),
        (ConsentState("rejected"), "Only approved videos"),
    ],
)
def test_consent_gate_refuses(state: ConsentState, says: str) -> None:
    with pytest.raises(ExportRefusedError, match=says):
        check_exportable(state, NOW)


def test_consent_gate_lets_approved_current_consent_through() -> None:
    check_exportable(ConsentState("approved", expires_utc=NOW + timedelta(days=1)), NOW)
    check_exportable(ConsentState("approved"), NOW)

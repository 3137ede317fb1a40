"""SRT captions: lenient about numbering and line endings, strict about times and overlaps."""

from __future__ import annotations

import pytest

from recorder.export.srt import Cue, SrtError, format_time, parse_srt, parse_time_ms, write_srt


def test_reads_a_normal_file_with_windows_line_endings_and_bom() -> None:
    text = (
        "\ufeff1\r\n00:00:00,000 --> 00:00:01,500\r\nHello\r\nthere\r\n\r\n"
        "2\r\n00:00:02,000 --> 00:00:03,000\r\nBye\r\n"
    )
    assert parse_srt(text) == [Cue(0, 1500, "Hello\nthere"), Cue(2000, 3000, "Bye")]


def test_numbers_are_optional_and_dots_are_accepted() -> None:
    text = "0:00:01.5 --> 0:00:02.25\nOne\n\n\n\n00:00:03,000 --> 00:00:04,000\nTwo"
    assert parse_srt(text) == [Cue(1500, 2250, "One"), Cue(3000, 4000, "Two")]


def test_blank_text_means_no_captions() -> None:
    assert parse_srt("  \n\n ") == []


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("1\nHello there\n", "Caption 1 has no time line"),
        ("00:00:01,000 --> 00:00:0x,000\nHi", "time that cannot be read"),
        ("00:00:61,000 --> 00:01:02,000\nHi", "time that cannot be read"),
        ("00:00:02,000 --> 00:00:01,000\nHi", "Caption 1 ends before it starts"),
        ("00:00:01,000 --> 00:00:02,000\n", "Caption 1 has no words"),
        ("00:00:01,000 --> 00:00:03,000\nA\n\n00:00:02,000 --> 00:00:04,000\nB", "overlap at 00:00:02,000"),
        ("00:00:01,000 --> 00:00:02,000\n" + "word " * 80, "too long"),
    ],
)
def test_mistakes_are_named_in_plain_english(text: str, says: str) -> None:
    with pytest.raises(SrtError, match=says):
        parse_srt(text)


def test_a_caption_after_the_end_of_the_video_is_an_error() -> None:
    with pytest.raises(SrtError, match="after the end of the video"):
        parse_srt("00:00:05,000 --> 00:00:06,000\nLate", duration_ms=4000)


def test_round_trip_through_write() -> None:
    cues = [Cue(0, 999, "A"), Cue(61_000, 3_723_456, "B\nC")]
    assert parse_srt(write_srt(cues)) == cues
    assert format_time(3_723_456) == "01:02:03,456"
    assert parse_time_ms("nonsense") is None

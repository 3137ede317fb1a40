"""Suggested posts: only the details the person agreed may be shown, the pack's hashtags and call to action,
and lengths counted per platform with a flag where a post is too long; saved as text beside the videos."""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recorder.campaign import PACKS_DIR, load_campaign
from recorder.export.ass import captions_document
from recorder.export.shapes import Shape, Size
from recorder.export.srt import Cue
from recorder.share_post import PLATFORMS, X_URL_LENGTH, credit_line, lengths, suggested_post, write_posts

AHP = load_campaign(PACKS_DIR / "ahp-support-worker-week")
DETAILS = {"name": "Sam Jones", "job_title": "Physiotherapy Assistant", "employer": "Cardiff and Vale UHB"}
COMBINATIONS = list(itertools.product((False, True), repeat=3))


def person(name: bool, job: bool, employer: bool) -> dict[str, tuple[str, bool]]:
    shows = {"name": name, "job_title": job, "employer": employer}
    return {key: (value, shows[key]) for key, value in DETAILS.items()}


@pytest.mark.parametrize(("name", "job", "employer"), COMBINATIONS)
@pytest.mark.parametrize("locale", ["en", "cy"])
def test_the_post_names_only_what_the_person_agreed_to_show(
    name: bool, job: bool, employer: bool, locale: str
) -> None:
    post = suggested_post(AHP, "love-role", person(name, job, employer), locale)
    for key, shown in (("name", name), ("job_title", job), ("employer", employer)):
        assert (DETAILS[key] in post) is shown
    expected = [DETAILS[k] for k, s in (("name", name), ("job_title", job), ("employer", employer)) if s]
    credit = "\u2014 " + ", ".join(expected)
    assert (credit in post.split("\n\n")) is bool(expected)
    assert post.startswith(AHP.prompt("love-role").opening(locale))
    assert post.endswith("#AHPSupportWorkersWeek")
    assert AHP.call_to_action is not None and AHP.call_to_action.url in post


def test_post_parts_follow_the_answer_prompt_and_language() -> None:
    shown = person(True, True, False)
    english = suggested_post(AHP, "nhs-better", shown, "en")
    welsh = suggested_post(AHP, "nhs-better", shown, "cy")
    assert english.split("\n\n")[0] == "What would make the NHS better? Hear an AHP support worker."
    assert welsh.split("\n\n")[0].startswith("Beth fyddai'n gwneud y GIG yn well?")
    assert "Have your say on the NHS 10-Year Plan: https://" in english and "Gynllun 10 Mlynedd" in welsh
    default = load_campaign()  # no post opening, hashtags or call to action: the prompt opens the post
    plain = suggested_post(default, "love-role", {}, "en")
    assert plain == "What do you love about your role?"
    # an answer to a prompt this pack does not know opens with the prompt's recorded text
    assert suggested_post(default, "gone", {}, "en", prompt_text="Old question?") == "Old question?"


@pytest.mark.parametrize("locale", ["en", "cy"])
@pytest.mark.parametrize("prompt_id", ["love-role", "nhs-better"])
def test_the_ahp_suggestion_with_a_full_credit_fits_x(prompt_id: str, locale: str) -> None:
    post = suggested_post(AHP, prompt_id, person(True, True, True), locale)
    assert all(m.over_by == 0 for m in lengths(post)), post


def test_an_empty_or_blank_detail_is_not_credited() -> None:
    assert credit_line({"name": ("  ", True), "employer": ("NHS Wales", True)}) == "\u2014 NHS Wales"
    assert credit_line({}) == ""


def test_x_counts_a_link_as_23_and_others_count_code_points() -> None:
    url = "https://change.nhs.uk/a/very/long/path/that/x/shortens/anyway?with=query"
    text = f"Have your say {url}"
    counts = {m.platform.name: m.count for m in lengths(text)}
    assert counts["X"] == len("Have your say ") + X_URL_LENGTH
    assert counts["Instagram"] == counts["LinkedIn"] == counts["Facebook"] == len(text)
    decomposed = unicodedata.normalize("NFD", "ŵ ŷ")  # Welsh letters typed with combining accents
    assert len(decomposed) == 5 and all(m.count == 3 for m in lengths(decomposed))
    assert {m.platform.name: m.count for m in lengths("💙")}["X"] == 2


@pytest.mark.parametrize(("size", "over"), [(280, set()), (281, {"X"}), (2_201, {"X", "Instagram"}),
                                           (3_001, {"X", "Instagram", "LinkedIn"}),
                                           (63_207, {"X", "Instagram", "LinkedIn", "Facebook"})])  # fmt: skip
def test_over_length_posts_are_flagged_per_platform(size: int, over: set[str]) -> None:
    measured = lengths("a" * size)
    assert {m.platform.name for m in measured if m.over_by} == over
    assert all(m.over_by == max(0, size - m.platform.limit) for m in measured)
    assert [p.limit for p in PLATFORMS] == [280, 2_200, 3_000, 63_206]


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_x_never_counts_less_than_instagram_without_links(text: str) -> None:
    if "http" in text.lower():
        return
    counts = {m.platform.name: m.count for m in lengths(text)}
    assert counts["X"] >= counts["Instagram"]


def test_posts_are_saved_beside_the_videos(tmp_path: Path) -> None:
    posts = {"en": suggested_post(AHP, "love-role", person(True, False, True), "en"), "cy": " "}
    written = write_posts(tmp_path, "ABC123_love-role", posts)
    assert list(written) == ["en"]  # an emptied post is not saved
    assert written["en"].name == "ABC123_love-role_post_en.txt"
    assert written["en"].read_text(encoding="utf-8") == posts["en"] + "\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ABC123_love-role_post_en.txt"]


def test_end_card_and_captions_take_the_hashtag_from_the_pack() -> None:
    assert AHP.end_card_text("en") == "AHP Support Worker Week\nCSP Associate Network\n#AHPSupportWorkersWeek"
    assert AHP.end_card_text("cy").endswith("\n#AHPSupportWorkersWeek")
    assert "#" not in load_campaign().end_card_text("en")  # the generic pack has no hashtag
    cues = [Cue(0, 1500, "I love my team.")]
    document = captions_document(
        cues, Shape.PORTRAIT, Size(720, 1280), tag="#AHPSupportWorkersWeek", duration_s=6
    )
    assert "Dialogue: 1,0:00:00.00,0:00:06.00,Tag,,0,0,0,,#AHPSupportWorkersWeek" in document
    assert "Style: Tag," in document
    assert "Tag" not in captions_document(cues, Shape.PORTRAIT, Size(720, 1280))

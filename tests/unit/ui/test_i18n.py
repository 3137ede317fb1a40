"""Translations: every ui/ string is in the Welsh catalogue and translated, with its placeholders intact.

The catalogue test runs ``pyside6-lupdate`` over ``ui/`` into a copy of the committed
``voicebooth_cy.ts``: any new string arrives "unfinished" and fails here with its context and text, so
whoever adds a string adds its Welsh too (``python -m ui.i18n update``, then translate).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from tests.helpers.qt import StrictLogs
from ui.i18n import LOCALES, Translations, compile_catalogue, translate, ts_path

UI_DIR = Path(__file__).resolve().parents[3] / "ui"
COMMITTED_TS = UI_DIR.parent / "resources" / "translations" / "voicebooth_cy.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\d|%n")


def mnemonic(text: str) -> bool:
    return bool(re.search(r"(?<!&)&(?!&)", text))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str | None, str | None]]:
    """(context, source, translation, type) for every current message, after merging ui/ into a copy."""
    work = tmp_path_factory.mktemp("ts") / "voicebooth_cy.ts"
    shutil.copy(ts_path("cy"), work)
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run(
        [
            str(lupdate),
            "-extensions",
            "py",
            "-locations",
            "none",
            "-no-obsolete",
            str(UI_DIR),
            "-ts",
            str(work),
        ],
        check=True,
        capture_output=True,
    )
    rows = []
    for context in ET.parse(work).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            rows.append((name, message.findtext("source") or "", translation.text, translation.get("type")))
    return rows


def test_every_string_has_a_welsh_translation(
    extracted: list[tuple[str, str, str | None, str | None]],
) -> None:
    assert len(extracted) > 100
    missing = [f"{ctx}: {src!r}" for ctx, src, text, kind in extracted if kind == "unfinished" or not text]
    assert not missing, "Untranslated Welsh (run `python -m ui.i18n update` and translate):\n" + "\n".join(
        missing
    )


def test_no_string_lost_its_context(extracted: list[tuple[str, str, str | None, str | None]]) -> None:
    bad = [src for ctx, src, _text, _kind in extracted if not ctx]
    assert not bad, f"Use translate(context, text), not tr(...): {bad}"


def test_placeholders_and_shortcut_keys_survive_translation(
    extracted: list[tuple[str, str, str | None, str | None]],
) -> None:
    problems = []
    for ctx, src, text, _kind in extracted:
        if not text:
            continue
        if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{ctx}: placeholders differ in {text!r}")
        if mnemonic(src) != mnemonic(text):
            problems.append(f"{ctx}: keyboard shortcut (&) missing in {text!r}")
    assert not problems, "\n".join(problems)


def test_catalogue_compiles_loads_and_switches_back(qtbot: QtBot, tmp_path: Path) -> None:
    qm = compile_catalogue("cy", tmp_path)
    assert qm.stat().st_size > 1000
    assert compile_catalogue("cy", tmp_path) == qm  # up to date: reused
    translations = Translations(tmp_path)
    try:
        assert translations.set_locale("cy")
        assert translate("MainWindow", "&Next") == "&Nesaf"
        assert translate("YesNo", "Yes") == "Ie"
    finally:
        assert translations.set_locale("en")
    assert translate("YesNo", "Yes") == "Yes"
    with pytest.raises(ValueError):
        translations.set_locale("fr")
    assert set(LOCALES) == {"en", "cy"}
    assert QCoreApplication.instance() is not None


def test_missing_lrelease_keeps_english_with_a_warning(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, strict_logs: StrictLogs
) -> None:
    monkeypatch.setattr("ui.i18n.lrelease_executable", lambda: None)
    monkeypatch.setattr("ui.i18n.TRANSLATIONS_DIR", tmp_path / "src")
    (tmp_path / "src").mkdir()
    shutil.copy(COMMITTED_TS, tmp_path / "src")
    strict_logs.expect("catalogue is unavailable")
    translations = Translations(tmp_path / "cache")
    assert not translations.set_locale("cy")
    assert translations.locale == "en" and translate("YesNo", "Yes") == "Yes"


def test_a_frozen_build_uses_its_packaged_catalogue_whatever_the_file_times(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    built = compile_catalogue("cy", tmp_path / "build")  # a real compiled catalogue, as the build makes it
    shutil.copy(built, src / "voicebooth_cy.qm")
    shutil.copy(COMMITTED_TS, src)
    os.utime(src / "voicebooth_cy.qm", (1_000_000, 1_000_000))  # older than its .ts (an installer's times)
    monkeypatch.setattr("ui.i18n.TRANSLATIONS_DIR", src)
    monkeypatch.setattr("ui.i18n.lrelease_executable", lambda: None)  # a frozen build has no lrelease
    cache = tmp_path / "cache"
    # From a source checkout the older .qm is stale: it would be compiled again (here lrelease is missing).
    with pytest.raises(FileNotFoundError, match="lrelease"):
        compile_catalogue("cy", cache, frozen=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert compile_catalogue("cy", cache) == src / "voicebooth_cy.qm"
    (src / "voicebooth_cy.ts").unlink()  # a build that ships no .ts at all works the same
    translations = Translations(cache)
    try:
        assert translations.set_locale("cy")
        assert translate("YesNo", "Yes") == "Ie"
    finally:
        assert translations.set_locale("en")
    assert not list(cache.glob("*.qm"))  # nothing was compiled


def test_the_take_checks_english_sentences_are_shown_in_welsh(
    qtbot: QtBot, tmp_path: Path, english_afterwards: None
) -> None:
    """The core writes check.json in English; every sentence it can write is recognised and translated."""
    from recorder.takes import check, status
    from ui.pages.take_problems import translated_problem

    disk_full = tmp_path / "full"
    disk_full.mkdir()
    sentences = [
        *(getattr(check, name) for name in dir(check) if name.startswith("PROBLEM_")),
        status.REASON_VIDEO_ENDED,
        status.REASON_AUDIO_ENDED,
        status.encoder_stop_reason(disk_full),  # "could not be saved" here (the disk is not full)
    ]
    Translations(tmp_path / "qm").set_locale("cy")
    untranslated = [s for s in sentences if translated_problem(s) == s]
    assert not untranslated, untranslated
    assert translated_problem("A device's own words.") == "A device's own words."  # unknown: as it is

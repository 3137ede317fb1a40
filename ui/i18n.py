"""Translation for the app: the ``tr`` function used everywhere and loading the Welsh catalogue.

Every visible string goes through :func:`translate` with a *context* (the page or widget name)::

    from ui.i18n import translate
    label.setText(translate("Welcome", "Start"))

Why ``translate`` and not a function called ``tr``: ``pyside6-lupdate``'s Python parser reads
``translate(context, text)`` calls with their context, but takes any ``tr(a, b)`` call for
``QObject.tr(text, disambiguation)`` and loses the context, so the Welsh text would never be found.
The catalogue test (tests/unit/ui/test_i18n_catalogue.py) fails on any string with an empty context.
Literal strings only: lupdate cannot see ``translate(ctx, variable)``; for a fixed set of strings chosen at
run time, write each ``translate("Ctx", "literal")`` call out in a dict.

A widget that sets its texts in ``retranslate()`` gets it called again on a language change by putting
:class:`Retranslating` first among its bases (``class Banner(Retranslating, QFrame)``).

Catalogues: ``resources/translations/voicebooth_<locale>.ts`` (committed). The compiled ``.qm`` is built
from the ``.ts`` with ``pyside6-lrelease`` into the user cache dir at start-up when it is missing or older
than the ``.ts`` (binaries are not committed). A frozen build (``sys.frozen``) has no lrelease and ships
the ``.qm`` compiled at build time next to the ``.ts``: it is used as it is, whatever the file times (an
installer or a copy may change them). English is the source language, so it needs no catalogue.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator

log = logging.getLogger(__name__)

#: Locales the app offers, with their names as shown to a speaker of that language.
LOCALES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}
SOURCE_LOCALE = "en"
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate ``text`` in ``context`` with the installed catalogue (the source text when none)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


class Retranslating:
    """Mixin for a Qt widget that sets its texts in :meth:`retranslate`: called again on a language change.

    Qt sends every widget a ``LanguageChange`` event when a translator is installed or removed; this is the
    one ``changeEvent`` that answers it. List it before the Qt class among the bases.
    """

    def retranslate(self) -> None:
        """Set every text and accessible name in the current language."""
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]  # the Qt class after this mixin


def ts_path(locale: str) -> Path:
    return TRANSLATIONS_DIR / f"voicebooth_{locale}.ts"


def lrelease_executable() -> str | None:
    """``pyside6-lrelease`` next to the running interpreter (the venv), else on PATH."""
    here = Path(sys.executable).parent / "pyside6-lrelease"
    if here.exists():
        return str(here)
    return shutil.which("pyside6-lrelease")


def compile_catalogue(locale: str, out_dir: Path, *, frozen: bool | None = None) -> Path:
    """Compile ``voicebooth_<locale>.ts`` into ``out_dir`` unless an up-to-date ``.qm`` is there.

    Args:
        locale: e.g. ``cy``.
        out_dir: where a compiled catalogue is kept (the user cache dir).
        frozen: a frozen build (default: ``sys.frozen``): its packaged ``.qm`` is used without comparing
            file times, even when the ``.ts`` is not shipped.

    Raises:
        FileNotFoundError: no catalogue for ``locale`` or no ``pyside6-lrelease``.
        subprocess.CalledProcessError: lrelease failed.
    """
    source = ts_path(locale)
    packaged = source.with_suffix(".qm")  # a frozen build ships the compiled catalogue
    if frozen is None:
        frozen = bool(getattr(sys, "frozen", False))
    if frozen and packaged.exists():
        return packaged
    if not source.exists():
        raise FileNotFoundError(f"No translation catalogue for {locale!r} at {source}")
    if packaged.exists() and packaged.stat().st_mtime >= source.stat().st_mtime:
        return packaged
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"voicebooth_{locale}.qm"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    exe = lrelease_executable()
    if exe is None:
        raise FileNotFoundError("pyside6-lrelease is not installed")
    subprocess.run([exe, "-silent", str(source), "-qm", str(target)], check=True, capture_output=True)
    return target


#: The one translator installed in the application (the app has one language at a time).
_installed: QTranslator | None = None


def in_source_language() -> bool:
    """True while no catalogue is installed (the app shows English, the source language)."""
    return _installed is None


def reset_to_source_language() -> None:
    """Remove the installed translator, whichever :class:`Translations` installed it (tests call this)."""
    global _installed
    app = QCoreApplication.instance()
    if _installed is not None and app is not None:
        app.removeTranslator(_installed)  # sends LanguageChange to every widget
    _installed = None
    QLocale.setDefault(QLocale(SOURCE_LOCALE))


class Translations:
    """Switches the application's language.

    Args:
        cache_dir: where compiled ``.qm`` catalogues are kept (built from the ``.ts`` when missing or stale).
    """

    def __init__(self, cache_dir: Path) -> None:
        self._cache_dir = cache_dir
        self.locale = SOURCE_LOCALE

    def set_locale(self, locale: str) -> bool:
        """Switch the whole app to ``locale``; widgets re-translate on ``QEvent.LanguageChange``.

        Returns:
            True when the catalogue was loaded (always True for English); on False the app stays English.
        """
        global _installed
        if locale not in LOCALES:
            raise ValueError(f"Unsupported language {locale!r}")
        reset_to_source_language()
        self.locale = SOURCE_LOCALE
        if locale == SOURCE_LOCALE:
            return True
        try:
            qm = compile_catalogue(locale, self._cache_dir)
        except (OSError, subprocess.CalledProcessError) as error:
            log.warning("The %s catalogue is unavailable, staying in English: %s", LOCALES[locale], error)
            return False
        translator = QTranslator()
        if not translator.load(str(qm)):
            log.warning("Could not load translation file %s", qm)
            return False
        app = QCoreApplication.instance()
        if app is not None:
            app.installTranslator(translator)  # sends LanguageChange to every widget
        _installed = translator
        self.locale = locale
        QLocale.setDefault(QLocale(locale))
        return True


def update_catalogue(locale: str = "cy") -> Path:
    """Re-extract every ``translate()`` string under ``ui/`` into the locale's ``.ts`` (keeps translations).

    New strings arrive marked unfinished; translate them in Qt Linguist or by editing the XML, and remove
    ``type="unfinished"``. Run with ``.venv/bin/python -m ui.i18n update``.
    """
    exe = Path(sys.executable).parent / "pyside6-lupdate"
    ui_dir = Path(__file__).resolve().parent
    target = ts_path(locale)
    subprocess.run(
        [
            str(exe),
            "-extensions",
            "py",
            "-locations",
            "none",
            "-no-obsolete",
            "-target-language",
            f"{locale}_GB",
            str(ui_dir),
            "-ts",
            str(target),
        ],
        check=True,
    )
    return target


if __name__ == "__main__":
    if sys.argv[1:] == ["update"]:
        print(update_catalogue())
    else:
        print("usage: python -m ui.i18n update", file=sys.stderr)
        raise SystemExit(2)

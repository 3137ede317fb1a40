"""QMediaPlayer + QAudioOutput made safe to use from Python while Qt's FFmpeg threads tear things down."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer


def _noop() -> None:
    """A slot that does nothing (see :func:`new_player`)."""


def new_player(parent: QObject) -> tuple[QMediaPlayer, QAudioOutput]:
    """A media player with its audio output, both owned by ``parent``.

    Each signal is connected and disconnected once here, on the UI thread, so PySide caches "not overridden
    in Python" for the ``connectNotify``/``disconnectNotify`` virtuals of these Python-created objects.

    Why: Qt's FFmpeg backend connects to and disconnects from them on its own threads (e.g. its audio
    renderer, when it is torn down). Without the cache each of those calls takes the GIL to look for a
    Python override while holding Qt's connection lock; if the UI thread (holding the GIL) is then inside
    ``stop()``/``setSource()`` waiting for that lock, both wait forever. Seen under gdb in a test: the UI
    thread in ``QObject::disconnect``, the audio renderer in ``~QObject`` -> ``Sbk_GetPyOverride``. A hung
    process cannot be stopped by pytest-timeout either, because the GIL is held.
    """
    player = QMediaPlayer(parent)
    audio = QAudioOutput(parent)
    player.setAudioOutput(audio)
    for signal in (player.sourceChanged, player.playbackStateChanged, audio.volumeChanged, audio.mutedChanged,
                   audio.deviceChanged):  # fmt: skip
        signal.connect(_noop)
        signal.disconnect(_noop)
    return player, audio

"""List posters (ui/review/thumbnails.py): fetched once the list stops moving, only for the rows still wanted,
decoded small on a worker thread."""

from __future__ import annotations

import threading
from typing import cast

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QImage, QPixmap
from pytestqt.qtbot import QtBot

from recorder.review import ReviewClient
from ui.review.thumbnails import QUEUED, ThumbnailLoader


def jpeg(width: int = 320, height: int = 180) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    return bytes(data.data())


class Posters:
    """Answers ``poster(take_id)`` as the review client does, and notes which were asked for and where."""

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.asked: list[str] = []
        self.threads: set[int] = set()
        self.picture = jpeg()
        self.gate = gate  # when given, each answer waits for it (a slow server)

    def poster(self, take_id: str) -> bytes:
        self.asked.append(take_id)
        self.threads.add(threading.get_ident())
        if self.gate is not None:
            self.gate.wait(20)
        return self.picture


def open_loader(server: Posters, shown: dict[str, QPixmap]) -> ThumbnailLoader:
    """A loader delivering into ``shown`` (submission id to pixmap)."""

    def deliver(submission_id: str, pixmap: QPixmap) -> None:
        shown[submission_id] = pixmap

    return ThumbnailLoader(cast(ReviewClient, server), QSize(96, 54), deliver, lambda: True)


def test_posters_are_fetched_once_the_list_stops_moving_and_only_for_rows_still_wanted(qtbot: QtBot) -> None:
    server = Posters()
    shown: dict[str, QPixmap] = {}
    loader = open_loader(server, shown)
    rows = [(f"sub-{i:04d}", f"take-{i:04d}") for i in range(300)]
    for start in range(0, len(rows), 15):  # a screenful at a time, as a reviewer dragging the scroll bar
        loader.want(rows[start : start + 15])
        assert server.asked == []  # nothing while rows keep asking
    last = rows[-QUEUED:]
    qtbot.waitUntil(lambda: len(shown) == QUEUED, timeout=20_000)
    assert sorted(server.asked) == sorted(take for _sid, take in last)  # rows passed by: never fetched
    assert set(shown) == {sid for sid, _take in last}
    assert threading.get_ident() not in server.threads  # fetched and decoded on a worker thread
    assert all(pixmap.width() <= 96 and pixmap.height() <= 54 for pixmap in shown.values())


def test_a_repaint_of_rows_already_waiting_does_not_hold_their_posters_back(qtbot: QtBot) -> None:
    # The server answers only once the repaints are done, so the rows are still waiting while they repaint
    # (on a loaded machine the first batch could otherwise arrive first: a row shown is not waiting).
    answer = threading.Event()
    server = Posters(gate=answer)
    shown: dict[str, QPixmap] = {}
    loader = open_loader(server, shown)
    rows = [(f"sub-{i:04d}", f"take-{i:04d}") for i in range(20)]
    loader.want(rows)
    qtbot.waitUntil(lambda: bool(server.asked), timeout=20_000)
    for _ in range(50):
        loader.want(rows)  # the same rows painted again while their posters arrive
    answer.set()
    qtbot.waitUntil(lambda: len(shown) == len(rows), timeout=20_000)
    assert sorted(server.asked) == sorted(take for _sid, take in rows)  # each once

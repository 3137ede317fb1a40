"""Freezing the start-up heap (ui/pauses.py): what was alive is left out of later collections, what is made
afterwards is still collected."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from ui.pauses import freeze_start_up_heap


class Thing:
    """A collectable object that can be in a reference cycle."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def frozen() -> Iterator[None]:
    """Freezes for one test, then gives the objects back to the collector (other tests are unaffected)."""
    freeze_start_up_heap()
    try:
        yield
    finally:
        gc.unfreeze()


def test_objects_alive_at_start_up_are_left_out_of_collections() -> None:
    before = Thing()
    assert any(o is before for o in gc.get_objects())
    freeze_start_up_heap()
    try:
        assert gc.get_freeze_count() > 0
        assert not any(o is before for o in gc.get_objects())  # a full collection no longer walks it
    finally:
        gc.unfreeze()


@pytest.mark.usefixtures("frozen")
def test_garbage_made_after_the_freeze_is_still_collected() -> None:
    later = Thing()
    gone = weakref.ref(later)
    del later
    gc.collect()
    assert gone() is None

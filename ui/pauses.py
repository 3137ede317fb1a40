"""Keeps Python's cyclic garbage collector from stopping the UI thread for long once the app has started.

A full collection walks every object the process holds: after start-up (Qt, the server client, the pages)
that took 135-170 ms on these 2-core machines, and it runs on whichever thread allocates when it is due
(often a worker fetching posters), holding the GIL, so the UI thread stops for all of it. Freezing the
start-up heap moves those objects out of the collector's reach (:func:`gc.freeze`): later collections walk
only what was made since (the listed submissions, each a few objects), so they stay short.
"""

from __future__ import annotations

import gc


def freeze_start_up_heap() -> None:
    """Leave everything alive now out of later collections (call once, when the first window is built).

    Cheap (it moves a list head). Garbage made before the call is never collected, so call it after start-up,
    not in a loop.
    """
    gc.freeze()

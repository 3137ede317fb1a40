"""Deleting everything of a person who left, and checking it is gone (booth mode's idle timeout).

:func:`discard_files` runs on a worker thread for
:meth:`recorder.flow.session.SubmissionSession.discard_person`: it takes back a send waiting in the outbox
(so nothing is sent), deletes the person's folders, and reports what, if anything, is still there
(:class:`DiscardCheck`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recorder.outbox.states import WAITING

if TYPE_CHECKING:
    from recorder.outbox import Outbox

#: Deletion rounds before giving up (a file an antivirus scanner or indexer holds open may need another).
DELETE_ATTEMPTS = 3


@dataclass(frozen=True)
class DiscardCheck:
    """What was found after deleting (empty: nothing of the person is left).

    Attributes:
        remaining: files or folders of the person that still exist.
        still_queued: a send of theirs is still waiting in the outbox.
    """

    remaining: tuple[Path, ...] = ()
    still_queued: bool = False

    @property
    def complete(self) -> bool:
        return not self.remaining and not self.still_queued


def discard_files(
    outbox: Callable[[], Outbox], queued_id: str | None, targets: Sequence[Path]
) -> DiscardCheck:
    """Cancel ``queued_id`` in the outbox, delete ``targets``, and check both (worker thread)."""
    still_queued = False
    if queued_id is not None:
        box = outbox()
        box.cancel(queued_id)
        record = box.get(queued_id)
        still_queued = record is not None and record.state in WAITING
    for _attempt in range(DELETE_ATTEMPTS):
        for target in targets:
            shutil.rmtree(target, ignore_errors=True)
        if not any(t.exists() for t in targets):
            break
    return DiscardCheck(tuple(t for t in targets if t.exists()), still_queued)

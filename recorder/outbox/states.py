"""The outbox's states and the only transitions between them; the store checks every change against them.

Submission states::

                 ┌──────────────────────────────┐ (a run that fails for a reason that may pass, or the
                 ▼                              │  server address changed: back to queued, to resume)
    (new) ──▶ QUEUED ──▶ UPLOADING ──▶ UPLOADED ──▶ CONFIRMED   (reference stored; local files then deleted)
                 │  ▲         │            │
                 │  └─────────┴────────────┤
                 ▼                         ▼
               FAILED ◀────────────────────┘   (a reason that needs a person: file changed, server refused)
                 │
                 └──▶ QUEUED                   (queued again by the person, or by the next Send)

    QUEUED, UPLOADING, UPLOADED, FAILED ──▶ CANCELLED   (by its owner, or superseded by a newer version)
    CONFIRMED and CANCELLED are final. A pending state may also be set again (a resumed run, a retarget).

File states::

    QUEUED ──▶ UPLOADING ──▶ UPLOADED ──▶ ATTACHED      (upload URL stored before the first byte)
                  ▲  │ (a new upload URL)   │
                  └──┘                      └──▶ QUEUED (the server lost the upload) or UPLOADING (no URL)
    any ──▶ QUEUED                                     (retargeted at another server: start again there)

Discard (a cancelled version the server may hold)::

    (none) ──▶ PENDING ──▶ DONE

A change the tables do not allow raises :class:`ForbiddenTransition` and changes nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeVar

_T = TypeVar("_T", bound=enum.StrEnum)


class SubmissionState(enum.StrEnum):
    """Where a submission is. The value is what the outbox file stores (never rename one)."""

    QUEUED = "queued"
    UPLOADING = "uploading"
    UPLOADED = "uploaded"
    CONFIRMED = "confirmed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class FileState(enum.StrEnum):
    """Where one file of a submission is."""

    QUEUED = "queued"
    UPLOADING = "uploading"
    UPLOADED = "uploaded"
    ATTACHED = "attached"


class Discard(enum.StrEnum):
    """Whether a cancelled version still has to be removed from the server."""

    PENDING = "pending"
    DONE = "done"


S, F = SubmissionState, FileState

#: States in which a submission is still to be sent.
PENDING: frozenset[SubmissionState] = frozenset({S.QUEUED, S.UPLOADING, S.UPLOADED})
#: States in which a version of a folder waits to be sent (a failed one can be queued again).
WAITING: frozenset[SubmissionState] = PENDING | {S.FAILED}
#: States nothing leaves.
FINAL: frozenset[SubmissionState] = frozenset({S.CONFIRMED, S.CANCELLED})

#: state -> the states it may change to (a state missing from its own set may not be set again).
SUBMISSION_TRANSITIONS: Mapping[SubmissionState, frozenset[SubmissionState]] = {
    S.QUEUED: frozenset({S.QUEUED, S.UPLOADING, S.UPLOADED, S.FAILED, S.CANCELLED}),
    S.UPLOADING: frozenset({S.UPLOADING, S.UPLOADED, S.QUEUED, S.FAILED, S.CANCELLED}),
    S.UPLOADED: frozenset({S.UPLOADED, S.CONFIRMED, S.QUEUED, S.FAILED, S.CANCELLED}),
    S.FAILED: frozenset({S.QUEUED, S.CANCELLED}),
    S.CONFIRMED: frozenset(),
    S.CANCELLED: frozenset(),
}

FILE_TRANSITIONS: Mapping[FileState, frozenset[FileState]] = {
    F.QUEUED: frozenset({F.QUEUED, F.UPLOADING}),
    F.UPLOADING: frozenset({F.UPLOADING, F.UPLOADED, F.QUEUED}),
    F.UPLOADED: frozenset({F.ATTACHED, F.QUEUED, F.UPLOADING}),
    F.ATTACHED: frozenset({F.QUEUED}),
}

DISCARD_TRANSITIONS: Mapping[Discard | None, frozenset[Discard]] = {
    None: frozenset({Discard.PENDING}),
    Discard.PENDING: frozenset({Discard.PENDING, Discard.DONE}),
    Discard.DONE: frozenset(),
}


class ForbiddenTransition(Exception):  # noqa: N818 - named for what it is, like the table
    """A change of state the tables do not allow; nothing was changed.

    Attributes:
        what: ``submission``, ``file`` or ``discard``.
        old, new: the state it was in and the one asked for.
    """

    def __init__(self, what: str, old: str | None, new: str | None) -> None:
        super().__init__(f"The outbox refused to move a {what} from {old} to {new}.")
        self.what, self.old, self.new = what, old, new


def check_submission(old: str, new: str) -> SubmissionState:
    """``new`` as a state, when a submission in ``old`` may change to it.

    Raises:
        ForbiddenTransition: the table does not allow it (or ``new`` is not a state).
    """
    return _check("submission", SUBMISSION_TRANSITIONS, SubmissionState, old, new)


def check_file(old: str, new: str) -> FileState:
    """As :func:`check_submission`, for one file."""
    return _check("file", FILE_TRANSITIONS, FileState, old, new)


def check_discard(old: str | None, new: str) -> Discard:
    """As :func:`check_submission`, for the discard of a cancelled version."""
    allowed = DISCARD_TRANSITIONS.get(None if old is None else Discard(old), frozenset())
    if new not in allowed:
        raise ForbiddenTransition("discard", old, new)
    return Discard(new)


def _check(what: str, table: Mapping[_T, frozenset[_T]], kind: type[_T], old: str, new: str) -> _T:
    try:
        old_state, new_state = kind(old), kind(new)
    except ValueError:
        raise ForbiddenTransition(what, old, new) from None
    if new_state not in table[old_state]:
        raise ForbiddenTransition(what, old, new)
    return new_state

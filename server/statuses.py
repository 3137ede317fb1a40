"""Submission statuses (CONTRACTS.md section 3) and which ones allow what."""

from __future__ import annotations

OPEN = "open"
RECEIVED = "received"
APPROVED = "approved"
CHANGES_REQUESTED = "changes_requested"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
EXPIRED = "expired"

ALL = (OPEN, RECEIVED, APPROVED, CHANGES_REQUESTED, REJECTED, WITHDRAWN, EXPIRED)
DECISIONS = (APPROVED, CHANGES_REQUESTED, REJECTED)
#: Completed and still holding media: reviewers may watch, decide, comment and export these.
REVIEWABLE = frozenset({RECEIVED, APPROVED, CHANGES_REQUESTED, REJECTED})
#: Media deleted, personal details cleared, only a tombstone kept.
CLOSED = frozenset({WITHDRAWN, EXPIRED})

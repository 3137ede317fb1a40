"""The person's submission folder and saved session: created for the first take, kept in step with the flow.

One folder per run through the flow (``<data dir>/submissions/<hex>``, in ``ctx.extras["submission_dir"]``)
holds the takes and ``session.json`` (CONTRACTS.md section 1). :class:`SubmissionKeeper` follows every
transition of the flow machine, whichever page is current: it saves the session while the person records
and reviews, forgets it once the outbox holds the submission, and deletes everything after Cancel.
Deleting files always runs off the UI thread.
"""

from __future__ import annotations

import logging
import shutil
import uuid
from pathlib import Path

from recorder.flow import FlowState, Step
from recorder.flow_session import forget_session, save_session
from recorder.takes.status import utc_now
from ui.pages.base import PageContext
from ui.workers import run_in_background

log = logging.getLogger(__name__)


def submission_dir(ctx: PageContext) -> Path:
    """The folder this person's takes go into (one per flow run, under the data dir)."""
    existing = ctx.extras.get("submission_dir")
    if isinstance(existing, Path):
        return existing
    folder = ctx.data_dir / "submissions" / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    ctx.extras["submission_dir"] = folder
    save_session_now(ctx)  # before the first frame: a crash from here on can be continued
    return folder


def save_session_now(ctx: PageContext) -> None:
    """Save the person's place (details, consent, kept answers) next to their takes, if they have a folder."""
    folder = ctx.extras.get("submission_dir")
    if not isinstance(folder, Path) or ctx.machine.model.consent is None:
        return
    try:
        save_session(folder, ctx.machine.model, utc_now())
    except OSError as error:  # the takes themselves are safe; only continuing after a crash is affected
        log.warning("Could not save the session next to the recordings: %s", error)


def forget_submission(ctx: PageContext, *, delete: bool, queued_id: str | None = None) -> None:
    """Start a fresh submission folder next time; with ``delete``, remove this one's files (background).

    Called when the flow returns to Welcome: after Cancel the person's recordings must not stay on a shared
    PC, and a send that was stopped or failed (``queued_id``) is cancelled in the outbox so it is not sent
    at the next start; after Done the outbox owns the files and deletes them once the server confirmed.
    """
    if queued_id is not None:
        from ui.pages.send_work import outbox_for

        outbox = outbox_for(ctx)
        run_in_background(
            lambda _p: outbox.cancel(queued_id),
            on_failure=lambda e: log.warning("Could not cancel a queued submission: %s", e),
            name="cancel queued submission",
        )
    folder = ctx.extras.pop("submission_dir", None)
    if isinstance(folder, Path) and not delete:
        forget_session(folder)  # sent: the outbox deletes the takes; the person's details go now
    if delete and isinstance(folder, Path):
        run_in_background(
            lambda _p: shutil.rmtree(folder, ignore_errors=True),
            on_failure=lambda e: log.warning("Could not delete discarded recordings: %s", e),
            name="delete discarded takes",
        )


def delete_take_later(take_dir: Path) -> None:
    """Delete a take the person chose not to keep (background)."""
    run_in_background(
        lambda _p: shutil.rmtree(take_dir, ignore_errors=True),
        on_failure=lambda e: log.warning("Could not delete a discarded take: %s", e),
        name="delete take",
    )


def retire_take(ctx: PageContext, take_dir: Path) -> None:
    """A kept answer was replaced by a new one: delete its take, once nothing queued still names it.

    After a send that failed or was stopped, the waiting version in the outbox still lists the old take.
    It is deleted only after the latest answers are queued in its place (:func:`delete_retired_takes`),
    so a crash in between leaves a version that can still be sent, never one with a missing file.
    """
    if ctx.machine.model.submission_id is None:
        delete_take_later(take_dir)
    else:
        ctx.extras["retired_takes"] = [*_retired(ctx), take_dir]


def delete_retired_takes(ctx: PageContext) -> None:
    """Delete the takes :func:`retire_take` kept for a queued version, now replaced (background thread)."""
    retired = _retired(ctx)
    ctx.extras.pop("retired_takes", None)
    kept = {Path(take.take_dir) for take in ctx.machine.model.kept.values()}
    for take_dir in retired:
        if take_dir not in kept:
            shutil.rmtree(take_dir, ignore_errors=True)


def _retired(ctx: PageContext) -> list[Path]:
    retired = ctx.extras.get("retired_takes")
    return [p for p in retired if isinstance(p, Path)] if isinstance(retired, list) else []


class SubmissionKeeper:
    """Keeps the submission folder and its saved session in step with the flow (subscribes at once).

    Args:
        ctx: the window's shared context; its machine is followed for the window's lifetime.
    """

    def __init__(self, ctx: PageContext) -> None:
        self.ctx = ctx
        self._last_step: Step | None = None
        #: the outbox id once Send queued this person's submission (cancelled with everything else)
        self._queued_id: str | None = None
        ctx.machine.subscribe(self._on_flow)

    def _on_flow(self, state: FlowState) -> None:
        """Housekeeping on every transition, whichever page is current: keep the saved session up to date
        while recording and reviewing; forget it once sending starts; forget files on a fresh start."""
        if state.step is Step.WELCOME and self._last_step not in (None, Step.WELCOME, Step.RECOVERY):
            # Cancel deletes what was recorded (and takes back a send that had not finished); after Done the
            # outbox owns the files.
            cancelled = self._last_step is not Step.DONE
            forget_submission(self.ctx, delete=cancelled, queued_id=self._queued_id if cancelled else None)
            self._queued_id = None
        elif state.step in (Step.PROMPT, Step.REVIEW):
            save_session_now(self.ctx)
        elif state.step in (Step.SENDING, Step.DONE):
            folder = self.ctx.extras.get("submission_dir")
            if isinstance(folder, Path):
                forget_session(folder)  # queued in the outbox from here on, which resumes it after a crash
        self._queued_id = self.ctx.machine.model.submission_id or self._queued_id
        self._last_step = state.step

"""The Send step's work with the outbox: queue the kept answers, send them, resume at start-up.

Everything here runs on background threads (:func:`ui.workers.run_in_background`) except
:func:`outbox_for` (it may open the outbox's SQLite file). The page
(:mod:`ui.pages.review_send`) shows the outcome.

When a send fails or is stopped, the submission stays queued. If the person then changes an answer,
:func:`queue_submission` with ``replace_only`` queues the latest answers, and the outbox supersedes the
older version: the next Send, or the next start, sends what the person chose last, and only that.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from recorder.outbox.states import WAITING
from ui.pages.base import PageContext
from ui.workers import ProgressFn, run_in_background

log = logging.getLogger(__name__)


def outbox_for(ctx: PageContext) -> Any:
    """The window's outbox (one SQLite file in the data dir), created on first use."""
    outbox = ctx.extras.get("outbox")
    if outbox is None:
        from recorder.net import NetworkSettings
        from recorder.outbox import Outbox

        outbox = Outbox(ctx.data_dir / "outbox.sqlite3", network=NetworkSettings.from_config(ctx.config))
        ctx.extras["outbox"] = outbox
    return outbox


def queue_submission(ctx: PageContext, *, replace_only: bool = False) -> str:
    """Build the manifest of the kept answers and queue it in the outbox (background thread).

    The outbox reuses a waiting version with the same answers, or supersedes it with this one.

    Args:
        replace_only: only replace a version that is still waiting (see :meth:`Outbox.queue`).

    Returns:
        The submission id to send.

    Raises:
        SubmissionError: the manifest cannot be built (plain English).
        SendError: not queued (no server configured; with ``replace_only``, nothing waiting any more).
    """
    from recorder.messages import MessageCode
    from recorder.submission import SubmissionError, TakeEntry, build_manifest, consent_record
    from ui.pages.prompt_submission import delete_retired_takes, submission_dir

    model = ctx.machine.model
    if model.consent is None:  # the flow only allows Send after consent; guard anyway
        raise SubmissionError(
            "There is no consent record to send with the video.", code=MessageCode.NO_CONSENT_RECORD
        )
    locale = ctx.locale
    kept = ctx.machine.kept_in_order()
    entries = [
        TakeEntry(
            Path(take.take_dir),
            prompt_id=take.prompt_id,
            prompt_text=ctx.campaign.prompt(take.prompt_id).text.get(locale),
            duration_s=take.duration_s,
        )
        for take in kept
    ]
    manifest = build_manifest(
        campaign_id=ctx.campaign.id,
        locale=locale,
        person={"name": model.name, "job_title": model.job_title, "employer": model.employer},
        consent=consent_record(
            model.consent.version_id,
            model.consent.text_sha256,
            model.consent.choices,
            model.consent.given_utc,
        ),
        takes=entries,
    )
    submission_id: str = outbox_for(ctx).queue(
        submission_dir(ctx),
        manifest,
        take_dirs={Path(t.take_dir).name: Path(t.take_dir) for t in kept},
        replace_only=replace_only,
    )
    delete_retired_takes(ctx)  # the outbox no longer names the answers the person replaced
    return submission_id


def send_submission(
    ctx: PageContext, *, progress_snapshot: Callable[[object], None], cancel: threading.Event
) -> str:
    """Queue the kept answers in the outbox (so they survive a closed app) and send them (background thread).

    Returns:
        The server's reference code.

    Raises:
        Exception: with a plain-English message when sending failed; the submission stays queued.
    """
    submission_id = queue_submission(ctx)
    ctx.machine.model.submission_id = submission_id
    reference: str = outbox_for(ctx).send(submission_id, progress=progress_snapshot, cancel=cancel)
    return reference


def answers_changed_since_queued(ctx: PageContext) -> bool:
    """True when a send was stopped or failed and the kept answers are no longer the queued ones."""
    submission_id = ctx.machine.model.submission_id
    if submission_id is None or not ctx.machine.model.kept:
        return False
    record = outbox_for(ctx).get(submission_id)
    if record is None or record.state not in WAITING:
        return False  # sent, or taken back: nothing waits to be replaced
    queued = {f.path.parent.resolve() for f in record.files}
    return queued != {Path(k.take_dir).resolve() for k in ctx.machine.model.kept.values()}


def resume_unsent(ctx: PageContext) -> threading.Event:
    """At start-up: send what earlier sessions queued, in the background. Set the event to stop."""
    cancel = threading.Event()

    def work(_progress: ProgressFn) -> object:
        return outbox_for(ctx).send_pending(cancel=cancel)

    def done(results: object) -> None:
        for result in results if isinstance(results, list) else []:
            if result.error:
                log.info("A queued submission was not sent yet: %s", result.error)
            else:
                log.info("A queued submission was sent at start-up")

    run_in_background(
        work,
        on_success=done,
        on_failure=lambda error: log.info("Queued submissions were not sent yet: %s", error),
        name="resume sending",
    )
    return cancel

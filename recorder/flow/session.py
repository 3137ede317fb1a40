"""The person's submission, owned in the core: folder, takes, saved session, queueing, sending, forgetting.

:class:`SubmissionSession` follows every transition of the flow machine (whichever page is showing) and
keeps the disk in step with it:

* the submission folder (``<data dir>/submissions/<hex>``) is made for the first take, with
  ``session.json`` saved before the first frame and after every change, so a crash can be continued;
* every take it was told about is either the take being recorded or checked, a kept answer, a kept
  answer replaced while an older version waits in the outbox (*retired*: deleted once the newer one is
  queued), or a take that recorded something but could not be finished (*failed*: never sent); anything
  else is deleted, off the UI thread, at once — no take file is left that it does not name;
* going back to a kept answer shows that answer again (:meth:`take_on_screen`), playable and keepable;
* Send is a :class:`SendPlan` made on the UI thread (a snapshot of the answers) that a worker thread
  queues and sends; only the UI thread writes the outcome into the model (:meth:`queued`);
* Cancel deletes what was recorded and takes back a queued send; after Done the outbox owns the files;
* :meth:`discard_person` (booth mode's idle timeout) does the same at once and checks it
  (:mod:`recorder.flow.discard`);
* after a crash, :meth:`resume` continues a saved session found at start-up.

Work that must not block the UI thread goes through the :class:`recorder.ports.Background` port.
"""

from __future__ import annotations

import logging
import shutil
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from recorder.campaign import Campaign
from recorder.contact_details import CONTACT_CHOICE
from recorder.flow.discard import DiscardCheck, discard_files
from recorder.flow.machine import FlowMachine
from recorder.flow.model import Event, FlowModel, FlowState, KeptTake, Phase, Step
from recorder.flow.saved import SavedSession, find_sessions, forget_session, save_session
from recorder.flow.services import FlowServices
from recorder.messages import MessageCode
from recorder.outbox.states import WAITING
from recorder.ports import Background
from recorder.private import private_folder
from recorder.takes.recovery import find_interrupted, recover_take
from recorder.takes.status import utc_now

if TYPE_CHECKING:  # sending and finishing takes load their stacks (requests, ffmpeg) when first used
    from recorder.outbox import Outbox
    from recorder.takes.pipeline import FinishedTake
    from recorder.upload import TransferProgress

log = logging.getLogger(__name__)

#: Steps at which the saved session is kept up to date (the person is recording or checking).
_SAVING_STEPS = (Step.PROMPT, Step.CHECK_AND_SEND)


@dataclass(frozen=True)
class Answer:
    """One kept answer as it goes into the manifest."""

    take_dir: Path
    prompt_id: str
    prompt_text: str
    duration_s: float


@dataclass(frozen=True)
class SendPlan:
    """A snapshot of what to send, made on the UI thread; :meth:`queue` and :meth:`send` run on a worker.

    Attributes:
        retired: takes replaced by newer answers, deleted once the newer answers are queued.
    """

    folder: Path
    campaign_id: str
    locale: str
    person: dict[str, object]
    consent: dict[str, object]
    answers: tuple[Answer, ...]
    contact: dict[str, str] = field(default_factory=dict)
    retired: tuple[Path, ...] = ()

    def queue(self, outbox: Outbox, *, replace_only: bool = False) -> str:
        """Build the manifest and queue it (reusing or superseding a waiting version); the submission id.

        Raises:
            SubmissionError: the manifest cannot be built (plain English).
            SendError: not queued (no server configured; with ``replace_only``, nothing waiting any more).
        """
        from recorder.submission import TakeEntry, build_manifest

        entries = [TakeEntry(a.take_dir, a.prompt_id, a.prompt_text, a.duration_s) for a in self.answers]
        manifest = build_manifest(
            campaign_id=self.campaign_id,
            locale=self.locale,
            person=self.person,
            consent=self.consent,
            takes=entries,
            contact=self.contact,
        )
        take_dirs = {a.take_dir.name: a.take_dir for a in self.answers}
        submission_id = outbox.queue(self.folder, manifest, take_dirs=take_dirs, replace_only=replace_only)
        kept = {a.take_dir for a in self.answers}
        for take_dir in self.retired:  # the outbox no longer names the answers the person replaced
            if take_dir not in kept:
                shutil.rmtree(take_dir, ignore_errors=True)
        return submission_id

    def changed_since(self, outbox: Outbox, submission_id: str | None) -> bool:
        """True when a send was stopped or failed and these answers are no longer the queued ones."""
        if submission_id is None or not self.answers:
            return False
        record = outbox.get(submission_id)
        if record is None or record.state not in WAITING:
            return False  # sent, or taken back: nothing waits to be replaced
        queued = {f.path.parent.resolve() for f in record.files}
        return queued != {a.take_dir.resolve() for a in self.answers}


def send_now(
    outbox: Outbox,
    submission_id: str,
    *,
    progress: Callable[[TransferProgress], None],
    cancel: threading.Event,
) -> str:
    """Send a queued submission (worker thread); its reference code. See :meth:`Outbox.send`."""
    return outbox.send(submission_id, progress=progress, cancel=cancel)


class SubmissionSession:
    """The person's submission. One per window; it subscribes to ``machine`` at once.

    Args:
        machine: the flow machine (its model holds details, consent and kept answers).
        campaign: the campaign pack (prompt wording for the manifest).
        services: clock, devices, outbox, settings.
        background: runs deletions and outbox calls off the caller's thread.
    """

    def __init__(
        self, machine: FlowMachine, campaign: Campaign, services: FlowServices, background: Background
    ) -> None:
        self.machine = machine
        self.campaign = campaign
        self.services = services
        self._background = background
        self._folder: Path | None = None
        #: every finished take this session was told about and not yet deleted
        self._takes: set[Path] = set()
        #: kept answers replaced while an older version waits in the outbox
        self._retired: list[Path] = []
        #: the take being recorded now (from its start until it is finished, failed or discarded)
        self._recording: Path | None = None
        #: takes that recorded something but could not be finished (kept with the submission, never sent)
        self._failed: set[Path] = set()
        self._last_step: Step | None = None
        #: the outbox id once Send queued this person's submission (cancelled with everything else)
        self._queued_id: str | None = None
        machine.subscribe(self._on_flow)

    # -- the folder ---------------------------------------------------------------------------------
    @property
    def folder(self) -> Path | None:
        """The submission folder, once the first take made it."""
        return self._folder

    def ensure_folder(self) -> Path:
        """The folder the takes go into, made (with its saved session) before the first frame."""
        if self._folder is None:
            folder = private_folder(self.services.data_dir / "submissions" / uuid.uuid4().hex)
            self._folder = folder
            self.save()
        return self._folder

    def save(self) -> None:
        """Save the person's place (details, consent, kept answers) next to their takes, if they have any."""
        if self._folder is None or self.machine.model.consent is None:
            return
        try:
            save_session(self._folder, self.machine.model, utc_now())
        except OSError as error:  # the takes themselves are safe; only continuing after a crash is affected
            log.warning("Could not save the session next to the recordings: %s", error)

    # -- takes --------------------------------------------------------------------------------------
    def take_on_screen(self) -> FinishedTake | None:
        """The take to show while checking: the new one, else the answer kept earlier for this prompt."""
        model, state = self.machine.model, self.machine.state
        if state.step is not Step.PROMPT or state.phase not in (Phase.CHECK, Phase.WATCH_BACK):
            return None
        take_dir = model.current_take_dir
        if take_dir is None:
            kept = model.kept.get(self.machine.prompt_ids[state.prompt_index])
            take_dir = None if kept is None else kept.take_dir
        if take_dir is None:
            return None
        from recorder.takes.pipeline import read_finished

        return read_finished(Path(take_dir))

    def recording_started(self, take_dir: Path) -> None:
        """A take is being recorded: it is this session's until it is finished, fails or is discarded."""
        self._recording = take_dir

    def take_finished(self, finished: FinishedTake) -> bool:
        """A take the page recorded is finished: check it now if the person is still waiting for it.

        Returns:
            True when it became the take being checked; False when the person had moved on (it is deleted).
        """
        self._recording_ended(finished.take_dir)
        self._takes.add(finished.take_dir)
        state = self.machine.state
        if state.step is Step.PROMPT and state.phase is Phase.FINISHING:
            self.machine.take_ready(str(finished.take_dir))
            return True
        self._tidy()
        return False

    def take_failed(self, take_dir: Path, reason: str, *, recorded_nothing: bool) -> None:
        """A take could not be finished: the person is asked to record it again (``reason``, plain English).

        A take that recorded nothing (stopped before the camera's first picture) is deleted; one that
        recorded something stays with the submission (deleted with it on Cancel, never sent).
        """
        self._recording_ended(take_dir)
        if recorded_nothing:
            self._delete([take_dir], "delete an empty take")
        else:
            self._failed.add(take_dir)
        state = self.machine.state
        if state.step is Step.PROMPT and state.phase is Phase.FINISHING:
            self.machine.take_failed(reason)

    def _recording_ended(self, take_dir: Path) -> None:
        if self._recording == take_dir:
            self._recording = None

    def keep(self) -> None:
        """Keep the take on screen for this prompt (a new one, or the answer kept earlier, again).

        Raises:
            FlowError: there is nothing to keep now.
        """
        finished = self.take_on_screen()
        if finished is None:
            from recorder.flow.model import FlowError

            raise FlowError("There is no finished take to keep.")
        self.machine.keep(finished.duration_s, take_dir=str(finished.take_dir))

    def trimmed(self, finished: FinishedTake) -> None:
        """The take on screen was cut: a kept answer keeps its new length."""
        model = self.machine.model
        for prompt_id, kept in list(model.kept.items()):
            if Path(kept.take_dir) == finished.take_dir:
                model.kept[prompt_id] = KeptTake(prompt_id, kept.take_dir, finished.duration_s)
                self.save()

    def discard_recording(self, take_dir: Path) -> None:
        """A take stopped before it was finished (the person went back): delete it, off this thread."""
        self._recording_ended(take_dir)
        self._delete([take_dir], "delete a take not kept")

    def takes_in_use(self) -> set[Path]:
        """The take folders this submission names: being recorded or checked, kept, retired or failed."""
        model = self.machine.model
        named = {Path(k.take_dir) for k in model.kept.values()} | set(self._retired) | self._failed
        if model.current_take_dir is not None:
            named.add(Path(model.current_take_dir))
        if self._recording is not None:
            named.add(self._recording)
        return named

    def _tidy(self) -> None:
        """Retire or delete every take this session knows that nothing names any more."""
        dropped = self._takes - self.takes_in_use()
        if not dropped:
            return
        self._takes -= dropped
        if self.machine.model.submission_id is not None:
            # An older version waits in the outbox and may name these: deleted once the newer one is queued.
            self._retired.extend(sorted(dropped))
            self._takes |= dropped
            return
        self._delete(sorted(dropped), "delete takes not kept")

    # -- sending ------------------------------------------------------------------------------------
    def send_plan(self) -> SendPlan:
        """What Send queues now: the kept answers in prompt order with the details and consent (UI thread).

        Raises:
            SubmissionError: there is no consent record (the flow allows Send only after consent).
        """
        from recorder.submission import SubmissionError, consent_record

        model = self.machine.model
        if model.consent is None:
            raise SubmissionError(
                "There is no consent record to send with the video.", code=MessageCode.NO_CONSENT_RECORD
            )
        locale = model.locale
        answers = tuple(
            Answer(
                Path(k.take_dir),
                k.prompt_id,
                self.campaign.prompt(k.prompt_id).text.get(locale),
                k.duration_s,
            )
            for k in self.machine.kept_in_order()
        )
        return SendPlan(
            folder=self.ensure_folder(),
            campaign_id=self.campaign.id,
            locale=locale,
            person={key: replace(getattr(model, key)) for key in ("name", "job_title", "employer")},
            consent=consent_record(
                model.consent.version_id,
                model.consent.text_sha256,
                model.consent.choices,
                model.consent.given_utc,
            ),
            answers=answers,
            contact=dict(model.contact) if model.consent.choices.get(CONTACT_CHOICE) else {},
            retired=tuple(self._retired),
        )

    def queued(self, submission_id: str, plan: SendPlan) -> None:
        """The plan's answers are queued as ``submission_id`` (UI thread): the retired takes are gone."""
        self.machine.model.submission_id = submission_id
        self._queued_id = submission_id
        self._retired = [t for t in self._retired if t not in plan.retired]
        self._takes -= set(plan.retired)

    # -- forgetting ---------------------------------------------------------------------------------
    def forget(self, *, delete: bool) -> None:
        """Start a fresh submission next time; with ``delete``, remove this one's files (off this thread).

        After Cancel the person's recordings must not stay on a shared PC, and a send that was stopped or
        failed is cancelled in the outbox so it is not sent at the next start; after Done the outbox owns
        the files and deletes them once the server confirmed.
        """
        queued_id, folder = self._queued_id, self._folder
        self._queued_id, self._folder = None, None
        self._takes.clear()
        self._retired.clear()
        self._failed.clear()
        self._recording = None
        if delete and queued_id is not None:
            self._cancel_queued(queued_id)
        if folder is None:
            return
        if delete:
            self._delete([folder], "delete discarded takes")
        else:
            forget_session(folder)  # sent: the outbox deletes the takes; the person's details go now

    def discard_person(self, on_checked: Callable[[DiscardCheck], None]) -> None:
        """Everything of this person goes now: the form and consent (the flow returns to Welcome), every take
        and the submission folder, and a send waiting in the outbox (cancelled, so nothing is sent); then a
        worker checks that none of it remains and reports on this thread (``on_checked``).

        Used when nobody answered "Are you still there?" in booth mode. From Done (the outbox owns what
        was sent) it only starts again.
        """
        queued_id, folder = self._queued_id, self._folder
        targets = sorted(
            {*([folder] if folder is not None else []), *self._takes, *self._failed, *self._retired}
        )
        if self._recording is not None:
            targets.append(self._recording)
        sent = self.machine.state.step is Step.DONE
        self._queued_id, self._folder = (
            None,
            None,
        )  # so following the flow back to Welcome deletes nothing twice
        self._takes.clear()
        self._retired.clear()
        self._failed.clear()
        self._recording = None
        event = Event.START_OVER if sent else Event.CANCEL
        if self.machine.can_fire(event):
            self.machine.fire(event, confirmed=True)
        if sent:
            if folder is not None:
                forget_session(folder)
            on_checked(DiscardCheck())
            return
        outbox = self.services.outbox
        self._background.run(
            lambda: discard_files(outbox, queued_id, targets),
            name="discard everything of the person",
            on_done=on_checked,
            on_failed=lambda e: on_checked(DiscardCheck(tuple(targets), queued_id is not None)),
        )

    def close(self, *, delete: bool) -> None:
        """The app is closing; with ``delete`` (the person agreed to lose what was recorded) the folder goes
        now, on this thread, not at some later start (a shared computer), and a version of it waiting in the
        outbox (a send that failed before they changed an answer) is cancelled, as after Cancel."""
        folder, self._folder = self._folder, None
        queued_id, self._queued_id = self._queued_id, None
        if delete and queued_id is not None:
            self._cancel_queued(queued_id)
        if delete and folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def _cancel_queued(self, submission_id: str) -> None:
        """Cancel a queued version in the outbox (off this thread): it is not sent, and a version the server
        has seen is discarded there too."""
        services = self.services
        self._background.run(
            lambda: services.outbox().cancel(submission_id),
            name="cancel queued submission",
            on_failed=lambda e: log.warning("Could not cancel a queued submission: %s", e),
        )

    # -- after a crash ------------------------------------------------------------------------------
    def interrupted(self) -> tuple[SavedSession | None, list[Path]]:
        """The newest saved session to continue (others come next time) and takes a crash interrupted."""
        data_dir = self.services.data_dir
        sessions = find_sessions(data_dir)
        return (sessions[-1] if sessions else None), list(find_interrupted(data_dir))

    @staticmethod
    def recover(take_dirs: Sequence[Path]) -> tuple[int, list[BaseException]]:
        """Finish interrupted takes up to their last written frame (worker thread); saved count, problems."""
        saved, problems = 0, list[BaseException]()
        for take_dir in take_dirs:
            try:
                recover_take(take_dir)
                saved += 1
            except Exception as error:  # one broken take must not stop the others
                log.warning("Recovering %s failed: %s", take_dir.name, error)
                problems.append(error)
        return saved, problems

    def resume(self, saved: SavedSession) -> FlowModel:
        """Continue a saved session (its takes finished): its folder is this session's, the flow goes to
        check and send, and takes of it that answer nothing are deleted.

        Raises:
            FlowError: nothing in it can be continued (no consent, or no answer for this campaign).
        """
        model = saved.restored_model()
        self.machine.resume(model)
        self._folder = saved.folder
        kept = {Path(k.take_dir) for k in model.kept.values()}
        others = [p.parent for p in (saved.folder / "takes").glob("*/journal.json") if p.parent not in kept]
        self._takes = set(kept)
        if others:
            self._delete(others, "delete takes not continued")
        self.save()
        return model

    @staticmethod
    def delete_folders(folders: Sequence[Path]) -> None:
        """Delete folders of recordings the person chose to delete (worker thread)."""
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)

    # -- following the flow -------------------------------------------------------------------------
    def _on_flow(self, state: FlowState) -> None:
        """After every transition: forget everything on a fresh start, keep the saved session up to date
        while recording and checking, forget it once the outbox holds the submission, and tidy the takes."""
        last = self._last_step
        self._last_step = state.step
        if state.step is Step.WELCOME and last not in (None, Step.WELCOME, Step.RECOVERY):
            self.forget(delete=last is not Step.DONE)
            return
        if self.machine.model.submission_id is not None:
            self._queued_id = self.machine.model.submission_id
        self._tidy()
        if state.step in _SAVING_STEPS:
            self.save()
        elif state.step in (Step.SENDING, Step.DONE) and self._folder is not None:
            forget_session(self._folder)  # queued in the outbox from here on, which resumes it after a crash

    def _delete(self, paths: Sequence[Path], name: str) -> None:
        targets = list(paths)

        def work() -> None:
            for target in targets:
                shutil.rmtree(target, ignore_errors=True)

        self._background.run(
            work, name=name, on_failed=lambda e: log.warning("Could not delete recordings: %s", e)
        )

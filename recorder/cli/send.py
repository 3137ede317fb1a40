"""``voicebooth send DIR --server URL --key KEY [--details FILE] [--data-dir DIR]``: queue and send a folder.

Prints progress on standard error and the reference code alone on the last line of standard output. Running it
again after an interruption (a killed process, a dropped network) resumes from the server's offset; running it
after success prints the same reference. A folder recorded into again after it was sent (or queued) holds
takes the server does not: they are sent as a new submission, which needs ``--details`` (without it nothing is
sent, the takes stay, and the exit code is 2). Nothing the server says is printed without its control
characters escaped, and a reference is printed only in the documented shape. Exit codes: 0 sent, 1 not sent
yet (still queued, or failed: the message says why), 2 bad input, 130 interrupted. ``--data-dir`` chooses the
data folder whose outbox is used (default: the configured one), so a demo or a script never touches the
person's real outbox.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from recorder.campaign import CampaignError, load_campaign
from recorder.cli import settings_of
from recorder.config import ConfigError
from recorder.logs import register_config_secrets, register_person_details
from recorder.net import NetworkSettings, inject_system_trust
from recorder.net.untrusted import printable
from recorder.outbox import Outbox, SendError
from recorder.outbox.states import WAITING, SubmissionState
from recorder.outbox.store import SubmissionRecord
from recorder.submission import SubmissionError, TakeEntry, build_manifest, finished_takes, read_details
from recorder.submission.manifest import DELIVERABLE_NAME, UNPROMPTED_ID, read_manifest, take_prompt_id
from recorder.upload import Stage, TransferProgress
from recorder.upload.errors import UploadCancelled

log = logging.getLogger(__name__)

OUTBOX_NAME = "outbox.sqlite3"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Queue a submission folder in the outbox and send it to the intake server."
    parser.add_argument(
        "dir", metavar="DIR", help="the submission folder (from `voicebooth record --out DIR`)"
    )
    parser.add_argument("--server", metavar="URL", help="intake server address (default: configured)")
    parser.add_argument("--key", metavar="KEY", help="upload key (default: configured)")
    parser.add_argument(
        "--details", metavar="FILE", help="JSON with the person's details and consent (see the README)"
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", help="data folder holding the outbox (default: the configured one)"
    )


def run(args: argparse.Namespace) -> int:
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    inject_system_trust()
    try:
        config = settings_of(args)(
            {"server_url": args.server, "upload_key": args.key, "data_dir": args.data_dir}
        )
    except ConfigError as error:
        return _fail(str(error), 2)
    register_config_secrets(config.network_values())  # the key given on the command line too
    network = NetworkSettings.from_config(config)
    outbox = Outbox(config.data_dir / OUTBOX_NAME, network=network)
    try:
        return _send(args, outbox, config.text("campaign_pack"), config.text("locale"))
    finally:
        outbox.close()


def _send(args: argparse.Namespace, outbox: Outbox, campaign_pack: str, default_locale: str) -> int:
    folder = Path(args.dir).resolve()
    existing = outbox.find_by_folder(folder)
    if existing is not None and existing.state not in WAITING | {SubmissionState.CONFIRMED}:
        existing = None
    sent = _confirmed_files(outbox, folder)
    new_takes = [t for t in finished_takes(folder) if t.resolve() / DELIVERABLE_NAME not in sent]
    unsent = {t.resolve() / DELIVERABLE_NAME for t in new_takes} - (_paths(existing) if existing else set())
    if existing is not None and unsent:
        # Recorded into again after it was queued or sent: the server does not hold these takes.
        if not args.details:
            said = f"sent (reference {existing.reference})" if existing.reference else "queued"
            return _fail(
                f"{len(unsent)} recording(s) in {folder} were made after it was {said}; they have not "
                "been sent. Run again with --details FILE to send them as a new submission.",
                2,
            )
        existing = None
    if existing is not None:
        submission_id = existing.submission_id
        if existing.state is not SubmissionState.CONFIRMED:
            with contextlib.suppress(SubmissionError):  # the details this run did not get from --details
                register_person_details(read_manifest(folder).get("person"))
            print(f"Resuming submission {submission_id}", file=sys.stderr)
    else:
        if not folder.is_dir():
            return _fail(f"The folder {folder} does not exist.", 2)
        if not args.details:
            return _fail("The first send of a folder needs --details FILE with the consent record.", 2)
        try:
            details = read_details(Path(args.details))
            register_person_details(details.person)  # before anything can log them
            campaign = load_campaign(campaign_pack or None)
            locale = details.locale or default_locale
            entries = []
            for take_dir in new_takes:
                prompt_id = take_prompt_id(take_dir) or UNPROMPTED_ID
                text = details.prompts.get(prompt_id)
                if text is None and prompt_id != UNPROMPTED_ID:
                    try:
                        text = campaign.prompt(prompt_id).text.get(locale)
                    except KeyError:
                        text = None
                entries.append(TakeEntry(take_dir, prompt_id=prompt_id, prompt_text=text))
            manifest = build_manifest(
                campaign_id=details.campaign_id or campaign.id,
                locale=locale,
                person=details.person,
                consent=details.consent,
                takes=entries,
            )
            submission_id = outbox.queue(folder, manifest)
        except (SubmissionError, CampaignError, SendError) as error:
            return _fail(str(error), 2)
    log.info("Sending submission %s from %s", submission_id, folder)
    cancel = threading.Event()
    restore = _on_signals(cancel)
    try:
        reference = outbox.send(submission_id, progress=_Printer(), cancel=cancel)
    except UploadCancelled:
        return _fail("Stopped; run the same command again to continue.", 130)
    except SendError as error:
        state = "It will not be sent as it is" if error.permanent else "It stays queued; run again to retry"
        return _fail(f"Not sent: {error} {state}.", 1)
    finally:
        restore()
    print(printable(reference), flush=True)  # checked against the documented shape before it was stored
    return 0


def _paths(record: SubmissionRecord) -> set[Path]:
    return {f.path for f in record.files}


def _confirmed_files(outbox: Outbox, folder: Path) -> set[Path]:
    """The deliverables of ``folder`` the server confirmed (their deletion may still be owed)."""
    return {
        path
        for record in outbox.list()
        if record.folder == folder and record.state is SubmissionState.CONFIRMED
        for path in _paths(record)
    }


class _Printer:
    """Progress on standard error, at most twice a second."""

    def __init__(self) -> None:
        self._last_s = 0.0

    def __call__(self, snapshot: TransferProgress) -> None:
        now = time.monotonic()
        if snapshot.stage is Stage.UPLOADING and now - self._last_s < 0.5:
            return
        self._last_s = now
        rate = f"{snapshot.rate_bytes_s / 1e6:.1f} MB/s" if snapshot.rate_bytes_s else "…"
        eta = f", about {snapshot.eta_s:.0f} s left" if snapshot.eta_s is not None else ""
        print(
            f"{snapshot.stage}: {snapshot.bytes_sent}/{snapshot.bytes_total} bytes, {rate}{eta}",
            file=sys.stderr,
            flush=True,
        )


def _on_signals(cancel: threading.Event) -> Callable[[], None]:
    """Ctrl+C / SIGTERM stop between chunks (only possible on the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def handler(_signum: int, _frame: FrameType | None) -> None:
        cancel.set()

    for sig in previous:
        signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore


def _fail(message: str, code: int) -> int:
    print(printable(message), file=sys.stderr, flush=True)
    return code

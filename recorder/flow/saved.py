"""The person's place in the flow, saved next to their takes, so a crash never strands their answers.

While someone is recording, ``session.json`` in their submission folder holds what the flow machine knows
and the disk does not: the language, the details they chose to give, their consent record and which take
they kept for which question. It is rewritten atomically after every change. If Voicebooth dies before the
video is sent, the next start finds the folder (:func:`find_sessions`) and offers to continue: the takes on
disk (the kept ones, plus a take that was being recorded or checked for a question with no kept answer)
come back as the kept answers of a restored :class:`~recorder.flow.FlowModel`, and the person goes straight
to check and send. The file is deleted when the folder is handed to the outbox, cancelled or sent.

A folder that the outbox owns (``manifest.json`` is there) is not a session to resume: the outbox sends it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recorder.flow.model import ConsentRecord, FlowModel, KeptTake, PersonField
from recorder.submission.manifest import MANIFEST_NAME
from recorder.takes.journal import JOURNAL_NAME

log = logging.getLogger(__name__)

SESSION_NAME = "session.json"
SCHEMA = 1
PERSON_FIELDS = ("name", "job_title", "employer")


@dataclass
class SavedSession:
    """A session found on disk.

    Attributes:
        folder: the submission folder.
        model: the restored flow model (consent, details; ``kept`` as saved).
        saved_utc: when it was last written (for the recovery screen).
        unkept: take folders on disk that are not kept, by question (newest last): candidates for
            questions without a kept answer once they are finished.
    """

    folder: Path
    model: FlowModel
    saved_utc: str = ""
    unkept: dict[str, list[Path]] = field(default_factory=dict)

    def answers(self) -> dict[str, Path]:
        """Question id -> the take folder that answers it: the kept take, else the newest finished one."""
        chosen = {pid: Path(k.take_dir) for pid, k in self.model.kept.items() if _finished(Path(k.take_dir))}
        for prompt_id, takes in self.unkept.items():
            finished = [t for t in takes if _finished(t)]
            if prompt_id not in chosen and finished:
                chosen[prompt_id] = finished[-1]
        return chosen

    def restored_model(self) -> FlowModel:
        """The saved model with :meth:`answers` as its kept takes (call after recovering the takes)."""
        saved = {pid: k for pid, k in self.model.kept.items()}
        model = FlowModel(
            locale=self.model.locale,
            name=self.model.name,
            job_title=self.model.job_title,
            employer=self.model.employer,
            consent=self.model.consent,
            contact=dict(self.model.contact),
        )
        for prompt_id, take_dir in self.answers().items():
            earlier = saved.get(prompt_id)
            if earlier is not None and Path(earlier.take_dir) == take_dir:
                duration_s = earlier.duration_s
            else:
                duration_s = _duration_s(take_dir)
            model.kept[prompt_id] = KeptTake(prompt_id, str(take_dir), duration_s)
        return model


def save_session(folder: Path, model: FlowModel, saved_utc: str) -> None:
    """Write ``folder/session.json`` atomically (temp file, fsync, rename).

    Raises:
        OSError: the folder cannot be written.
    """
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "saved_utc": saved_utc,
        "locale": model.locale,
        "person": {
            key: {"value": getattr(model, key).value, "show": getattr(model, key).show}
            for key in PERSON_FIELDS
            if getattr(model, key).value
        },
        "consent": None
        if model.consent is None
        else {
            "version_id": model.consent.version_id,
            "text_sha256": model.consent.text_sha256,
            "choices": model.consent.choices,
            "given_utc": model.consent.given_utc,
        },
        "contact": model.contact,
        "kept": [
            {"prompt_id": k.prompt_id, "take": Path(k.take_dir).name, "duration_s": k.duration_s}
            for k in model.kept.values()
        ],
    }
    fd, tmp = tempfile.mkstemp(prefix=".session-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, folder / SESSION_NAME)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def forget_session(folder: Path) -> None:
    """Delete ``folder/session.json`` (the folder is sent, queued or discarded)."""
    with contextlib.suppress(FileNotFoundError):
        (folder / SESSION_NAME).unlink()


def load_session(folder: Path) -> SavedSession | None:
    """The session saved in ``folder``, or None when there is none or it cannot be read (logged)."""
    path = folder / SESSION_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        model = FlowModel(locale=str(data.get("locale") or "en"))
        for key, value in (data.get("person") or {}).items():
            if key in PERSON_FIELDS:
                setattr(model, key, PersonField(str(value["value"]), bool(value["show"])))
        model.contact = {str(k): str(v) for k, v in (data.get("contact") or {}).items()}
        consent = data.get("consent")
        if consent is not None:
            model.consent = ConsentRecord(
                version_id=str(consent["version_id"]),
                text_sha256=str(consent["text_sha256"]),
                choices={str(k): bool(v) for k, v in consent["choices"].items()},
                given_utc=str(consent["given_utc"]),
            )
        takes_dir = folder / "takes"
        for kept in data.get("kept") or []:
            take_dir = takes_dir / str(kept["take"])
            prompt_id = str(kept["prompt_id"])
            model.kept[prompt_id] = KeptTake(prompt_id, str(take_dir), float(kept["duration_s"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("A saved session could not be read (%s): %s", folder.name, exc)
        return None
    kept_dirs = {Path(k.take_dir) for k in model.kept.values()}
    unkept: dict[str, list[Path]] = {}
    for journal in sorted(takes_dir.glob(f"*/{JOURNAL_NAME}")):  # take ids sort by time
        if journal.parent in kept_dirs:
            continue
        try:
            prompt_id = json.loads(journal.read_text(encoding="utf-8")).get("prompt_id")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(prompt_id, str):
            unkept.setdefault(prompt_id, []).append(journal.parent)
    return SavedSession(folder, model, str(data.get("saved_utc") or ""), unkept)


def find_sessions(data_dir: Path) -> list[SavedSession]:
    """Sessions under ``data_dir/submissions`` that can be continued, oldest first.

    Tidies up on the way: a ``session.json`` in a folder the outbox owns, or one whose takes are all gone,
    is deleted (it would only keep the person's details on the computer).
    """
    found: list[SavedSession] = []
    for path in sorted((data_dir / "submissions").glob(f"*/{SESSION_NAME}")):
        folder = path.parent
        if (folder / MANIFEST_NAME).exists():
            forget_session(folder)  # queued: the outbox sends it and deletes the folder
            continue
        session = load_session(folder)
        if session is None:
            continue
        if session.model.consent is None or not any((folder / "takes").glob(f"*/{JOURNAL_NAME}")):
            forget_session(folder)  # nothing was recorded, so there is nothing to continue
            for empty in (folder / "takes", folder):
                with contextlib.suppress(OSError):
                    empty.rmdir()  # only when empty
            continue
        found.append(session)
    found.sort(key=lambda s: s.saved_utc)
    return found


def _finished(take_dir: Path) -> bool:
    return (take_dir / "deliverable.mp4").is_file()


def _duration_s(take_dir: Path) -> float:
    """The finished take's length from its ``check.json`` (0 when it cannot be read)."""
    try:
        return float(json.loads((take_dir / "check.json").read_text(encoding="utf-8"))["duration_s"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0.0

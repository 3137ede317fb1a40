"""Stable codes for the core's plain-English messages, so the UI can show each one in the person's language.

The core (Qt-free) words its errors in English; those sentences stay as they are for logs and the command
line. An error the support-worker flow can show also carries a :class:`MessageCode` and the values its
sentence names (``message_params``), and the UI maps the code to a translated sentence
(``ui/core_messages.py``). Codes are part of the contract (docs/CONTRACTS.md section 4): never rename
one; add new ones. An error without a code is shown as its English message.

Usage::

    raise SourceError("No camera was found at number 3. ...", code=MessageCode.CAMERA_NOT_FOUND,
                      params={"number": 3})
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Params = Mapping[str, object]
_NO_PARAMS: Params = MappingProxyType({})


class MessageCode(enum.StrEnum):
    """Every message the core gives the support-worker flow. The value is the stable code."""

    # -- cameras (SourceError, DeviceList.explanation, privacy) ---------------------------------------
    NO_CAMERA = "no_camera"  # the device list is empty
    CAMERA_NOT_FOUND = "camera_not_found"  # {number}
    CAMERA_URI_INVALID = "camera_uri_invalid"  # {uri}
    CAMERA_STOPPED = "camera_stopped"  # it stopped sending pictures (or never sent any: held by a program)
    CAMERA_FAILED = "camera_failed"  # a driver error
    CAMERA_BLOCKED_BY_POLICY = "camera_blocked_by_policy"  # {setting}
    CAMERA_BLOCKED_FOR_PC = "camera_blocked_for_pc"
    CAMERA_BLOCKED_FOR_USER = "camera_blocked_for_user"
    # -- microphones --------------------------------------------------------------------------------
    NO_MICROPHONE = "no_microphone"
    MICROPHONE_NOT_FOUND = "microphone_not_found"  # {name}
    MICROPHONE_URI_INVALID = "microphone_uri_invalid"  # {uri}
    MICROPHONE_UNAVAILABLE = "microphone_unavailable"  # Qt's audio could not be used from here
    MICROPHONE_FORMAT = "microphone_format"  # it cannot record at 48 kHz
    MICROPHONE_IN_USE = "microphone_in_use"  # it could not be started
    MICROPHONE_STOPPED = "microphone_stopped"
    MICROPHONE_BLOCKED_BY_POLICY = "microphone_blocked_by_policy"  # {setting}
    MICROPHONE_BLOCKED_FOR_PC = "microphone_blocked_for_pc"
    MICROPHONE_BLOCKED_FOR_USER = "microphone_blocked_for_user"
    # -- file: sources (demo, IT testing) -------------------------------------------------------------
    VIDEO_FILE_MISSING = "video_file_missing"  # {path}
    SOUND_FILE_MISSING = "sound_file_missing"  # {path}
    FILE_NOT_VIDEO = "file_not_video"  # {name}
    FILE_TOO_SHORT = "file_too_short"  # {name}
    FILE_NO_SOUND = "file_no_sound"  # {name}
    FILE_DAMAGED = "file_damaged"  # {name}
    FILE_TOOL_MISSING = "file_tool_missing"  # ffmpeg could not be started
    # -- a take (RecordingError) -------------------------------------------------------------------
    FOLDER_NOT_CREATED = "folder_not_created"  # {folder}
    FOLDER_NOT_WRITABLE = "folder_not_writable"  # {folder}
    DISK_TOO_FULL = "disk_too_full"  # {need_mb} {free_mb}
    RECORDING_NOT_STARTED = "recording_not_started"  # a file could not be written / the encoder failed
    RECORDING_DISK_FULL = "recording_disk_full"  # the disk filled up while starting
    RECORDING_ALREADY_STARTED = "recording_already_started"
    RECORDING_NOT_SAVED_IN_TIME = "recording_not_saved_in_time"
    # -- finishing and recovering a take (FinishError, RecoveryError) ----------------------------------
    TAKE_IN_USE = "take_in_use"  # another Voicebooth window holds the take
    TAKE_NO_VIDEO = "take_no_video"
    TAKE_NO_SOUND = "take_no_sound"
    TRIM_TOO_SHORT = "trim_too_short"
    FINISH_DISK_FULL = "finish_disk_full"
    FINISH_FILE_ERROR = "finish_file_error"
    FINISH_TOOL_FAILED = "finish_tool_failed"  # ffmpeg/ffprobe failed on the take (its words are technical)
    RECOVERY_NOTHING_SAVED = "recovery_nothing_saved"  # closed before any picture was recorded
    RECOVERY_UNREADABLE = "recovery_unreadable"
    # -- sending (SendError, UploadError / ApiError) ---------------------------------------------------
    NO_SERVER_ADDRESS = "no_server_address"
    NO_UPLOAD_KEY = "no_upload_key"
    NOT_IN_OUTBOX = "not_in_outbox"
    SUBMISSION_CANCELLED = "submission_cancelled"
    SUBMISSION_NOT_WAITING = "submission_not_waiting"
    EARLIER_VERSION_SENT = "earlier_version_sent"
    SERVER_UNREACHABLE = "server_unreachable"  # {host}: refused (it may be down)
    SERVER_NOT_FOUND = "server_not_found"  # {host}: the address is unknown
    SERVER_TIMEOUT = "server_timeout"  # {host}: no connection / no answer in time
    CONNECTION_LOST = "connection_lost"  # {host}
    NETWORK_PROBLEM = "network_problem"  # {host}
    PROXY_REFUSED = "proxy_refused"  # {host}
    CONNECTION_NOT_TRUSTED = "connection_not_trusted"  # {host}: TLS inspection without the CA
    SECURE_CONNECTION_FAILED = "secure_connection_failed"  # {host}
    SERVER_TEMPORARY_PROBLEM = "server_temporary_problem"  # {status}
    UPLOAD_KEY_REFUSED = "upload_key_refused"
    SERVER_REFUSED = "server_refused"  # {detail}: the server refused a request (its words are English)
    SERVER_ANSWER_UNEXPECTED = "server_answer_unexpected"
    SERVER_SENT_ELSEWHERE = "server_sent_elsewhere"  # {host}: a redirect or upload URL elsewhere
    VIDEO_TOO_LARGE = "video_too_large"
    NETWORK_REFUSES_PARTS = "network_refuses_parts"  # HTTP 413 even at the smallest chunk size
    VIDEO_FILE_GONE = "video_file_gone"  # {name}: deleted from this computer after queueing
    VIDEO_FILE_CHANGED = "video_file_changed"  # {name}
    SUBMISSION_FOLDER_CHANGED = "submission_folder_changed"
    VIDEO_SENT_AGAIN = "video_sent_again"  # the server lost a finished upload: it is sent again next time
    NO_CONSENT_RECORD = "no_consent_record"
    CA_BUNDLE_MISSING = "ca_bundle_missing"  # {path}: the extra CA file IT configured is not there
    CA_BUNDLE_UNREADABLE = "ca_bundle_unreadable"  # {path}: not PEM certificates
    LOCAL_FILES_NOT_DELETED = "local_files_not_deleted"  # {count} {folder}: tried again at the next start
    CONSENT_WORDING_UNKNOWN = "consent_wording_unknown"  # the server holds other consent wording (422)
    # -- review mode (ReviewError; a connection failure has a code of the sending side's above) -------
    SIGN_IN_MISSING = "sign_in_missing"  # no user name or password typed
    SIGN_IN_WRONG = "sign_in_wrong"
    SIGN_IN_LOCKED = "sign_in_locked"  # too many wrong passwords (the server's words say for how long)
    SIGNED_OUT = "signed_out"  # the sign-in expired or was ended
    SIGN_IN_NOT_KEPT = "sign_in_not_kept"  # the computer's password store refused it
    SERVER_FAILED = "server_failed"  # HTTP 5xx
    NOT_AN_INTAKE_SERVER = "not_an_intake_server"  # {host}: the answer is not this API's
    NOT_ON_SERVER = "not_on_server"  # HTTP 404/410 for a submission (removed, withdrawn, purged)
    VIDEO_NOT_ON_SERVER = "video_not_on_server"  # the take's video is gone (withdrawn, expired, lost)
    VIDEO_ARRIVED_DAMAGED = "video_arrived_damaged"  # a download's SHA-256 is not the recorded one
    ANSWER_NOT_IN_SUBMISSION = "answer_not_in_submission"
    REQUEST_REFUSED = "request_refused"  # {reason}: the server's own words (English)
    WITHDRAWAL_NOTE_MISSING = "withdrawal_note_missing"
    WORDING_NOTE_MISSING = "wording_note_missing"
    COMMENT_MISSING = "comment_missing"


@dataclass(frozen=True)
class CodedMessage:
    """A plain-English sentence that is not an exception (a blocked device's reason, a device list's note)."""

    text: str
    code: MessageCode | None = None
    params: Params = field(default_factory=lambda: _NO_PARAMS)

    def __str__(self) -> str:
        return self.text


class CodedError(Exception):
    """An exception whose plain-English message has a :class:`MessageCode` (None: shown as it is).

    Subclasses keep their own constructor arguments and pass ``code`` and ``params`` on, keyword-only.

    Attributes:
        message_code: the stable code, or None when the message has none.
        message_params: the values the sentence names (numbers, file names, hosts), for the translation.
    """

    def __init__(self, *args: object, code: MessageCode | None = None, params: Params | None = None) -> None:
        super().__init__(*args)
        self.message_code = code
        self.message_params: Params = MappingProxyType(dict(params)) if params else _NO_PARAMS


def code_of(error: BaseException | None) -> MessageCode | None:
    """The message code of ``error`` (None for an exception without one)."""
    code = getattr(error, "message_code", None)
    return code if isinstance(code, MessageCode) else None


def params_of(error: BaseException | None) -> Params:
    """The values ``error``'s sentence names (empty for an exception without a code)."""
    params = getattr(error, "message_params", None)
    return params if isinstance(params, Mapping) else _NO_PARAMS

"""The core's plain-English messages (devices, recording, sending, review) in the app's language, by code.

The Qt-free core words its errors in English and gives each one the app can show a stable
:class:`recorder.messages.MessageCode` with the values its sentence names. Here every code has its sentence
written out for the translation catalogue (``translate`` needs literal strings), so lupdate finds them and
the Welsh catalogue holds them. In English the core's own sentence is shown, word for word as in the log.
A message without a code, or with a code this table does not know, is shown as the core wrote it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from recorder.messages import MessageCode, code_of, params_of
from ui.i18n import in_source_language, translate

log = logging.getLogger(__name__)


def message_text(
    code: MessageCode | str | None, english: str, params: Mapping[str, object] | None = None
) -> str:
    """``english`` (the core's sentence) in the current language, chosen by its ``code``.

    Args:
        code: the message's code (None, or one not known here: ``english`` is shown).
        english: the core's plain-English sentence, shown when the app is in English.
        params: the values the sentence names (``{number}``, ``{host}``...).
    """
    if code is None or in_source_language():
        return english
    template = templates().get(str(code))
    if template is None:
        return english
    try:
        return template.format(**dict(params or {}))
    except (KeyError, IndexError, ValueError) as error:  # a translation naming a value the core did not give
        log.info("The translation of message %s could not be filled in (%r); shown in English", code, error)
        return english


def error_text(error: BaseException) -> str:
    """What ``error`` says, in the current language when the core gave it a code (else as it is)."""
    english = str(error).strip() or type(error).__name__
    return message_text(code_of(error), english, params_of(error))


def templates() -> dict[str, str]:
    """Code -> the translated sentence (``{name}`` placeholders as the core's ``message_params``)."""
    c = MessageCode
    return {
        # -- cameras ----------------------------------------------------------------------------------
        c.NO_CAMERA: translate(
            "CoreMessages",
            "No camera was found. Plug in a webcam (or check it is switched on), then choose Try again. "
            "If the camera is built in, check no other program is using it.",
        ),
        c.CAMERA_NOT_FOUND: translate(
            "CoreMessages",
            "No camera was found at number {number}. Check it is plugged in and not used by another program.",
        ),
        c.CAMERA_URI_INVALID: translate(
            "CoreMessages", "{uri} is not a camera Voicebooth knows. Ask IT to check the camera setting."
        ),
        c.CAMERA_STOPPED: translate(
            "CoreMessages", "The camera stopped sending pictures. Check it is still plugged in."
        ),
        c.CAMERA_FAILED: translate(
            "CoreMessages", "The camera stopped working. Check it is still plugged in, then try again."
        ),
        c.CAMERA_BLOCKED_BY_POLICY: translate(
            "CoreMessages",
            "Windows Group Policy blocks the camera for apps on this PC ({setting}). Ask IT to set "
            "'Let Windows apps access the camera' to 'User is in control' or 'Force Allow'.",
        ),
        c.CAMERA_BLOCKED_FOR_PC: translate(
            "CoreMessages",
            "Camera access is turned off for this PC in Windows Settings > Privacy and security > Camera "
            "(an administrator must turn it on).",
        ),
        c.CAMERA_BLOCKED_FOR_USER: translate(
            "CoreMessages",
            "'Let desktop apps access your camera' is off for this user in Windows Settings > Privacy and "
            "security > Camera. Turn it on, then start Voicebooth again.",
        ),
        # -- microphones ------------------------------------------------------------------------------
        c.NO_MICROPHONE: translate(
            "CoreMessages",
            "No microphone was found. Plug in a headset or microphone (or check it is switched on), "
            "then choose Try again.",
        ),
        c.MICROPHONE_NOT_FOUND: translate(
            "CoreMessages",
            "The microphone {name} was not found. Check it is plugged in, or choose another one.",
        ),
        c.MICROPHONE_URI_INVALID: translate(
            "CoreMessages",
            "{uri} is not a microphone Voicebooth knows. Ask IT to check the microphone setting.",
        ),
        c.MICROPHONE_UNAVAILABLE: translate(
            "CoreMessages", "The microphone could not be opened from this part of the program."
        ),
        c.MICROPHONE_FORMAT: translate(
            "CoreMessages", "The microphone cannot record at 48 kHz. Choose another microphone."
        ),
        c.MICROPHONE_IN_USE: translate(
            "CoreMessages", "The microphone could not be started. It may be in use by another program."
        ),
        c.MICROPHONE_STOPPED: translate(
            "CoreMessages", "The microphone stopped working. Check it is still plugged in."
        ),
        c.MICROPHONE_BLOCKED_BY_POLICY: translate(
            "CoreMessages",
            "Windows Group Policy blocks the microphone for apps on this PC ({setting}). Ask IT to set "
            "'Let Windows apps access the microphone' to 'User is in control' or 'Force Allow'.",
        ),
        c.MICROPHONE_BLOCKED_FOR_PC: translate(
            "CoreMessages",
            "Microphone access is turned off for this PC in Windows Settings > Privacy and security > "
            "Microphone (an administrator must turn it on).",
        ),
        c.MICROPHONE_BLOCKED_FOR_USER: translate(
            "CoreMessages",
            "'Let desktop apps access your microphone' is off for this user in Windows Settings > "
            "Privacy and security > Microphone. Turn it on, then start Voicebooth again.",
        ),
        # -- file: sources ----------------------------------------------------------------------------
        c.VIDEO_FILE_MISSING: translate("CoreMessages", "The video file {path} does not exist."),
        c.SOUND_FILE_MISSING: translate("CoreMessages", "The sound file {path} does not exist."),
        c.FILE_NOT_VIDEO: translate("CoreMessages", "The file {name} is not a video we can play."),
        c.FILE_TOO_SHORT: translate(
            "CoreMessages", "The file {name} is a picture or too short; a video is needed."
        ),
        c.FILE_NO_SOUND: translate("CoreMessages", "The file {name} has no sound we can play."),
        c.FILE_DAMAGED: translate(
            "CoreMessages", "The file {name} is damaged and could not be read to the end."
        ),
        c.FILE_TOOL_MISSING: translate(
            "CoreMessages", "The video tool (ffmpeg) could not be started to read the file."
        ),
        # -- a take -----------------------------------------------------------------------------------
        c.FOLDER_NOT_CREATED: translate(
            "CoreMessages",
            "Voicebooth cannot create the folder for recordings ({folder}). Ask IT to check the folder "
            "exists and you are allowed to save there.",
        ),
        c.FOLDER_NOT_WRITABLE: translate(
            "CoreMessages",
            "Voicebooth cannot save recordings in {folder}: the folder is read-only or you are not allowed "
            "to write there. Ask IT to check the data folder.",
        ),
        c.DISK_TOO_FULL: translate(
            "CoreMessages",
            "There is not enough free disk space to record: this recording needs about {need_mb} MB but "
            "only {free_mb} MB are free. Delete some files or ask IT.",
        ),
        c.RECORDING_NOT_STARTED: translate(
            "CoreMessages",
            "The recording could not start: a file could not be written or the video tool failed.",
        ),
        c.RECORDING_DISK_FULL: translate("CoreMessages", "The recording could not start: the disk is full."),
        c.RECORDING_ALREADY_STARTED: translate("CoreMessages", "This recording has already been started."),
        c.RECORDING_NOT_SAVED_IN_TIME: translate(
            "CoreMessages", "The recording did not finish saving in time."
        ),
        # -- finishing and recovering a take ---------------------------------------------------------
        c.TAKE_IN_USE: translate("CoreMessages", "This recording is in use by another Voicebooth window."),
        c.TAKE_NO_VIDEO: translate("CoreMessages", "The recording has no video frames."),
        c.TAKE_NO_SOUND: translate("CoreMessages", "The recording has no sound file."),
        c.TRIM_TOO_SHORT: translate("CoreMessages", "The part of the recording to keep is too short."),
        c.FINISH_DISK_FULL: translate(
            "CoreMessages", "There is not enough free disk space to finish the recording."
        ),
        c.FINISH_FILE_ERROR: translate(
            "CoreMessages", "The recording could not be finished because a file could not be read or written."
        ),
        c.FINISH_TOOL_FAILED: translate("CoreMessages", "The video tool could not finish the recording."),
        c.RECOVERY_NOTHING_SAVED: translate(
            "CoreMessages", "Nothing could be saved: Voicebooth closed before any picture was recorded."
        ),
        c.RECOVERY_UNREADABLE: translate("CoreMessages", "The unfinished recording could not be read."),
        # -- sending ----------------------------------------------------------------------------------
        c.NO_SERVER_ADDRESS: translate(
            "CoreMessages", "No intake server address is set (ask IT to set server_url)."
        ),
        c.NO_UPLOAD_KEY: translate(
            "CoreMessages", "No upload key is set on this computer (ask IT to set upload_key)."
        ),
        c.NOT_IN_OUTBOX: translate("CoreMessages", "This submission is not in the outbox."),
        c.SUBMISSION_CANCELLED: translate("CoreMessages", "This submission was cancelled."),
        c.SUBMISSION_NOT_WAITING: translate(
            "CoreMessages", "This submission is no longer waiting to be sent."
        ),
        c.EARLIER_VERSION_SENT: translate(
            "CoreMessages", "An earlier version of this submission was sent meanwhile."
        ),
        c.SERVER_UNREACHABLE: translate(
            "CoreMessages", "The intake server at {host} is not accepting connections (it may be down)"
        ),
        c.SERVER_NOT_FOUND: translate(
            "CoreMessages",
            "The intake server address {host} could not be found (check the network connection)",
        ),
        c.SERVER_TIMEOUT: translate("CoreMessages", "The intake server at {host} did not answer in time"),
        c.CONNECTION_LOST: translate(
            "CoreMessages", "The connection to the intake server at {host} was lost"
        ),
        c.NETWORK_PROBLEM: translate("CoreMessages", "A network problem stopped the connection to {host}"),
        c.PROXY_REFUSED: translate(
            "CoreMessages", "The network proxy did not let the connection to {host} through"
        ),
        c.CONNECTION_NOT_TRUSTED: translate(
            "CoreMessages",
            "The connection to {host} is not trusted: its security certificate was not issued by an "
            "authority this computer trusts (ask IT to set the ca_bundle setting for the network's proxy)",
        ),
        c.SECURE_CONNECTION_FAILED: translate(
            "CoreMessages", "A secure connection to {host} could not be made"
        ),
        c.SERVER_TEMPORARY_PROBLEM: translate(
            "CoreMessages", "The intake server had a temporary problem (HTTP {status})"
        ),
        c.UPLOAD_KEY_REFUSED: translate(
            "CoreMessages", "The intake server did not accept this computer's upload key."
        ),
        c.SERVER_REFUSED: translate(
            "CoreMessages", "The intake server refused the submission. Ask IT to look at the log."
        ),
        c.SERVER_ANSWER_UNEXPECTED: translate("CoreMessages", "The intake server answered unexpectedly."),
        c.SERVER_SENT_ELSEWHERE: translate(
            "CoreMessages",
            "The intake server tried to send this upload to another address ({host}); nothing was sent "
            "there. Ask IT to check the server address.",
        ),
        c.VIDEO_TOO_LARGE: translate("CoreMessages", "The video is larger than the intake server accepts."),
        c.NETWORK_REFUSES_PARTS: translate(
            "CoreMessages", "The network refuses even small parts of the upload."
        ),
        c.VIDEO_FILE_GONE: translate("CoreMessages", "The video file {name} is missing from this computer."),
        c.VIDEO_FILE_CHANGED: translate("CoreMessages", "The video file {name} changed after it was queued."),
        c.SUBMISSION_FOLDER_CHANGED: translate(
            "CoreMessages", "The submission folder holds a different version of this submission."
        ),
        c.VIDEO_SENT_AGAIN: translate(
            "CoreMessages", "The server no longer had one of the videos; it will be sent again."
        ),
        c.NO_CONSENT_RECORD: translate("CoreMessages", "There is no consent record to send with the video."),
        c.CA_BUNDLE_MISSING: translate(
            "CoreMessages", "The certificate file set as ca_bundle ({path}) does not exist."
        ),
        c.CA_BUNDLE_UNREADABLE: translate(
            "CoreMessages",
            "The certificate file set as ca_bundle ({path}) could not be read as PEM certificates.",
        ),
        c.LOCAL_FILES_NOT_DELETED: translate(
            "CoreMessages",
            "{count} of the sent recordings could not be deleted from {folder}; "
            "Voicebooth will try again at the next start.",
        ),
        c.CONSENT_WORDING_UNKNOWN: translate(
            "CoreMessages",
            "The intake server does not have the consent wording this person was shown, so it cannot "
            "accept the video. The video is kept on this computer: ask IT to bring the campaign up to date "
            "on this computer and on the server.",
        ),
        # -- review mode ------------------------------------------------------------------------------
        c.SIGN_IN_MISSING: translate("CoreMessages", "Enter your user name and password."),
        c.SIGN_IN_WRONG: translate(
            "CoreMessages", "The user name or password is not right. Check them and try again."
        ),
        c.SIGN_IN_LOCKED: translate(
            "CoreMessages",
            "Too many wrong passwords. The account is locked for a few minutes; try again later.",
        ),
        c.SIGNED_OUT: translate("CoreMessages", "Your sign-in has ended. Please sign in again."),
        c.SIGN_IN_NOT_KEPT: translate(
            "CoreMessages", "The sign-in could not be kept in this computer's password store."
        ),
        c.SERVER_FAILED: translate(
            "CoreMessages",
            "The intake server had a problem and could not answer. Try again in a minute; if it keeps "
            "happening, tell IT.",
        ),
        c.NOT_AN_INTAKE_SERVER: translate(
            "CoreMessages",
            "The server at {host} sent an answer that is not from a Voicebooth intake server. Check the "
            "server address.",
        ),
        c.NOT_ON_SERVER: translate("CoreMessages", "This submission is not on the server any more."),
        c.VIDEO_NOT_ON_SERVER: translate(
            "CoreMessages",
            "This video is not on the server any more. It may have been withdrawn or its consent expired.",
        ),
        c.VIDEO_ARRIVED_DAMAGED: translate(
            "CoreMessages",
            "The video arrived damaged (its checksum does not match what was recorded). Try again.",
        ),
        c.ANSWER_NOT_IN_SUBMISSION: translate(
            "CoreMessages", "This answer is not part of the submission any more."
        ),
        c.REQUEST_REFUSED: translate("CoreMessages", "The intake server refused this: {reason}"),
        c.WITHDRAWAL_NOTE_MISSING: translate(
            "CoreMessages", "Write a note saying how the person asked to withdraw."
        ),
        c.WORDING_NOTE_MISSING: translate(
            "CoreMessages", "Write how you know which wording the person was shown."
        ),
        c.COMMENT_MISSING: translate("CoreMessages", "Write a comment first."),
    }

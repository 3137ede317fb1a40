"""The take check's plain-English problems in the app's language.

The core (Qt-free) writes its problems in English into ``check.json``; the sentences it uses are constants,
so the UI recognises each one and shows its translation. A sentence it does not know (a device's own
message) is shown as it is.
"""

from __future__ import annotations

from recorder.devices import camera, mic
from recorder.messages import MessageCode
from recorder.takes import check, status
from ui.core_messages import message_text
from ui.i18n import translate

#: A device that failed mid-take ends it with its own sentence, translated by the core message's code.
_DEVICE_STOPS = {
    camera.STOPPED: MessageCode.CAMERA_STOPPED,
    camera.FAILED: MessageCode.CAMERA_FAILED,
    mic.STOPPED_WORKING: MessageCode.MICROPHONE_STOPPED,
    mic.STOPPED_SOUND: MessageCode.MICROPHONE_STOPPED,
}


def translated_problem(problem: str) -> str:
    """``problem`` in the current language when it is one of the core's known sentences."""
    device_stop = _DEVICE_STOPS.get(problem)
    if device_stop is not None:
        return message_text(device_stop, problem)
    known = {
        check.PROBLEM_NO_VIDEO: translate(
            "TakeProblems",
            "We didn't get any picture from the camera. Check it is connected and not used by another app.",
        ),
        check.PROBLEM_NO_AUDIO: translate(
            "TakeProblems", "We didn't get any sound from the microphone. Check it is connected."
        ),
        check.PROBLEM_SILENT: translate(
            "TakeProblems", "We couldn't hear you. Check your microphone is not muted."
        ),
        check.PROBLEM_SHORT: translate("TakeProblems", "The recording is shorter than 3 seconds."),
        check.PROBLEM_JERKY: translate(
            "TakeProblems", "Some video frames were lost; the video may look jerky."
        ),
        check.PROBLEM_CLIPPED: translate(
            "TakeProblems",
            "Your voice was too loud for the microphone and may sound distorted. Try moving back a little.",
        ),
        check.PROBLEM_LENGTHS: translate(
            "TakeProblems",
            "The sound and the picture stopped at different times. "
            "Please check the recording before sending.",
        ),
        check.PROBLEM_SYNC: translate("TakeProblems", "The sound may not match the lips exactly."),
        status.REASON_VIDEO_ENDED: translate("TakeProblems", "The camera stopped sending pictures."),
        status.REASON_AUDIO_ENDED: translate("TakeProblems", "The microphone stopped sending sound."),
        "The disk is full, so the recording had to stop. What was recorded is kept.": translate(
            "TakeProblems", "The disk is full, so the recording had to stop. What was recorded is kept."
        ),
        "The video could not be saved, so the recording had to stop. What was recorded is kept.": translate(
            "TakeProblems",
            "The video could not be saved, so the recording had to stop. What was recorded is kept.",
        ),
    }
    return known.get(problem, problem)

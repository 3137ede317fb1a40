"""The panel shown instead of the preview when the camera or microphone cannot be used, with what to do.

Four causes are told apart, because each needs different steps: the device is not there (not found), it
opened but sends nothing (usually another program such as Teams holds it), the computer's privacy settings
block it, or it worked and then stopped. The sources' own plain-English reasons are shown under the steps.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from recorder.messages import MessageCode
from ui.core_messages import message_text
from ui.i18n import translate


class Device(enum.Enum):
    """Which device has the problem."""

    CAMERA = "camera"
    MICROPHONE = "microphone"


class Cause(enum.Enum):
    """Why a device cannot be used."""

    NOT_FOUND = "not_found"  # it could not be opened at all
    IN_USE = "in_use"  # it opened but never delivered anything (another program holds it)
    BLOCKED = "blocked"  # the computer's privacy settings forbid it
    STOPPED = "stopped"  # it worked, then stopped (unplugged, driver error)


@dataclass(frozen=True)
class DeviceProblem:
    """One device that cannot be used, why, and the source's (or the system's) own words.

    ``reason`` is the core's English; ``code`` and ``params`` (its message code) show it translated.
    """

    device: Device
    cause: Cause
    reason: str = ""
    code: MessageCode | None = None
    params: Mapping[str, object] = field(default_factory=dict)


class NoDevicePanel(QWidget):
    """Says which device is the problem and why, the steps to try, and offers Try again.

    Signals:
        retry(): the person fixed something and wants to try again.
    """

    retry = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems: list[DeviceProblem] = []
        self.heading = QLabel()
        self.heading.setObjectName("PanelHeading")
        self.heading.setWordWrap(True)
        self.steps_label = QLabel()
        self.steps_label.setWordWrap(True)
        self.reason_label = QLabel()
        self.reason_label.setObjectName("Hint")
        self.reason_label.setWordWrap(True)
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("PrimaryButton")
        self.retry_button.clicked.connect(self.retry.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.retranslate()

    @property
    def devices(self) -> set[Device]:
        return {p.device for p in self.problems}

    def show_problems(self, problems: list[DeviceProblem]) -> None:
        """Show ``problems`` (one per device, camera first)."""
        self.problems = sorted(problems, key=lambda p: p.device is not Device.CAMERA)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self._heading())
        steps = [step for problem in self.problems for step in self._steps(problem)]
        steps.append(
            translate(
                "NoDevicePanel", "Then choose Try again. If it still does not work, ask your IT service desk."
            )
        )
        self.steps_label.setText(
            translate("NoDevicePanel", "What to do:") + "\n" + "\n".join(f"• {s}" for s in steps)
        )
        reasons = [message_text(p.code, p.reason, p.params) for p in self.problems if p.reason]
        self.reason_label.setText(
            translate("NoDevicePanel", "What the computer says: {reason}").format(reason=" ".join(reasons))
            if reasons
            else ""
        )
        self.reason_label.setVisible(bool(reasons))
        self.retry_button.setText(translate("NoDevicePanel", "↻ Try again"))
        self.retry_button.setAccessibleName(translate("NoDevicePanel", "Try the camera and microphone again"))
        self.retry_button.setAccessibleDescription(
            translate(
                "NoDevicePanel", "Checks the camera and microphone again after you have followed the steps."
            )
        )
        self.setAccessibleName(self.heading.text())

    def _heading(self) -> str:
        if not self.problems:
            return ""
        if len(self.devices) > 1:
            return translate("NoDevicePanel", "We cannot use your camera or your microphone")
        problem = self.problems[0]
        camera = problem.device is Device.CAMERA
        headings = {
            Cause.NOT_FOUND: (
                translate("NoDevicePanel", "No camera was found")
                if camera
                else translate("NoDevicePanel", "No microphone was found")
            ),
            Cause.IN_USE: (
                translate("NoDevicePanel", "Your camera is not sending a picture")
                if camera
                else translate("NoDevicePanel", "Your microphone is not sending any sound")
            ),
            Cause.BLOCKED: (
                translate("NoDevicePanel", "This computer's privacy settings block the camera")
                if camera
                else translate("NoDevicePanel", "This computer's privacy settings block the microphone")
            ),
            Cause.STOPPED: (
                translate("NoDevicePanel", "Your camera stopped working")
                if camera
                else translate("NoDevicePanel", "Your microphone stopped working")
            ),
        }
        return headings[problem.cause]

    @staticmethod
    def _steps(problem: DeviceProblem) -> list[str]:
        camera = problem.device is Device.CAMERA
        if problem.cause is Cause.NOT_FOUND:
            return [
                translate(
                    "NoDevicePanel",
                    "Check the camera is plugged in and switched on, then choose it in the Camera list.",
                )
                if camera
                else translate(
                    "NoDevicePanel",
                    "Check the headset or microphone is plugged in, then choose it in the Microphone list.",
                )
            ]
        if problem.cause is Cause.IN_USE:
            return [
                translate(
                    "NoDevicePanel",
                    "Another program is probably using the camera. Close Teams, Zoom, Skype or any other "
                    "program that uses it.",
                )
                if camera
                else translate(
                    "NoDevicePanel",
                    "Another program is probably using the microphone. Close Teams, Zoom, Skype or any other "
                    "program that uses it.",
                )
            ]
        if problem.cause is Cause.BLOCKED:
            return [
                translate(
                    "NoDevicePanel",
                    "Voicebooth is not allowed to use the camera. In Windows, open Settings, then Privacy "
                    "and security, then Camera, and turn on camera access for desktop apps. If you cannot "
                    "change it, your IT department has switched it off: ask them.",
                )
                if camera
                else translate(
                    "NoDevicePanel",
                    "Voicebooth is not allowed to use the microphone. In Windows, open Settings, then "
                    "Privacy and security, then Microphone, and turn on microphone access for desktop apps. "
                    "If you cannot change it, your IT department has switched it off: ask them.",
                )
            ]
        return [
            translate("NoDevicePanel", "Check the camera's cable is still plugged in.")
            if camera
            else translate("NoDevicePanel", "Check the headset or microphone is still plugged in.")
        ]

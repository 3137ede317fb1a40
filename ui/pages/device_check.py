"""Camera & microphone check: pickers, mirrored live preview, level meter, lighting and framing hints.

Capture runs on :class:`ui.source_pump.SourcePump` threads that only store the newest frame, level and picture
report; timers on the UI thread show them. When a device cannot be opened, a :class:`NoDevicePanel` says so
and what to do, and Next stays disabled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from recorder.flow import FlowState, Step
from recorder.messages import CodedMessage, code_of, params_of
from recorder.ports import AudioSource, Frame, VideoSource
from recorder.selftest.privacy import blocked_device_messages
from recorder.vision import FaceCounter, FrameAnalyser, FrameReport, Lighting
from ui.i18n import translate
from ui.pages.base import Nav, Page, PageContext, register_page
from ui.pages.no_device import Cause, Device, DeviceProblem, NoDevicePanel
from ui.pages.source_names import source_label
from ui.source_pump import SourcePump
from ui.widgets.level_meter import LevelMeter
from ui.widgets.preview import VideoPreview
from ui.widgets.slot import LatestSlot

log = logging.getLogger(__name__)

#: Analyse one frame in this many on the capture thread (lighting); faces on one analysed frame in 5.
ANALYSE_EVERY_N_FRAMES = 3
PICKER_MAX_WIDTH_PX = 560
FACES_EVERY_N_ANALYSED = 5


@register_page(Step.DEVICE_CHECK)
class DeviceCheckPage(Page):
    """The camera & microphone check screen."""

    CONTEXT = "DeviceCheckPage"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self._pump: SourcePump | None = None
        self._reports: LatestSlot[FrameReport] = LatestSlot()
        self._faces: FaceCounter | None = None
        self.last_report: FrameReport | None = None
        self._blocked: dict[str, CodedMessage] | None = None

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.camera_box = QComboBox()
        self.mic_box = QComboBox()
        self.camera_label = QLabel()
        self.mic_label = QLabel()
        self.camera_label.setBuddy(self.camera_box)
        self.mic_label.setBuddy(self.mic_box)
        for box in (self.camera_box, self.mic_box):
            box.setMaximumWidth(PICKER_MAX_WIDTH_PX)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        pickers = QFormLayout()
        pickers.addRow(self.camera_label, self.camera_box)
        pickers.addRow(self.mic_label, self.mic_box)

        self.preview = VideoPreview(mirrored=True, show_guide=True)
        self.preview.setMinimumHeight(300)
        self.lighting_label = QLabel()
        self.lighting_label.setWordWrap(True)
        self.faces_label = QLabel()
        self.faces_label.setStyleSheet("font-weight: bold;")
        self.faces_label.setWordWrap(True)
        self.faces_label.hide()
        self.reminder_label = QLabel()
        self.reminder_label.setWordWrap(True)
        self.meter = LevelMeter()
        self.meter_caption = QLabel()
        working = QWidget()
        working_layout = QVBoxLayout(working)
        working_layout.setContentsMargins(0, 0, 0, 0)
        working_layout.addWidget(self.preview, 1)
        working_layout.addWidget(self.lighting_label)
        working_layout.addWidget(self.faces_label)
        working_layout.addWidget(self.reminder_label)
        working_layout.addWidget(self.meter_caption)
        working_layout.addWidget(self.meter)
        self.no_device = NoDevicePanel()
        self.stack = QStackedWidget()
        self.stack.addWidget(working)
        self.stack.addWidget(self.no_device)

        self.body.addWidget(self.intro)
        self.body.addLayout(pickers)
        self.body.addWidget(self.stack, 1)

        self._poll = QTimer(self)
        self._poll.setInterval(150)
        self._poll.timeout.connect(self._poll_pump)
        self.camera_box.activated.connect(lambda _i: self._device_chosen("video_uri", self.camera_box))
        self.mic_box.activated.connect(lambda _i: self._device_chosen("audio_uri", self.mic_box))
        self.no_device.retry.connect(self._restart)
        self.retranslate()

    # -- Page hooks -------------------------------------------------------------------------------
    def title(self) -> str:
        return translate("DeviceCheckPage", "Check your camera and microphone")

    def retranslate(self) -> None:
        super().retranslate()
        self.intro.setText(
            translate(
                "DeviceCheckPage",
                "Sit so your face fills the oval and say a few words. The picture is shown like a mirror; "
                "your video will not be mirrored.",
            )
        )
        self.camera_label.setText(translate("DeviceCheckPage", "Came&ra:"))
        self.mic_label.setText(translate("DeviceCheckPage", "&Microphone:"))
        self.camera_box.setAccessibleName(translate("DeviceCheckPage", "Camera"))
        self.camera_box.setAccessibleDescription(translate("DeviceCheckPage", "Choose which camera to use"))
        self.mic_box.setAccessibleName(translate("DeviceCheckPage", "Microphone"))
        self.mic_box.setAccessibleDescription(translate("DeviceCheckPage", "Choose which microphone to use"))
        self.reminder_label.setText(
            translate(
                "DeviceCheckPage",
                "Reminder: no patients or patient information may appear or be heard in your video.",
            )
        )
        self.meter_caption.setText(translate("DeviceCheckPage", "Microphone level:"))
        self.preview.retranslate()
        self.meter.retranslate()
        self.no_device.retranslate()
        self._show_report(self.last_report)

    def enter(self, state: FlowState) -> None:
        if self._pump is None:
            self._fill_pickers()
            self._restart()

    def leave(self) -> None:
        self._stop_pump()

    def nav(self, state: FlowState) -> Nav:
        ok = self.stack.currentWidget() is not self.no_device
        return Nav(next_enabled=ok, next_label=translate("DeviceCheckPage", "&Looks good, continue"))

    def validate(self) -> str | None:
        if self.stack.currentWidget() is self.no_device:
            return translate("DeviceCheckPage", "A working camera and microphone are needed to record.")
        return None

    # -- devices ----------------------------------------------------------------------------------
    def _fill_pickers(self) -> None:
        module = self.ctx.services.devices
        for key, box, lister in (
            ("video_uri", self.camera_box, module.list_cameras),
            ("audio_uri", self.mic_box, module.list_microphones),
        ):
            box.clear()
            current = self.ctx.services.settings.uri(key)
            try:
                found = list(lister().devices)
            except Exception:  # listing is a convenience; the configured source may still work
                log.exception("Listing devices failed")
                found = []
            for device in found:
                box.addItem(device.label, device.uri)
            if box.findData(current) < 0:
                box.insertItem(0, source_label(current, camera=box is self.camera_box), current)
            box.setCurrentIndex(box.findData(current))
            box.setEnabled(not self.ctx.config.is_locked(key))

    def _device_chosen(self, key: str, box: QComboBox) -> None:
        uri = box.currentData()
        if isinstance(uri, str) and uri != self.ctx.services.settings.uri(key):
            self.ctx.services.settings.choose_uri(key, uri)
            self._restart()

    def _restart(self) -> None:
        self._stop_pump()
        self.stack.setCurrentIndex(0)
        self.meter.reset()
        self.preview.clear()
        self.last_report = None
        self._blocked = None
        self._show_report(None)
        if self._faces is None:
            self._faces = FaceCounter()
        analyser = FrameAnalyser(face_every_n=FACES_EVERY_N_ANALYSED, faces=self._faces)
        count = [0]
        reports = self._reports

        def on_frame(frame: Frame) -> None:  # capture thread: store only
            self.preview.offer(frame)
            if count[0] % ANALYSE_EVERY_N_FRAMES == 0:
                reports.put(analyser.analyse(frame))
            count[0] += 1

        services = self.ctx.services
        video_uri, audio_uri = services.settings.uri("video_uri"), services.settings.uri("audio_uri")
        opener_v: Callable[[], VideoSource] = lambda: services.open_video(video_uri)  # noqa: E731
        opener_a: Callable[[], AudioSource] = lambda: services.open_audio(audio_uri)  # noqa: E731
        self._pump = SourcePump(opener_v, opener_a, on_frame, self.meter.offer_pcm)
        self._poll.start()
        self.nav_changed.emit()

    def _stop_pump(self) -> None:
        self._poll.stop()
        if self._pump is not None:
            self._pump.stop()
            self._pump = None

    def _poll_pump(self) -> None:
        pump = self._pump
        if pump is None:
            return
        report = self._reports.take()
        if report is not None:
            self.last_report = report
            self._show_report(report)
        problems = self._problems(pump)
        if problems:
            # keep polling: a second failure (the other device) is added to the same panel
            if problems != self.no_device.problems:
                self.no_device.show_problems(problems)
            if self.stack.currentWidget() is not self.no_device:
                self.stack.setCurrentWidget(self.no_device)
                self.no_device.retry_button.setFocus()
                self.nav_changed.emit()

    def _problems(self, pump: SourcePump) -> list[DeviceProblem]:
        """What is wrong with each device, telling not found, in use, blocked and stopped apart."""
        failed = [
            (Device.CAMERA, pump.video_error, pump.video_failure, pump.video_opened, pump.video_frames > 0),
            (
                Device.MICROPHONE,
                pump.audio_error,
                pump.audio_failure,
                pump.audio_opened,
                pump.audio_blocks > 0,
            ),
        ]
        failed = [item for item in failed if item[1] is not None]
        if not failed:
            return []
        if self._blocked is None:  # read once per attempt: the registry does not change while polling
            self._blocked = blocked_device_messages(self.ctx.services.privacy_registry)
        blocked = self._blocked
        problems = []
        for device, error, failure, opened, delivered in failed:
            if device.value in blocked:
                said = blocked[device.value]
                problems.append(DeviceProblem(device, Cause.BLOCKED, said.text, said.code, said.params))
                continue
            cause = Cause.STOPPED if delivered else Cause.IN_USE if opened else Cause.NOT_FOUND
            problems.append(DeviceProblem(device, cause, error or "", code_of(failure), params_of(failure)))
        return problems

    def _show_report(self, report: FrameReport | None) -> None:
        lighting = report.lighting if report else Lighting.UNKNOWN
        texts = {
            Lighting.UNKNOWN: translate("DeviceCheckPage", "Checking the light…"),
            Lighting.OK: translate("DeviceCheckPage", "✓ The lighting looks fine."),
            Lighting.TOO_DARK: translate(
                "DeviceCheckPage", "⚠ The picture is too dark. Turn on a light or face a window."
            ),
            Lighting.BACKLIT: translate(
                "DeviceCheckPage",
                "⚠ There is bright light behind you, so your face is dark. "
                "Turn so the light is in front of you.",
            ),
        }
        self.lighting_label.setText(texts[lighting])
        many = report is not None and report.faces > 1
        if many:
            self.faces_label.setText(
                translate(
                    "DeviceCheckPage",
                    "⚠ More than one face is in the picture. Only you should be in shot: no patients or "
                    "patient information may appear.",
                )
            )
        self.faces_label.setVisible(many)

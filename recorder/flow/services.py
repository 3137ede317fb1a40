"""What the support-worker flow needs from outside, built once at start-up: :class:`FlowServices`.

The house example is review mode's ``ReviewServices``: one typed object instead of a bag of named extras.
Tests build one with fakes for the hardware (:class:`recorder.ports.Devices`, the Windows registry) and
the clock; everything else is real.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from recorder.config import Config
from recorder.devices import SYSTEM_DEVICES, MonotonicClock
from recorder.ports import AudioSource, Clock, Devices, Registry, VideoSource
from recorder.private import private_folder

if TYPE_CHECKING:  # the outbox and its network stack load when first used, not at start-up
    from recorder.outbox import Outbox
    from recorder.upload import RetryPolicy

log = logging.getLogger(__name__)

OUTBOX_NAME = "outbox.sqlite3"


@dataclass
class FlowSettings:
    """The configuration, with the choices the person made this run on top (camera, microphone, countdown).

    A camera or microphone chosen in the device check is used from then on and remembered in the user
    settings (unless IT locked the key); the countdown lasts for this run.
    """

    config: Config
    _chosen: dict[str, str] = field(default_factory=dict)
    _countdown_s: int | None = None

    def uri(self, key: str) -> str:
        """``video_uri`` or ``audio_uri``: chosen this run, else configured."""
        return self._chosen.get(key) or self.config.text(key)

    def choose_uri(self, key: str, uri: str) -> None:
        """Use ``uri`` from now on and remember it in the user settings (unless IT locked the key)."""
        self._chosen[key] = uri
        if self.config.is_locked(key):
            return
        try:
            self.config.save_user_settings({key: uri})
        except Exception as error:  # not remembering is an inconvenience, not a reason to stop
            log.warning("Could not remember the %s choice: %s", key, error)

    @property
    def countdown_s(self) -> int:
        """Seconds counted down before recording (0: off)."""
        return self.config.integer("countdown_s") if self._countdown_s is None else self._countdown_s

    @countdown_s.setter
    def countdown_s(self, seconds: int) -> None:
        self._countdown_s = seconds

    @property
    def video_size(self) -> tuple[int, int]:
        return self.config.video_size


class FlowServices:
    """The clock, devices, outbox, Windows registry and settings the flow uses.

    Args:
        config: the resolved configuration (data folder, server, devices...).
        clock: the one clock every source and recorder shares (default: the monotonic clock).
        devices: opens cameras and microphones (default: the real ones).
        privacy_registry: Windows' camera and microphone privacy settings (default: the real registry).
        outbox: the outbox (default: ``<data dir>/outbox.sqlite3``, opened on first use, off the UI thread).
        retry: how hard that outbox retries a failed request (default: :class:`RetryPolicy`'s).
        intake: intake server settings known only later, over the configured ones (``voicebooth --demo``'s
            server starts behind the window): called off the UI thread when the outbox first opens; it may
            wait for the server, and raises a plain-English error if the server could not start.
    """

    def __init__(
        self,
        config: Config,
        *,
        clock: Clock | None = None,
        devices: Devices | None = None,
        privacy_registry: Registry | None = None,
        outbox: Outbox | None = None,
        retry: RetryPolicy | None = None,
        intake: Callable[[], Mapping[str, object]] | None = None,
    ) -> None:
        from recorder.config.registry import WindowsRegistry

        self.config = config
        self.settings = FlowSettings(config)
        self.clock: Clock = clock or MonotonicClock()
        self.devices: Devices = devices or SYSTEM_DEVICES
        self.privacy_registry: Registry = privacy_registry or WindowsRegistry()
        self._outbox = outbox
        self._retry = retry
        self._intake = intake
        self._outbox_lock = threading.Lock()

    @property
    def data_dir(self) -> Path:
        """Where submissions and the outbox live (created)."""
        return private_folder(self.config.data_dir)

    def outbox(self) -> Outbox:
        """The outbox (one SQLite file in the data folder), opened on first use; any thread."""
        with self._outbox_lock:
            if self._outbox is None:
                from recorder.net import NetworkSettings
                from recorder.outbox import Outbox

                network = NetworkSettings.from_config(
                    self.config, over=self._intake() if self._intake else None
                )
                self._outbox = Outbox(self.data_dir / OUTBOX_NAME, network=network, retry=self._retry)
            return self._outbox

    def open_video(self, uri: str | None = None) -> VideoSource:
        """Open the chosen camera (or ``uri``) at the configured size (SourceError in plain English)."""
        video_uri = uri or self.settings.uri("video_uri")
        return self.devices.open_video_source(video_uri, self.clock, size=self.settings.video_size)

    def open_audio(self, uri: str | None = None) -> AudioSource:
        """Open the chosen microphone (or ``uri``) (raises SourceError in plain English)."""
        return self.devices.open_audio_source(uri or self.settings.uri("audio_uri"), self.clock)

    def close(self) -> None:
        with self._outbox_lock:
            if self._outbox is not None:
                self._outbox.close()
                self._outbox = None

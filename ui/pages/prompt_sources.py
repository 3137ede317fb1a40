"""Which camera and microphone the flow uses, and opening them with the shared clock."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from recorder.ports import AudioSource, Clock, VideoSource
from ui.pages.base import PageContext
from ui.workers import MonotonicClock

log = logging.getLogger(__name__)


def shared_clock(ctx: PageContext) -> Clock:
    """The one clock every source and recorder of this window uses (``ctx.extras["clock"]``)."""
    clock = ctx.extras.get("clock")
    if not isinstance(clock, Clock):
        clock = MonotonicClock()
        ctx.extras["clock"] = clock
    return clock


def chosen_uri(ctx: PageContext, key: str) -> str:
    """The source chosen this session (device check picker), else the configured one."""
    value = ctx.extras.get(key)
    return value if isinstance(value, str) else ctx.config.text(key)


def remember_uri(ctx: PageContext, key: str, uri: str) -> None:
    """Use ``uri`` from now on and remember it in the user settings (unless IT locked the key)."""
    ctx.extras[key] = uri
    if ctx.config.is_locked(key):
        return
    try:
        ctx.config.save_user_settings({key: uri})
    except Exception as error:  # not remembering is an inconvenience, not a reason to stop
        log.warning("Could not remember the %s choice: %s", key, error)


def devices(ctx: PageContext) -> Any:
    """The device module: :mod:`recorder.devices`, or a stand-in with the same four functions placed in
    ``ctx.extras["devices"]`` (tests put fake cameras and microphones behind the ports this way)."""
    override = ctx.extras.get("devices")
    return override if override is not None else importlib.import_module("recorder.devices")


def open_video(ctx: PageContext, uri: str) -> VideoSource:
    source: VideoSource = devices(ctx).open_video_source(uri, shared_clock(ctx), size=ctx.config.video_size)
    return source


def open_audio(ctx: PageContext, uri: str) -> AudioSource:
    source: AudioSource = devices(ctx).open_audio_source(uri, shared_clock(ctx))
    return source

"""Which camera and microphone the flow uses, and opening them with the shared clock."""

from __future__ import annotations

import logging

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


def open_video(ctx: PageContext, uri: str) -> VideoSource:
    from recorder.devices import open_video_source  # type: ignore[attr-defined,unused-ignore]

    return open_video_source(uri, shared_clock(ctx), size=ctx.config.video_size)  # type: ignore[no-any-return,unused-ignore]


def open_audio(ctx: PageContext, uri: str) -> AudioSource:
    from recorder.devices import open_audio_source  # type: ignore[attr-defined,unused-ignore]

    return open_audio_source(uri, shared_clock(ctx))  # type: ignore[no-any-return,unused-ignore]

"""Builds a real main window (or a lone page) over a real config and campaign pack, for UI tests.

Everything is real: the devices are the real :mod:`recorder.devices` chosen by URI (``synthetic:``, a
missing ``camera:9`` that really fails to open...).
Configuration comes from the command-line layer, with policy and user settings in ``tmp_path``.
"""

from __future__ import annotations

import re
from pathlib import Path

from recorder.campaign import Campaign, load_campaign
from recorder.config import load_config
from recorder.config.policy import FilePolicy
from recorder.config.resolve import Config
from recorder.flow import FlowMachine
from recorder.flow.services import FlowServices
from recorder.ports import Clock, Devices, Registry
from recorder.upload import RetryPolicy
from ui.i18n import Translations
from ui.pages.base import PageContext, build_context

DEFAULT_PACK = Path(__file__).resolve().parents[2] / "resources" / "campaign" / "default" / "campaign.toml"


def short_campaign(tmp_path: Path, max_duration_s: int = 2, countdown_s: int = 1) -> Path:
    """A copy of the default campaign pack with short time limits and countdown, for fast tests."""
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^max_duration_s = \d+", f"max_duration_s = {max_duration_s}", text)
    text = re.sub(r"(?m)^countdown_s = \d+", f"countdown_s = {countdown_s}", text)
    out = tmp_path / "campaign.toml"
    out.write_text(text, encoding="utf-8")
    return out


def make_context(
    tmp_path: Path,
    *,
    video_uri: str = "synthetic:",
    audio_uri: str = "synthetic:",
    campaign_path: Path | None = None,
    extra: dict[str, object] | None = None,
    start_with_recovery: bool = False,
    devices: Devices | None = None,
    privacy_registry: Registry | None = None,
    clock: Clock | None = None,
    retry: RetryPolicy | None = None,
    qm_cache: Path | None = None,
) -> PageContext:
    """A PageContext like the app builds: real Config, Campaign, FlowMachine, Translations and services
    (with stand-ins for hardware this machine does not have, when given; ``retry`` sets how hard the
    outbox retries; ``qm_cache`` is where compiled catalogues are kept, like the user's cache folder that
    outlives one run of the app: default ``tmp_path/qm-cache``)."""
    data_dir = tmp_path / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    cli: dict[str, object] = {"video_uri": video_uri, "audio_uri": audio_uri, "data_dir": str(data_dir)}
    cli.update(extra or {})
    policy = FilePolicy(tmp_path / "no-policy.toml")
    campaign: Campaign = load_campaign(campaign_path) if campaign_path else load_campaign(None)
    config: Config = load_config(
        command_line=cli,
        environ={},
        campaign_settings=campaign.settings,
        policy_source=policy,
        user_settings_path=tmp_path / "user.toml",
    )
    machine = FlowMachine(
        campaign.prompt_ids,
        countdown_enabled=config.integer("countdown_s") > 0,
        start_with_recovery=start_with_recovery,
    )
    translations = Translations(qm_cache or tmp_path / "qm-cache")
    services = FlowServices(
        config, clock=clock, devices=devices, privacy_registry=privacy_registry, retry=retry
    )
    return build_context(machine, campaign, translations, services)


def drive_to_device_check(machine: FlowMachine) -> None:
    """Move a fresh machine to the device check, consent given (only the machine moves)."""
    from recorder.flow import Event, Step

    machine.fire(Event.NEXT)  # welcome -> about you
    machine.fire(Event.NEXT)  # -> consent
    machine.give_consent("test-consent", "0" * 64, {"share": True})
    machine.fire(Event.NEXT)  # -> device check
    assert machine.state.step is Step.DEVICE_CHECK


def drive_to_first_prompt(machine: FlowMachine) -> None:
    """Move a fresh machine to the first prompt's READ phase, consent given (only the machine moves)."""
    from recorder.flow import Event, Step

    drive_to_device_check(machine)
    machine.fire(Event.NEXT)  # -> prompt 1, read
    assert machine.state.step is Step.PROMPT


def drive_to_check_and_send(machine: FlowMachine, take_dir: Path, duration_s: float = 2.0) -> None:
    """Move a fresh machine to REVIEW with ``take_dir`` kept for the first prompt (others skipped).

    Only the machine moves: call it before building the window, so no page starts devices on the way.
    """
    from recorder.flow import Event

    drive_to_first_prompt(machine)
    machine.fire(Event.NEXT)  # -> countdown (or recording)
    if machine.can_fire(Event.COUNTDOWN_DONE):
        machine.fire(Event.COUNTDOWN_DONE)
    machine.fire(Event.STOP)
    machine.take_ready(str(take_dir))
    machine.keep(duration_s)
    while machine.state.step.value == "prompt":
        machine.fire(Event.SKIP)


def review_with_answers(
    tmp_path: Path,
    server_url: str,
    upload_key: str,
    prompt_ids: list[str],
    *,
    campaign_path: Path | None = None,
) -> PageContext:
    """A context at CHECK_AND_SEND with a real finished take kept for each of ``prompt_ids`` (short takes made
    with ffmpeg, finished and checked by the core), in the person's submission folder;
    the person gave consent to the campaign's wording and shares their name, Sam Jones."""
    from recorder.flow import Event, Step
    from recorder.takes.check import check_take
    from recorder.takes.deliverable import finish_take
    from recorder.takes.pipeline import read_finished
    from tests.helpers.takes import make_take

    ctx = make_context(
        tmp_path, campaign_path=campaign_path, extra={"server_url": server_url, "upload_key": upload_key}
    )
    folder = ctx.session.ensure_folder()
    m = ctx.machine
    m.fire(Event.NEXT)
    m.fire(Event.NEXT)
    m.give_consent(ctx.campaign.consent.id, ctx.campaign.consent.text_sha256("en"), {"record_and_use": True})
    m.model.name.value, m.model.name.show = "Sam Jones", True
    m.fire(Event.NEXT)
    m.fire(Event.NEXT)
    for _prompt in prompt_ids:
        take_dir = make_take(folder, duration_s=2.0)
        deliverable = finish_take(take_dir)
        check_take(take_dir)
        m.fire(Event.NEXT)
        if m.can_fire(Event.COUNTDOWN_DONE):
            m.fire(Event.COUNTDOWN_DONE)
        m.fire(Event.STOP)
        ctx.session.take_finished(read_finished(take_dir))
        m.keep(deliverable.duration_s)
    assert m.state.step is Step.CHECK_AND_SEND
    return ctx


FACE_JPG = Path(__file__).resolve().parents[1] / "data" / "face_public_domain.jpg"


def faces_video(tmp_path: Path, faces: int = 2, duration_s: float = 4.0) -> Path:
    """A short 1280x720 video of ``faces`` copies of a real (public-domain) face, for ``file:`` cameras."""
    import subprocess

    import cv2
    import numpy as np

    from recorder.media.ffmpeg_binary import ffmpeg_exe

    face = cv2.imread(str(FACE_JPG))
    assert face is not None, FACE_JPG
    big = cv2.resize(face, None, fx=2.0, fy=2.0)
    h, w = big.shape[:2]
    canvas = np.full((720, 1280, 3), 150, np.uint8)
    for i in range(faces):
        x = 100 + i * 600
        canvas[50 : 50 + h, x : x + w] = big
    still = tmp_path / f"faces-{faces}.png"
    cv2.imwrite(str(still), canvas)
    out = tmp_path / f"faces-{faces}.mp4"
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-y", "-loop", "1", "-i", str(still), "-t", str(duration_s), "-r", "30",
         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(out)],
        check=True,
        timeout=60,
    )  # fmt: skip
    return out


def use(ctx: PageContext, **choices: object) -> None:
    """Stand-ins and choices for a test: ``devices`` and ``privacy_registry`` replace the services' ports;
    ``video_uri`` and ``audio_uri`` are chosen for this run (as the device check's pickers would)."""
    services = ctx.services
    for key, value in choices.items():
        if key in ("devices", "privacy_registry"):
            setattr(services, key, value)
        elif key in ("video_uri", "audio_uri"):
            services.settings._chosen[key] = str(value)
        else:
            raise TypeError(f"unknown choice {key}")


def resume_unsent(ctx: PageContext, qtbot: object = None) -> object:
    """The next start: a main window over ``ctx`` sends what earlier runs queued (as the app does).

    Returns:
        The window (keep it alive while waiting; its Welcome page shows the references sent).
    """
    from ui.main_window import MainWindow

    window = MainWindow(ctx, confirm=lambda *_a: True)
    if qtbot is not None:
        qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.resume_unsent()
    return window

"""The self-test's local checks: build, configuration, data folder, logs, campaign, ffmpeg, cameras, mics.

Each check takes a :class:`SelfTestContext` and returns a :class:`~recorder.selftest.report.CheckResult`;
none needs Qt widgets (the Qt platform check lives in ``ui/selftest.py``). A part of the app that is missing
from the build (for example ``recorder.devices``) is reported as FAIL, never passed over.
"""

from __future__ import annotations

import importlib
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from recorder.config import Config, Layer
from recorder.ports import Registry
from recorder.selftest.privacy import blocked_devices
from recorder.selftest.report import CheckResult, Status

LOW_DISK_BYTES = 2 * 1024**3
FFMPEG_TIMEOUT_S = 60.0
REQUIRED_ENCODERS = ("libx264", "aac")
REQUIRED_FILTERS = ("loudnorm", "ebur128")
SHOWN_SETTINGS = ("server_url", "upload_key", "campaign", "campaign_pack", "proxy", "pac_url", "ca_bundle")
LAYER_NAMES = {
    Layer.DEFAULT: "default",
    Layer.CAMPAIGN: "campaign pack",
    Layer.POLICY: "IT policy",
    Layer.USER: "user setting",
    Layer.ENVIRONMENT: "environment",
    Layer.COMMAND_LINE: "command line",
}


@dataclass
class SelfTestContext:
    """What the checks look at.

    Attributes:
        config: the resolved configuration (as the app would use it).
        log_path: the log file in use, or None.
        platform: ``sys.platform`` to decide for (tests pass ``"win32"``).
        privacy_registry: reads Windows privacy settings (a fake in tests; None off Windows).
        environ: the environment (for the TLS notes).
        server_timeout_s: connect/read timeout for the server check.
        results: checks may leave facts for later checks (the TLS check reads the server's outcome).
    """

    config: Config
    log_path: Path | None = None
    platform: str = sys.platform
    privacy_registry: Registry | None = None
    environ: Mapping[str, str] = field(default_factory=dict)
    server_timeout_s: float = 10.0
    results: dict[str, object] = field(default_factory=dict)


def app_version() -> str:
    from recorder import __version__

    return __version__


def check_build(ctx: SelfTestContext) -> CheckResult:
    frozen = bool(getattr(sys, "frozen", False))
    where = Path(sys.executable).resolve().parent if frozen else Path(__file__).resolve().parents[2]
    return CheckResult(
        "Build",
        Status.PASS,
        f"Voicebooth {app_version()}, {'installed build' if frozen else 'source tree'} in {where}",
        (
            f"Python {platform.python_version()} on {platform.platform()} ({platform.machine()})",
            f"Program: {sys.executable}",
        ),
    )


def check_config(ctx: SelfTestContext) -> CheckResult:
    config = ctx.config
    policy = config.policy
    source = policy.where or "none"
    set_by_it = sorted(config.layers.get(Layer.POLICY, {}))
    details = [
        f"IT policy: {source} ({len(set_by_it)} settings"
        + (f": {', '.join(set_by_it)})" if set_by_it else ")")
    ]
    if policy.locked:
        details.append(f"Locked by IT: {', '.join(sorted(policy.locked))}")
    for key in SHOWN_SETTINGS:
        entry = config.entry(key)
        if entry.layer is Layer.DEFAULT and not entry.value:
            continue
        lock = ", locked" if entry.locked else ""
        details.append(f"{key} = {entry.shown or '(empty)'}  [{LAYER_NAMES[entry.layer]}{lock}]")
    details += [f"Problem: {problem}" for problem in config.problems]
    if config.user_settings_path is not None:
        details.append(f"User settings file: {config.user_settings_path}")
    unreadable = [
        p for p in config.problems if "IT policy" in p and ("cannot be read" in p or "not valid" in p)
    ]
    if unreadable:
        return CheckResult("Configuration", Status.FAIL, "The IT policy cannot be read.", tuple(details))
    if config.problems:
        return CheckResult(
            "Configuration",
            Status.WARN,
            f"Read, but {len(config.problems)} value(s) were ignored (see below).",
            tuple(details),
        )
    return CheckResult("Configuration", Status.PASS, "All layers read.", tuple(details))


def check_data_folder(ctx: SelfTestContext) -> CheckResult:
    folder = ctx.config.data_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".selftest-") as handle:
            handle.write(b"voicebooth self-test")
            handle.flush()
        free_bytes = shutil.disk_usage(folder).free
    except OSError as error:
        return CheckResult(
            "Data folder", Status.FAIL, f"Recordings cannot be saved in {folder}: {error.strerror or error}."
        )
    free = f"{free_bytes / 1024**3:.1f} GB free"
    if free_bytes < LOW_DISK_BYTES:
        return CheckResult(
            "Data folder",
            Status.WARN,
            f"{folder} is writable but only {free} (a few minutes of video).",
        )
    return CheckResult("Data folder", Status.PASS, f"{folder} is writable, {free}.")


def check_logs(ctx: SelfTestContext) -> CheckResult:
    if ctx.log_path is None:
        return CheckResult("Log file", Status.WARN, "No log file is being written (see the console output).")
    return CheckResult("Log file", Status.PASS, f"Writing to {ctx.log_path}")


def check_campaign(ctx: SelfTestContext) -> CheckResult:
    from recorder.campaign import CampaignError, load_campaign

    pack = ctx.config.text("campaign_pack")
    try:
        campaign = load_campaign(pack or None)
    except CampaignError as error:
        return CheckResult("Campaign pack", Status.FAIL, str(error))
    where = pack or "built in"
    return CheckResult(
        "Campaign pack",
        Status.PASS,
        f"{campaign.id} ({where}): {len(campaign.prompt_ids)} prompts, consent {campaign.consent.id}.",
    )


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, capture_output=True, text=True, timeout=FFMPEG_TIMEOUT_S, stdin=subprocess.DEVNULL, check=False
    )


def check_ffmpeg(ctx: SelfTestContext) -> CheckResult:
    from recorder.media.ffmpeg_binary import FfmpegNotFoundError, ffmpeg_exe

    try:
        exe = ffmpeg_exe(ctx.config.text("ffmpeg") or None)
        version = _run([exe, "-hide_banner", "-version"]).stdout.splitlines()[:1]
        encoders = _run([exe, "-hide_banner", "-encoders"]).stdout
        filters = _run([exe, "-hide_banner", "-filters"]).stdout
    except FfmpegNotFoundError as error:
        return CheckResult("ffmpeg", Status.FAIL, str(error))
    except (OSError, subprocess.SubprocessError) as error:
        return CheckResult("ffmpeg", Status.FAIL, f"The video tool could not be run: {error}")
    missing = [n for n in REQUIRED_ENCODERS if f" {n} " not in encoders]
    missing += [n for n in REQUIRED_FILTERS if f" {n} " not in filters]
    details = (f"Program: {exe}", *(version or ["(no version printed)"]))
    if missing:
        return CheckResult(
            "ffmpeg",
            Status.FAIL,
            f"The video tool lacks {', '.join(missing)}: videos cannot be made.",
            details,
        )
    # Make a real half-second MP4 with every part the deliverable needs.
    with tempfile.TemporaryDirectory(prefix="voicebooth-selftest-") as tmp:
        out = Path(tmp) / "check.mp4"
        run = _run(
            [exe, "-hide_banner", "-nostdin", "-v", "error",
             "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=0.5",
             "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=0.5",
             "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
             "-af", "loudnorm=I=-16:TP=-1.5", "-ar", "48000", "-c:a", "aac", "-b:a", "128k",
             "-movflags", "+faststart", str(out)]
        )  # fmt: skip
        size_bytes = out.stat().st_size if out.exists() else 0
    if run.returncode != 0 or size_bytes == 0:
        tail = (run.stderr.strip().splitlines() or ["no output"])[-1]
        return CheckResult("ffmpeg", Status.FAIL, f"A test video could not be made: {tail}", details)
    return CheckResult(
        "ffmpeg", Status.PASS, "Runs; H.264 (libx264), AAC and loudness filters made a test video.", details
    )


def _devices_function(name: str) -> Callable[[], object] | str:
    """``recorder.devices.<name>``, or a plain reason it is missing from this build."""
    try:
        module = importlib.import_module("recorder.devices")
    except ImportError as error:
        return f"device support is not part of this build ({error})"
    function = getattr(module, name, None)
    if not callable(function):
        return f"device support is not part of this build (recorder.devices.{name} is missing)"
    return function  # type: ignore[no-any-return]


def _check_devices(ctx: SelfTestContext, kind: str, title: str, function_name: str) -> CheckResult:
    blocked = blocked_devices(ctx.privacy_registry) if ctx.platform == "win32" else {}
    if kind in blocked:
        return CheckResult(title, Status.FAIL, blocked[kind])
    function = _devices_function(function_name)
    if isinstance(function, str):
        return CheckResult(title, Status.FAIL, f"Cannot list {kind}s: {function}.")
    listing = function()
    devices = list(getattr(listing, "devices", []))
    explanation = getattr(listing, "explanation", None)
    if not devices:
        return CheckResult(title, Status.WARN, explanation or f"No {kind} was found.")
    labels = tuple(f"{getattr(d, 'uri', '?')}: {getattr(d, 'label', '')}" for d in devices)
    return CheckResult(title, Status.PASS, f"{len(devices)} found.", labels)


def check_cameras(ctx: SelfTestContext) -> CheckResult:
    return _check_devices(ctx, "camera", "Cameras", "list_cameras")


def check_microphones(ctx: SelfTestContext) -> CheckResult:
    return _check_devices(ctx, "microphone", "Microphones", "list_microphones")

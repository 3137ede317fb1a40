"""The headless demo (no display): one short take per prompt through the take pipeline, sent locally.

Nobody could see a window, so :func:`run_headless_demo` says so and instead records one short take per
campaign prompt from the synthetic camera and microphone (:func:`recorder.takes.pipeline.record_take`, the
same pipeline as the app and ``voicebooth record``), queues them with a demo person's consent in the
demo's own outbox and sends them to the demo server, printing the reference code. Everything runs in this
process with :meth:`DemoServer.settings`, isolated from the person's real Voicebooth.
"""

from __future__ import annotations

import sys
from pathlib import Path

from recorder.demo.server import DemoError, DemoServer

DEMO_TAKE_S = 3


def run_headless_demo(take_s: float = DEMO_TAKE_S, *, server: DemoServer | None = None) -> int:
    """Record one short synthetic take per prompt, send them to a demo server, print the reference.

    Returns:
        0 on success, 1 when a stage failed (the message says which and why).
    """
    from recorder.campaign import load_campaign
    from recorder.devices import MonotonicClock, open_audio_source, open_video_source
    from recorder.net import NetworkSettings
    from recorder.outbox import Outbox, SendError
    from recorder.ports import SourceError
    from recorder.submission import SubmissionError, TakeEntry, build_manifest, consent_record
    from recorder.takes.pipeline import record_take
    from recorder.takes.preflight import RecordingError

    print(
        "No display was found (DISPLAY and WAYLAND_DISPLAY are not set), so the Voicebooth window cannot "
        "be shown.\nRunning the headless demo instead: one short recording per question from a test "
        "camera and microphone, sent to a local intake server.",
        flush=True,
    )
    own_server = server is None
    outbox: Outbox | None = None
    try:
        server = server or DemoServer.start()
        config = server.settings(server.config_values())
        campaign = load_campaign()
        server.publish_campaign(campaign.source)  # like a deployment: the server knows the wording sent
        folder = server.app_data_dir / "demo-submission"
        clock = MonotonicClock()
        entries = []
        for prompt in campaign.prompts:
            print(f"Recording {take_s:g} s for: {prompt.text.get('en')}", flush=True)
            video = open_video_source("synthetic:", clock, size=config.video_size)
            audio = open_audio_source("synthetic:", clock)
            recorded = record_take(
                folder,
                video,
                audio,
                clock=clock,
                duration_s=take_s,
                size=config.video_size,
                prompt_id=prompt.id,
            )
            if recorded.finished is None:
                raise DemoError(f"a recording could not be finished: {recorded.error}")
            print(f"  recorded: {recorded.finished.mp4_path.name}", flush=True)
            entries.append(
                TakeEntry(recorded.take_dir, prompt.id, prompt.text.get("en"), recorded.finished.duration_s)
            )
        consent = campaign.consent
        manifest = build_manifest(
            campaign_id=campaign.id,
            locale="en",
            person={},  # the demo person shares nothing about themselves
            consent=consent_record(
                consent.id, consent.text_sha256("en"), {choice.id: True for choice in consent.choices}
            ),
            takes=entries,
        )
        print("Sending to the local intake server…", flush=True)
        outbox = Outbox(config.data_dir / "outbox.sqlite3", network=NetworkSettings.from_config(config))
        submission_id = outbox.queue(
            folder, manifest, take_dirs={Path(e.take_dir).name: e.take_dir for e in entries}
        )
        reference = outbox.send(submission_id)
        print(f"Sent. Reference code: {reference}", flush=True)
        return 0
    except (DemoError, RecordingError, SourceError, SubmissionError, SendError, OSError, ValueError) as error:
        print(f"The demo could not finish: {error}", file=sys.stderr)
        return 1
    finally:
        if outbox is not None:
            outbox.close()
        if own_server and server is not None:
            server.stop()

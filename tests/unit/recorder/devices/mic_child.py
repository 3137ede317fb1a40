"""Child process for the microphone test: records ``mic:NAME`` through QAudioSource, prints JSON stats.

Run as ``python -m tests.unit.recorder.devices.mic_child NAME SECONDS OUT.npy`` with ``PULSE_SERVER`` set,
so that this process's QtMultimedia talks to the test's own PulseAudio server from its very first call.
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np

from recorder.devices import MonotonicClock, list_microphones, open_audio_source


def main() -> None:
    name, seconds, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    clock = MonotonicClock()
    listed = [d.uri for d in list_microphones().devices]
    source = open_audio_source(f"mic:{name}", clock)
    started_ns = clock.now_ns()
    stamps: list[int] = []
    blocks: list[np.ndarray] = []
    for t_ns, pcm in source.blocks():
        stamps.append(t_ns)
        blocks.append(pcm.copy())
        if clock.now_ns() - started_ns > seconds * 1e9:
            source.close()
    pcm_all = np.concatenate(blocks) if blocks else np.zeros((0, 1), np.int16)
    np.save(out, pcm_all)
    print(json.dumps({
        "listed": listed,
        "channels": source.format.channels,
        "rate_hz": source.format.rate_hz,
        "first_stamp_offset_ms": (stamps[0] - started_ns) / 1e6 if stamps else None,
        "last_stamp_lag_ms": (time.monotonic_ns() - stamps[-1]) / 1e6 if stamps else None,
        "blocks": len(blocks),
    }))  # fmt: skip


if __name__ == "__main__":
    main()

"""Named points where a test makes the server die as a power cut would (SIGKILL), to prove crash safety.

Off unless ``VOICEBOOTH_TEST_CRASH_AT`` names points (comma-separated) when the process starts; a point
then kills the process the first time it is reached. The crash tests (tests/integration/server/
test_crash_deletions.py) start a server with one point armed, make the request that reaches it, restart
the server and check that no personal file outlived the change the database recorded.
"""

from __future__ import annotations

import os
import signal

ENV = "VOICEBOOTH_TEST_CRASH_AT"
_ARMED = frozenset(name.strip() for name in os.environ.get(ENV, "").split(",") if name.strip())

#: after a status change and its pending deletions are committed, before any file is deleted
DELETIONS_COMMITTED = "deletions_committed"
#: after an attach is committed, before the upload's file is moved into media/
ATTACH_COMMITTED = "attach_committed"
#: while completing, once a poster's temporary file is written, before it is moved into place
POSTER_WRITTEN = "poster_written"


def crash_point(name: str) -> None:
    """Kills this process at once (no clean-up, no flush) when ``name`` is armed; otherwise nothing."""
    if name in _ARMED:
        os.kill(os.getpid(), signal.SIGKILL)

"""A real X desktop for window tests: Xvfb at a given size with the openbox window manager and a taskbar's
worth of screen reserved at the bottom (openbox margins set _NET_WORKAREA, as a panel's strut would)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: The reserved strip at the bottom of the screen, like a Windows taskbar.
TASKBAR_PX = 40

RC_XML = """<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <margins><top>0</top><bottom>{bottom}</bottom><left>0</left><right>0</right></margins>
  <focus><focusNew>yes</focusNew><followMouse>no</followMouse></focus>
  <placement><policy>Smart</policy><center>yes</center></placement>
</openbox_config>
"""


class DesktopUnavailableError(RuntimeError):
    """Xvfb or openbox is missing or did not start."""


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()


def start_xvfb(width: int, height: int) -> tuple[subprocess.Popen[bytes], str]:
    """Start Xvfb on a display number it picks itself (-displayfd, so parallel runs never clash).

    Returns:
        The server process (stop it with :func:`stop`) and its DISPLAY.
    """
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise DesktopUnavailableError("Xvfb is not installed (apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        stop(server)
        raise DesktopUnavailableError("Xvfb did not start")
    return server, f":{number}"


@contextmanager
def desktop(width: int, height: int, taskbar_px: int = TASKBAR_PX) -> Iterator[str]:
    """Yield the DISPLAY of an Xvfb screen of ``width`` x ``height`` managed by openbox."""
    openbox = shutil.which("openbox")
    if openbox is None:
        raise DesktopUnavailableError("openbox is not installed (apt-get install openbox)")
    server, display = start_xvfb(width, height)
    with tempfile.TemporaryDirectory(prefix="vb-openbox-") as folder:
        rc = Path(folder) / "rc.xml"
        rc.write_text(RC_XML.format(bottom=taskbar_px), encoding="utf-8")
        manager = subprocess.Popen(
            [openbox, "--config-file", str(rc)],
            env={**os.environ, "DISPLAY": display},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for_work_area(display, height - taskbar_px)
            yield display
        finally:
            stop(manager)
            stop(server)


def _wait_for_work_area(display: str, usable_height: int) -> None:
    """Wait until the window manager has published the work area (the screen less the taskbar)."""
    deadline = time.monotonic() + 45  # a loaded CI machine
    while time.monotonic() < deadline:
        probe = subprocess.run(
            ["xprop", "-root", "-display", display, "_NET_WORKAREA"], capture_output=True, text=True
        )
        if f", {usable_height}" in probe.stdout:
            return
        time.sleep(0.1)
    raise RuntimeError("openbox did not publish the work area (is it running?)")  # a failure, not a skip

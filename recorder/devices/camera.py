"""``camera:N``: an OpenCV camera read on its own thread, newest frames handed to the consumer.

The capture thread stamps each frame on the shared clock right after the driver returns it and keeps a few
frames in a small queue; when the consumer is slower the oldest waiting frame is discarded (counted in
:attr:`CameraVideo.frames_discarded`), so capture never blocks. A camera that stops delivering (unplugged,
taken by another program, a driver error) ends :meth:`CameraVideo.frames` with a plain :class:`SourceError`.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from recorder.messages import MessageCode
from recorder.ports import Clock, Frame, SourceError, VideoFormat

log = logging.getLogger(__name__)

#: How long without a frame before the camera counts as stopped.
STALL_S = 3.0
#: Consecutive failed reads before the camera counts as gone.
MAX_FAILED_READS = 30
_QUEUE_FRAMES = 4
#: Why a take ended when the camera stopped (a take's ``stop_reason``; ui/pages/take_problems.py knows them).
STOPPED = "The camera stopped sending pictures. Check it is still plugged in."
FAILED = "The camera stopped working. Check it is still plugged in, then try again."


class Capture(Protocol):
    """The part of ``cv2.VideoCapture`` used here (a test may pass a stand-in for the hardware)."""

    def isOpened(self) -> bool: ...
    def read(self) -> tuple[bool, Any]: ...
    def set(self, prop: int, value: float) -> bool: ...
    def get(self, prop: int) -> float: ...
    def release(self) -> None: ...


def open_cv_capture(index: int) -> Capture:
    """Opens camera ``index`` with the platform's preferred OpenCV backend."""
    import cv2

    backend = 0
    if sys.platform == "win32":
        backend = cv2.CAP_DSHOW
    elif sys.platform.startswith("linux"):
        backend = cv2.CAP_V4L2
    capture: Capture = cv2.VideoCapture(index, backend)
    return capture


class CameraVideo:
    """Camera ``index`` asking for ``size`` at ``fps``; :attr:`format` is what the camera actually gives."""

    def __init__(
        self,
        index: int,
        clock: Clock,
        size: tuple[int, int] = (1280, 720),
        fps: float = 30.0,
        *,
        open_capture: Callable[[int], Capture] = open_cv_capture,
    ) -> None:
        import cv2

        self._clock = clock
        self._capture = open_capture(index)
        if not self._capture.isOpened():
            self._capture.release()
            raise SourceError(
                f"No camera was found at number {index}. "
                "Check it is plugged in and not used by another program.",
                code=MessageCode.CAMERA_NOT_FOUND,
                params={"number": index},
            )
        self._capture.set(cv2.CAP_PROP_FRAME_WIDTH, size[0])
        self._capture.set(cv2.CAP_PROP_FRAME_HEIGHT, size[1])
        self._capture.set(cv2.CAP_PROP_FPS, fps)
        width = int(self._capture.get(cv2.CAP_PROP_FRAME_WIDTH)) or size[0]
        height = int(self._capture.get(cv2.CAP_PROP_FRAME_HEIGHT)) or size[1]
        actual_fps = float(self._capture.get(cv2.CAP_PROP_FPS) or 0.0) or fps
        self._format = VideoFormat(width, height, actual_fps)
        self._queue: queue.Queue[tuple[int, Frame] | None] = queue.Queue(maxsize=_QUEUE_FRAMES)
        self._closed = threading.Event()
        self._error: tuple[str, MessageCode] | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.frames_discarded = 0

    @property
    def format(self) -> VideoFormat:
        return self._format

    def frames(self) -> Iterator[tuple[int, Frame]]:
        """Frames as the camera delivers them, until :meth:`close`.

        Raises:
            SourceError: the camera stopped delivering.
        """
        with self._lock:
            if self._thread is None and not self._closed.is_set():
                self._thread = threading.Thread(target=self._capture_loop, name="camera-capture", daemon=True)
                self._thread.start()
        while not self._closed.is_set():
            try:
                item = self._queue.get(timeout=STALL_S)
            except queue.Empty:
                if self._closed.is_set():
                    return
                raise SourceError(STOPPED, code=MessageCode.CAMERA_STOPPED) from None
            if item is None:  # the capture thread ended
                if self._error is not None and not self._closed.is_set():
                    raise SourceError(self._error[0], code=self._error[1])
                return
            yield item

    def _capture_loop(self) -> None:
        failed = 0
        try:
            while not self._closed.is_set():
                ok, image = self._capture.read()
                t_ns = self._clock.now_ns()
                if not ok or image is None:
                    failed += 1
                    if failed >= MAX_FAILED_READS:
                        self._error = (STOPPED, MessageCode.CAMERA_STOPPED)
                        break
                    self._closed.wait(0.01)
                    continue
                failed = 0
                self._offer((t_ns, image))
        except Exception as exc:  # a driver error must end the take with a reason, not vanish
            log.info("Camera capture failed: %r", exc)
            self._error = (FAILED, MessageCode.CAMERA_FAILED)
        finally:
            self._capture.release()
            self._offer(None)

    def _offer(self, item: tuple[int, Frame] | None) -> None:
        """Queues ``item``; when full, the oldest waiting frame makes room (the end marker always fits)."""
        while True:
            try:
                self._queue.put_nowait(item)
                return
            except queue.Full:
                try:
                    self._queue.get_nowait()
                    self.frames_discarded += 1
                except queue.Empty:
                    pass

    def close(self) -> None:
        """Stops capture without waiting (it may be called on the UI thread); the capture thread
        releases the camera as soon as its current read returns."""
        self._closed.set()
        with self._lock:
            if self._thread is None:
                self._capture.release()

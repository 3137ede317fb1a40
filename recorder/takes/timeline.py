"""Constant-frame-rate timeline: decides which captured frame fills each 1/fps output slot.

Pure and clock-free (timestamps in, decisions out), so it is unit-tested on made-up timestamps.

Slot ``k`` shows media time ``k / fps``. A frame captured at clock time ``t_ns`` belongs to the slot nearest
to ``t_ns - t0_ns``, which keeps every frame within half a frame period (16.7 ms at 30 fps) of when it was
seen - the A/V budget is 20 ms. When the camera is late (its slot is ahead of the next free slot), the
previous frame is repeated in the gap: that is what a viewer would have seen. When it is early (its slot is
already filled), the frame is dropped. Both are counted.
"""

from __future__ import annotations

from dataclasses import dataclass

_NS_PER_S = 1_000_000_000


@dataclass(frozen=True)
class Placement:
    """What to do with one captured frame.

    Attributes:
        repeat_previous: How many times to write the previous frame again first (duplicates).
        write: Whether to write this frame (False: it is dropped).
        slot: The slot this frame fills when written, else the slot it would have had.
        offset_ns: Capture time minus the slot's media time: how early (<0) or late (>0) it is shown.
    """

    repeat_previous: int
    write: bool
    slot: int
    offset_ns: int


class CfrTimeline:
    """Places capture timestamps on a constant frame rate grid starting at ``t0_ns``.

    Args:
        fps: Output frame rate.
        t0_ns: Clock time of media time 0 (the first frame's capture time).
        max_frames: Stop filling slots at this many frames (the take's time limit); None for no limit.
    """

    def __init__(self, fps: float, t0_ns: int, max_frames: int | None = None) -> None:
        if fps <= 0:
            raise ValueError("fps must be positive")
        self.fps = fps
        self.t0_ns = t0_ns
        self.max_frames = max_frames
        self.next_slot = 0
        self.frames_duplicated = 0
        self.frames_dropped = 0

    @property
    def frames_written(self) -> int:
        """Slots filled so far (written frames plus duplicates)."""
        return self.next_slot

    @property
    def full(self) -> bool:
        """True once ``max_frames`` slots are filled."""
        return self.max_frames is not None and self.next_slot >= self.max_frames

    def slot_time_ns(self, slot: int) -> int:
        """Clock time at which ``slot`` is shown."""
        return self.t0_ns + round(slot * _NS_PER_S / self.fps)

    def place(self, t_ns: int) -> Placement:
        """Decides what the frame captured at ``t_ns`` does, and advances the timeline accordingly."""
        exact = (t_ns - self.t0_ns) * self.fps / _NS_PER_S
        # Round half up: a frame exactly between two slots goes to the later one.
        slot = int(exact + 0.5) if exact >= 0 else -int(-exact + 0.5)
        offset_ns = t_ns - self.slot_time_ns(slot)
        if slot < self.next_slot or self.full:
            self.frames_dropped += 1
            return Placement(0, False, slot, offset_ns)
        # Nothing to repeat before the very first frame; t0 is normally that frame's time, so slot 0.
        repeat = slot - self.next_slot if self.next_slot > 0 else 0
        if self.max_frames is not None:
            repeat = min(repeat, self.max_frames - self.next_slot)
        self.frames_duplicated += repeat
        self.next_slot += repeat
        if self.full:
            # The gap ran up to the time limit: the late frame itself no longer fits.
            self.frames_dropped += 1
            return Placement(repeat, False, slot, offset_ns)
        self.next_slot += 1
        return Placement(repeat, True, slot, offset_ns)

    def fill_until(self, t_ns: int) -> int:
        """Number of previous-frame repeats needed so the video lasts until ``t_ns`` (e.g. at Stop).

        Advances the timeline and counts the repeats as duplicates. Returns 0 before the first frame.
        """
        if self.next_slot == 0:
            return 0
        exact = (t_ns - self.t0_ns) * self.fps / _NS_PER_S
        end_slot = int(exact)  # slots that have fully started by t_ns
        if self.max_frames is not None:
            end_slot = min(end_slot, self.max_frames)
        repeat = max(0, end_slot - self.next_slot)
        self.frames_duplicated += repeat
        self.next_slot += repeat
        return repeat

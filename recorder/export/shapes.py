"""The social-media shapes an approved take is exported in, and the sizes each shape gets.

Output size rule: the short side of every shape equals the short side of the source (720 for the default
1280×720 deliverable, 1080 for a 1080p one), so a 16:9 export of a 16:9 deliverable is never scaled, and
9:16 / 1:1 keep the source's full height. Sizes are even because H.264 yuv420p needs even dimensions.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Shape(enum.Enum):
    """An export shape. The value is the aspect ratio as people write it (also used in file names)."""

    LANDSCAPE = "16:9"
    PORTRAIT = "9:16"
    SQUARE = "1:1"

    @property
    def aspect(self) -> float:
        """Width divided by height."""
        width, height = self.value.split(":")
        return int(width) / int(height)

    @property
    def social_only(self) -> bool:
        """Made only for social media feeds (9:16 stories and reels, 1:1 feeds); 16:9 is also the recorded
        shape, used for internal communications."""
        return self is not Shape.LANDSCAPE

    @property
    def slug(self) -> str:
        """A file-name friendly form: ``16x9``, ``9x16``, ``1x1``."""
        return self.value.replace(":", "x")


@dataclass(frozen=True)
class Size:
    """A width and height in pixels."""

    width_px: int
    height_px: int


def even(value: float) -> int:
    """``value`` rounded to the nearest even whole number (at least 2)."""
    return max(2, round(value / 2) * 2)


def output_size(shape: Shape, source: Size) -> Size:
    """The size of ``shape``'s export for a source of size ``source`` (see the module docstring)."""
    short_px = even(min(source.width_px, source.height_px))
    if shape is Shape.SQUARE:
        return Size(short_px, short_px)
    long_px = even(short_px * 16 / 9)
    if shape is Shape.LANDSCAPE:
        return Size(long_px, short_px)
    return Size(short_px, long_px)


def crop_window(shape: Shape, source: Size) -> Size:
    """The largest window of ``shape``'s aspect that fits inside the source (even sizes)."""
    if source.width_px / source.height_px > shape.aspect:
        height_px = source.height_px - source.height_px % 2
        return Size(min(source.width_px, even(height_px * shape.aspect)), height_px)
    width_px = source.width_px - source.width_px % 2
    return Size(width_px, min(source.height_px, even(width_px / shape.aspect)))

"""Social-media exports of approved takes: 16:9, 9:16 and 1:1 with a face-aware crop, captions, end card.

Qt-free; called by review mode (ui/review) on a worker thread. Entry point: :func:`export_clip`.
"""

from recorder.consent_rules import Use
from recorder.export.consent import ConsentState, ExportRefusedError, check_exportable
from recorder.export.job import CancelledError, ExportError, ExportRequest, ExportResult, export_clip
from recorder.export.render import EndCardSpec
from recorder.export.shapes import Shape, Size
from recorder.export.srt import Cue, SrtError, parse_srt, write_srt

__all__ = [
    "CancelledError",
    "ConsentState",
    "Cue",
    "EndCardSpec",
    "ExportError",
    "ExportRefusedError",
    "ExportRequest",
    "ExportResult",
    "Shape",
    "Size",
    "SrtError",
    "Use",
    "check_exportable",
    "export_clip",
    "parse_srt",
    "write_srt",
]

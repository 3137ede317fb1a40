"""``voicebooth-server`` with another HTTP protocol, for bench/bench_abuse.py's reference runs.

``python bench/serve_variant.py IMPL serve --data …`` runs the real CLI with IMPL in place of the server's
limited httptools protocol: ``limited`` (the server as shipped), ``httptools`` (uvicorn's stock protocol,
no limits: the reference the red team measured) or ``h11`` (uvicorn's pure-Python protocol, whose
``h11_max_incomplete_event_size`` caps the head at 16 KiB: the alternative to a subclass).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

import server.http_protocol as http_protocol
from server.cli import main

STOCK: dict[str, type] = {"httptools": HttpToolsProtocol, "h11": H11Protocol}

if __name__ == "__main__":
    impl = sys.argv.pop(1)
    if impl in STOCK:
        http_protocol.protocol_with = lambda _limits: STOCK[impl]  # type: ignore[assignment]
    sys.exit(main(sys.argv[1:]))

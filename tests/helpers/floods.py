"""Attacks on a server on 127.0.0.1, provoked for real and bounded in time (tests and bench/bench_abuse.py).

Each runs on asyncio in its own process (``python -m tests.helpers.floods ATTACK PORT …`` prints one JSON
object), so the attacker's work never shares an interpreter with the measurements taken meanwhile:

- ``login``: N clients, each from its own loopback address (127.0.1.x), sending wrong sign-ins as fast as
  the server answers, for S seconds; prints how many of each status came back.
- ``headers``: N connections each sending a header line of M MiB that never ends (or, with ``--count``,
  that many small headers); prints how each connection ended.
- ``idle``: N connections opened and held without sending a byte for S seconds (then until the server has
  closed them all, at most 30 s more); prints how many opened, how many the server closed, and when.

``source(address)`` gives a requests-free way to speak from another loopback address (the kernel routes all
of 127.0.0.0/8 to lo on Linux), for per-address limits.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

MIB = 1024 * 1024


@dataclass(frozen=True)
class Answer:
    """A response read with :func:`post_json`."""

    status: int
    headers: dict[str, str]
    body: Any


def post_json(
    port: int, path: str, body: object, *, source: str = "127.0.0.1", timeout_s: float = 30
) -> Answer:
    """POSTs JSON to the server from the loopback address ``source``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout_s, source_address=(source, 0))
    try:
        conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        data = response.read()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, headers, json.loads(data) if data else None)
    finally:
        conn.close()


def loopback_address(index: int) -> str:
    """The index-th of 65,000 loopback addresses 127.0.1.0 and up (avoids 127.0.0.x used elsewhere)."""
    return f"127.0.{1 + index // 250}.{1 + index % 250}"


async def _status_of(reader: asyncio.StreamReader) -> int:
    line = await reader.readline()
    return int(line.split()[1]) if line.startswith(b"HTTP/") else 0


async def _login_client(port: int, address: str, deadline: float, counts: Counter[str]) -> None:
    body = json.dumps({"username": f"guess-{address}", "password": "not the password"}).encode()
    head = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    request = f"{head}Connection: close\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    loop = asyncio.get_running_loop()
    while loop.time() < deadline:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(address, 0))
            writer.write(request)
            counts[str(await asyncio.wait_for(_status_of(reader), 60))] += 1
            writer.close()
        except (OSError, TimeoutError, ValueError):
            counts["error"] += 1
            await asyncio.sleep(0.05)


async def login_flood(port: int, clients: int, seconds: float) -> dict[str, int]:
    """Wrong sign-ins from ``clients`` addresses at once for ``seconds``; counts of each status."""
    counts: Counter[str] = Counter()
    deadline = asyncio.get_running_loop().time() + seconds
    await asyncio.gather(
        *(_login_client(port, loopback_address(i), deadline, counts) for i in range(clients))
    )
    return dict(counts)


async def _endless_header(port: int, size_bytes: int, count: int, outcome: Counter[str]) -> None:
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        outcome["refused"] += 1
        return
    writer.write(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
    try:
        if count:
            for index in range(count):
                writer.write(b"X-%d: y\r\n" % index)
                if index % 1000 == 0:
                    await writer.drain()
            writer.write(b"\r\n")
        else:
            writer.write(b"X-Big: ")
            chunk = b"a" * (256 * 1024)
            for _ in range(size_bytes // len(chunk)):
                writer.write(chunk)
                await writer.drain()
        await writer.drain()
        status = await asyncio.wait_for(_status_of(reader), 10)
        outcome[f"answered {status}" if status else "closed"] += 1
    except (ConnectionError, TimeoutError):
        outcome["closed"] += 1
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


async def header_attack(port: int, connections: int, mib: float, count: int = 0) -> dict[str, int]:
    """``connections`` at once each send a header of ``mib`` MiB that never ends (or ``count`` headers)."""
    outcome: Counter[str] = Counter()
    size = int(mib * MIB)
    await asyncio.gather(*(_endless_header(port, size, count, outcome) for _ in range(connections)))
    return dict(outcome)


async def idle_connections(port: int, connections: int, seconds: float) -> dict[str, int]:
    """Opens ``connections`` and holds them silent for ``seconds``; counts opened and closed by the server."""
    writers: list[asyncio.StreamWriter] = []
    readers: list[asyncio.StreamReader] = []
    failed = 0
    for index in range(connections):
        try:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port, local_addr=(loopback_address(index), 0)
            )
        except OSError:
            failed += 1
            continue
        readers.append(reader)
        writers.append(writer)
    print(json.dumps({"opened": len(writers)}), flush=True)  # the caller starts measuring now
    started = asyncio.get_running_loop().time()
    await asyncio.sleep(seconds)

    def closed() -> int:
        return sum(1 for reader in readers if reader.at_eof() or reader.exception() is not None)

    while closed() < len(readers) and asyncio.get_running_loop().time() - started < seconds + 30:
        await asyncio.sleep(0.2)  # the server still holds some: how long until it lets go of all?
    held_s = asyncio.get_running_loop().time() - started
    for writer in writers:
        writer.close()
    return {
        "opened": len(writers),
        "failed": failed,
        "closed_by_server": closed(),
        "all_closed_by_s": round(held_s, 1),
    }


def main(argv: list[str] | None = None) -> None:
    """Runs one attack and prints its outcome as JSON on the last line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("attack", choices=["login", "headers", "idle"])
    parser.add_argument("port", type=int)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--mib", type=float, default=50.0)
    parser.add_argument("--count", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.attack == "login":
        result = asyncio.run(login_flood(args.port, args.clients, args.seconds))
    elif args.attack == "headers":
        result = asyncio.run(header_attack(args.port, args.clients, args.mib, args.count))
    else:
        result = asyncio.run(idle_connections(args.port, args.clients, args.seconds))
    print(json.dumps({**result, "seconds": round(time.monotonic() - started, 2)}), flush=True)


if __name__ == "__main__":
    main()

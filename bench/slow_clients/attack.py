"""The slow and huge clients, over bare sockets, for a fixed time: `python -m bench.slow_clients.attack`.

Each slow client opens a connection, does its one thing until the server closes it, and opens
another, so the pressure lasts the whole run: slow headers (a header line a second, never the blank
line that ends them), idle (nothing at all) and slow bodies (a POST announcing 1,000 bytes, sent a
byte a second). Huge clients send one head of `--huge-mb` megabytes as fast as the server reads it.
Every connection's fate is recorded: when the server closed it, after how long, and the status it
answered, if any. It runs in a process of its own so that its work does not slow the load
generator's; it prints `ready` once the first connections are all open, and a JSON summary at the end.

A close is seen when this process's event loop gets to it: with 1,800 sockets on a busy machine
that can be late, so the loop's own lag is measured too, to tell its delays from the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, replace

__all__ = ("Fate", "main")

_SLOW_HEAD = b"GET /health HTTP/1.1\r\nHost: bench\r\n"
_SLOW_BODY = (
    b"POST /api/v1/auth/token HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
    b"Content-Length: 1000\r\n\r\n{"
)
_HUGE_HEAD = b"GET /health HTTP/1.1\r\nHost: bench\r\nX-Huge: "
_CHUNK = b"a" * 65536
_MB = 1024 * 1024


@dataclass(frozen=True)
class Fate:
    kind: str
    open_s: float
    """How long the connection was open: until the server closed it, or until the run ended."""
    closed: bool
    answer: str
    """The status line's code the server sent before closing (`408`, `431`), or empty."""
    sent_mb: float = 0.0
    wave: int = 0
    """0 for each client's first connection, 1 for the one it opened when that was closed, …"""


async def _watch(reader: asyncio.StreamReader) -> bytes:
    """Everything the server sends until it closes the connection (a reset counts as a close)."""
    received = b""
    try:
        while chunk := await reader.read(65536):
            received += chunk
    except (ConnectionResetError, BrokenPipeError):
        pass
    return received


def _status(received: bytes) -> str:
    parts = received.split(b" ", 2)
    return parts[1].decode() if len(parts) > 2 and received.startswith(b"HTTP/") else ""


async def _hold(kind: str, port: int, first: bytes, piece: bytes, until: float) -> Fate:
    """One connection: send `first`, then `piece` every second, until the server closes it."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    opened = time.monotonic()
    watching = asyncio.ensure_future(_watch(reader))
    try:
        writer.write(first)
        count = 0
        while not watching.done() and time.monotonic() < until:
            await asyncio.wait([watching], timeout=min(1.0, max(until - time.monotonic(), 0)))
            if piece and not watching.done():
                count += 1
                writer.write(piece.replace(b"N", str(count).encode()))
    except (ConnectionResetError, BrokenPipeError):
        await asyncio.wait([watching], timeout=1.0)  # the server closed it: let the reader see so
    finally:
        writer.close()
    closed = watching.done()
    received = watching.result() if closed else b""
    watching.cancel()
    return Fate(kind, round(time.monotonic() - opened, 3), closed, _status(received))


async def _huge(port: int, size_mb: int, until: float) -> Fate:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    opened, sent = time.monotonic(), 0
    watching = asyncio.ensure_future(_watch(reader))
    try:
        writer.write(_HUGE_HEAD)
        while sent < size_mb * _MB and not watching.done() and time.monotonic() < until:
            writer.write(_CHUNK)
            await writer.drain()
            sent += len(_CHUNK)
        await asyncio.wait([watching], timeout=max(until - time.monotonic(), 0))
    except (ConnectionResetError, BrokenPipeError):
        await asyncio.wait([watching], timeout=1.0)  # the server closed it: let the reader see so
    finally:
        writer.close()
    closed = watching.done()
    received = watching.result() if closed else b""
    watching.cancel()
    return Fate("huge", round(time.monotonic() - opened, 3), closed, _status(received), round(sent / _MB, 1))


async def _keep_up(make: Callable[[], Awaitable[Fate]], until: float, fates: list[Fate]) -> None:
    """One client slot: a new connection each time the server closes the last one."""
    wave = 0
    while time.monotonic() < until:
        try:
            fates.append(replace(await make(), wave=wave))
            wave += 1
        except OSError:
            await asyncio.sleep(0.1)  # refused or out of ports: try again, the run goes on


async def _lag(until: float, lags: list[float]) -> None:
    """How late this loop wakes for a 0.1 s sleep, every 0.1 s of the run."""
    while time.monotonic() < until:
        asked = time.monotonic()
        await asyncio.sleep(0.1)
        lags.append(time.monotonic() - asked - 0.1)


async def _run(arguments: argparse.Namespace) -> tuple[list[Fate], list[float]]:
    until = time.monotonic() + arguments.seconds
    port, fates, lags = arguments.port, list[Fate](), list[float]()
    lagging = asyncio.ensure_future(_lag(until, lags))

    def client(kind: str, first: bytes, piece: bytes) -> Callable[[], Awaitable[Fate]]:
        return lambda: _hold(kind, port, first, piece, until)

    kinds = [
        (arguments.slow_headers, client("slow_header", _SLOW_HEAD, b"X-Slow-N: y\r\n")),
        (arguments.idle, client("idle", b"", b"")),
        (arguments.slow_bodies, client("slow_body", _SLOW_BODY, b" ")),
    ]
    slots = [
        asyncio.ensure_future(_keep_up(make, until, fates)) for count, make in kinds for _ in range(count)
    ]
    await asyncio.sleep(arguments.ramp_s)
    print("ready", flush=True)
    await asyncio.sleep(arguments.huge_after_s)
    fates += await asyncio.gather(*(_huge(port, arguments.huge_mb, until) for _ in range(arguments.huge)))
    await asyncio.gather(*slots, lagging)
    return fates, lags


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.slow_clients.attack")
    add = parser.add_argument
    add("--port", type=int, required=True)
    add("--seconds", type=float, required=True, help="how long the slow clients keep coming")
    add("--slow-headers", type=int, default=1000)
    add("--idle", type=int, default=500)
    add("--slow-bodies", type=int, default=300)
    add("--huge", type=int, default=2, help="clients sending one huge head each")
    add("--huge-mb", type=int, default=100)
    add("--ramp-s", type=float, default=3.0, help="time given to open the first connections")
    add("--huge-after-s", type=float, default=5.0, help="after `ready`, when the huge heads are sent")
    return parser


def main(argv: list[str] | None = None) -> None:
    arguments = _parser().parse_args(argv)
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # a socket per client, and new ones
    fates, lags = asyncio.run(_run(arguments))
    lag = {"max_s": round(max(lags, default=0.0), 3), "p99_s": round(_p99(lags), 3)}
    json.dump({"fates": [asdict(fate) for fate in fates], "loop_lag": lag}, sys.stdout)


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0


if __name__ == "__main__":
    main()

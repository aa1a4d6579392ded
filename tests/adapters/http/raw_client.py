"""HTTP/1.1 over a bare socket, byte by byte as a test needs: a head of an exact size, headers or a body
sent slowly, a connection left idle. An HTTP client library would complete, pad or retry what these
tests must send as it is, and would not say when the server closed the connection.
"""

from __future__ import annotations

import select
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ("Answer", "connect", "head_of_size", "read_answer", "trickle_until_closed", "wait_until_closed")

_CLOSED = (ConnectionResetError, BrokenPipeError)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def connect(base_url: str) -> socket.socket:
    address = urlsplit(base_url)
    return socket.create_connection((address.hostname or "127.0.0.1", address.port or 80), timeout=10)


def head_of_size(size: int, path: str = "/health") -> bytes:
    """A complete GET head (request line, headers, blank line) of exactly `size` bytes."""
    start, end = f"GET {path} HTTP/1.1\r\nHost: test\r\nX-Filler: ".encode(), b"\r\n\r\n"
    return start + b"a" * (size - len(start) - len(end)) + end


def read_answer(connection: socket.socket) -> Answer:
    """One response with a Content-Length body, as the server sent it."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += _receive(connection)
    head, body = data.split(b"\r\n\r\n", 1)
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, value in (line.split(":", 1) for line in lines)}
    while len(body) < int(headers.get("content-length", "0")):
        body += _receive(connection)
    return Answer(int(status_line.split()[1]), headers, body)


def _receive(connection: socket.socket) -> bytes:
    chunk = connection.recv(65536)
    if not chunk:
        raise ConnectionError("the server closed the connection before a whole response")
    return chunk


def wait_until_closed(connection: socket.socket, limit_s: float) -> tuple[bytes, float]:
    """Send nothing; what the server sent until it closed, and after how many seconds."""
    return trickle_until_closed(connection, b"", every_s=limit_s, limit_s=limit_s)


def trickle_until_closed(
    connection: socket.socket, piece: bytes, every_s: float, limit_s: float
) -> tuple[bytes, float]:
    """Send `piece` every `every_s` seconds until the server closes the connection; what it sent
    meanwhile, and after how many seconds it closed. Raise if it is still open after `limit_s`."""
    started = time.monotonic()
    received = b""
    while (elapsed := time.monotonic() - started) < limit_s:
        readable, _, _ = select.select([connection], [], [], min(every_s, limit_s - elapsed))
        try:
            if readable:
                chunk = connection.recv(65536)
                if not chunk:
                    return received, time.monotonic() - started
                received += chunk
            elif piece:
                connection.sendall(piece)
        except _CLOSED:
            return received, time.monotonic() - started
    raise AssertionError(f"still open after {limit_s} s; the server sent {received[:200]!r}")

"""Clients that keep asking while a fault is played, and what each answer was and how long it took."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

__all__ = ("Answer", "Traffic")


@dataclass(frozen=True)
class Answer:
    started: float
    elapsed: float
    status: int
    body: Any
    retry_after: str | None


@dataclass
class Traffic:
    """`clients` threads, each sending `send(client)` in a loop until `stop()`."""

    base: str
    clients: int
    send: Callable[[httpx.Client], httpx.Response]
    pause_s: float = 0.02
    """Between one client's requests: the server shares this process, and its CPU, with the clients."""
    answers: list[Answer] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> Traffic:
        for n in range(self.clients):
            thread = threading.Thread(target=self._loop, name=f"traffic-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> list[Answer]:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)
        return self.answers

    def _loop(self) -> None:
        with httpx.Client(base_url=self.base, timeout=60) as client:
            while not self._stop.is_set():
                started = time.monotonic()
                response = self.send(client)
                elapsed = time.monotonic() - started
                body = response.json() if response.content else None
                answer = Answer(
                    started, elapsed, response.status_code, body, response.headers.get("retry-after")
                )
                with self._lock:
                    self.answers.append(answer)
                self._stop.wait(self.pause_s)

"""Clients of the two nodes: orders sent with idempotency keys and retried until answered, and mixed
traffic (orders, order reads, dashboards) spread over both nodes, every answer kept for the checks.

A retried order keeps its key and its body, whichever node it goes to next: that is what makes the
retry safe (README, "Safe retries"). Each order has an email of its own (`<key>@<domain>`), so the
primary's tables show, per key, whether it was recorded once, never, or twice.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field

import httpx

__all__ = ("Answer", "MixedTraffic", "OrderWriter")

_ORDERS = "/api/v1/vendor/orders"


@dataclass(frozen=True)
class Answer:
    """One request as a client saw it: its HTTP status, or the transport error's name (status 0);
    `error` holds the start of a failed answer's body."""

    node: str
    kind: str
    status: int
    error: str = ""

    @property
    def failed(self) -> bool:
        return self.status == 0 or self.status >= 400


def _order_body(key: str, domain: str) -> dict[str, object]:
    return {"customer_email": f"{key}@{domain}", "total_cents": 1999, "currency": "EUR", "status": "paid"}


@dataclass
class OrderWriter:
    """Places orders one after another, each retried with its key until a 201 or `give_up_s`."""

    base_urls: list[str]
    headers: dict[str, str]
    domain: str
    give_up_s: float = 60.0
    placed: dict[str, int] = field(default_factory=dict)  # key -> the order id its 201 named
    attempts: list[Answer] = field(default_factory=list)

    def place(self, client: httpx.Client, turn: int) -> None:
        key = uuid.uuid4().hex
        body = _order_body(key, self.domain)
        headers = self.headers | {"Idempotency-Key": key}
        deadline = time.monotonic() + self.give_up_s
        try_ = turn
        while time.monotonic() < deadline:
            base_url = self.base_urls[try_ % len(self.base_urls)]
            try_ += 1
            try:
                answer = client.post(base_url + _ORDERS, json=body, headers=headers)
            except httpx.TransportError as error:
                self.attempts.append(Answer(base_url, "order", 0, type(error).__name__))
                time.sleep(0.1)
                continue
            self.attempts.append(Answer(base_url, "order", answer.status_code))
            if answer.status_code == 201:
                self.placed[key] = int(answer.json()["id"])
                return
            if answer.status_code < 500:
                raise AssertionError(f"order {key} refused: {answer.status_code} {answer.text}")
            time.sleep(0.1)
        raise AssertionError(f"order {key} was not recorded within {self.give_up_s:.0f} s")


class MixedTraffic:
    """Threads that, until `stop()`, each write an order, read it back and read the dashboard,
    alternating the nodes; every answer is kept in `answers`. No retries: a failure is a failure."""

    def __init__(self, base_urls: list[str], headers: dict[str, str], clients: int = 3) -> None:
        self._base_urls = base_urls
        self._headers = headers
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self.answers: list[Answer] = []
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(clients)]

    def __enter__(self) -> MixedTraffic:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def _run(self, number: int) -> None:
        turn = number
        with httpx.Client(timeout=10, headers=self._headers) as client:
            while not self._stop.is_set():
                write, read = self._base_urls[turn % 2], self._base_urls[(turn + 1) % 2]
                turn += 1
                key = uuid.uuid4().hex
                order = client.build_request(
                    "POST", write + _ORDERS, json=_order_body(key, "mixed.cluster.test"),
                    headers={"Idempotency-Key": key},
                )  # fmt: skip
                written = self._ask(client, write, "order", order)
                if written is not None and written.status_code == 201:
                    read_back = client.build_request("GET", f"{read}{_ORDERS}/{written.json()['id']}")
                    self._ask(client, read, "order read", read_back)
                dashboard = client.build_request("GET", read + "/api/v1/vendor/dashboard/stats")
                self._ask(client, read, "dashboard", dashboard)

    def _ask(
        self, client: httpx.Client, node: str, kind: str, request: httpx.Request
    ) -> httpx.Response | None:
        try:
            answer = client.send(request)
        except httpx.TransportError as error:
            self._keep(Answer(node, kind, 0, type(error).__name__))
            return None
        failure = answer.text[:300] if answer.status_code >= 400 else ""
        self._keep(Answer(node, kind, answer.status_code, failure))
        return answer

    def _keep(self, answer: Answer) -> None:
        with self._lock:
            self.answers.append(answer)

"""An optional cache of whole dashboards, per process, with single-flight.

A burst of identical dashboard requests (a team opening the same admin page, a monitor polling)
would each run every provider. With a TTL set (`metrics.cache_ttl_s`, off by default), the first
request computes and the others wait for its answer, then read it from the cache until the TTL
runs out or a write changes the figures of that vendor or platform: the ledger reports each write
here (`ledger_changed`), which is cheap, so a vendor sees its own new order at once. Every other
process (worker or node) is told of it too (`adapters/change_notices`), and one that may have
missed such a message drops everything (`drop_all`); the TTL is what bounds a message lost.

A dashboard with a category unavailable (a provider failed or was too slow) is answered but not
kept: the next request tries again.

Each look-up while the cache is on is told to its `CacheObserver` as a hit or a miss (a request that
waited for another's computation is a hit: it ran no provider); with the cache off nothing is told.
An observer that raises is logged, and the dashboard answered all the same.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from contracts.cache_only import refuse_to_block
from kernel.context import Owner

__all__ = ("CacheObserver", "DashboardCache")

logger = logging.getLogger("tessera.metrics")

T = TypeVar("T")


class CacheObserver(Protocol):
    def cache_looked_up(self, hit: bool) -> None:
        """One look-up: quick and never failing, it runs under no lock but on every dashboard."""
        ...


class _NoObserver:
    def cache_looked_up(self, hit: bool) -> None:
        pass


@dataclass
class _Flight(Generic[T]):
    done: threading.Event = field(default_factory=threading.Event)
    value: T | None = None
    error: BaseException | None = None


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    value: T
    expires: float
    generation: tuple[int, int]


class DashboardCache(Generic[T]):
    def __init__(
        self,
        ttl_s: float,
        *,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
        observer: CacheObserver | None = None,
    ) -> None:
        self.ttl_s, self._max, self._clock = ttl_s, max_entries, clock
        self._observer = observer or _NoObserver()
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, _Entry[T]] = OrderedDict()
        self._flights: dict[Hashable, _Flight[T]] = {}
        self._generations: dict[Owner, int] = {}
        self._epoch = 0
        """Moved by `drop_all`: an answer computed across it is never fresh, like one computed across
        its owner's generation (it may have read the rows from before the change)."""

    @property
    def enabled(self) -> bool:
        return self.ttl_s > 0

    def get(self, owner: Owner, key: Hashable, compute: Callable[[], T], keep: Callable[[T], bool]) -> T:
        """The cached answer for `(owner, key)`, or `compute()`'s, computed once however many ask at
        the same time. `keep(value)` says whether an answer may be cached. Inside `cache_only()`
        (the event loop asking first) anything but a fresh entry raises `CacheMissError`."""
        if not self.enabled:
            refuse_to_block()
            return compute()
        full_key = (owner, key)
        with self._lock:
            generation = (self._epoch, self._generations.get(owner, 0))
            entry = self._entries.get(full_key)
            fresh = entry is not None and entry.expires > self._clock() and entry.generation == generation
            if not fresh:
                refuse_to_block()  # inside `cache_only()`: neither compute nor wait for another
            if fresh:
                self._entries.move_to_end(full_key)
            flight = None if fresh else self._flights.get(full_key)
            leader = not fresh and flight is None
            if leader:
                flight = self._flights[full_key] = _Flight()
        self._tell(hit=not leader)
        if entry is not None and fresh:
            return entry.value
        assert flight is not None  # a follower found it, a leader made it
        if not leader:
            return self._follow(flight)
        try:
            flight.value = value = compute()
            if keep(value):
                self._store(full_key, value, generation)
            return value
        except BaseException as error:
            flight.error = error
            raise
        finally:
            with self._lock:
                del self._flights[full_key]
            flight.done.set()

    def _tell(self, *, hit: bool) -> None:
        """Counting a look-up is not worth a dashboard: outside the lock, and never raising."""
        try:
            self._observer.cache_looked_up(hit)
        except Exception:
            logger.warning("dashboard cache observer failed", exc_info=True)

    def ledger_changed(self, owners: Iterable[Owner]) -> None:
        """Forget what was cached for these vendors and platforms (called for every ledger write)."""
        if not self.enabled:
            return
        with self._lock:
            for owner in owners:
                self._generations[owner] = self._generations.get(owner, 0) + 1

    def drop_all(self) -> None:
        """Forget every answer, and every one being computed."""
        with self._lock:
            self._epoch += 1
            self._entries.clear()
            self._generations.clear()

    def _follow(self, flight: _Flight[T]) -> T:
        flight.done.wait()
        if flight.error is not None:
            raise flight.error
        return flight.value  # type: ignore[return-value]  # set by the leader before `done`

    def _store(self, key: Hashable, value: T, generation: tuple[int, int]) -> None:
        with self._lock:
            self._entries[key] = _Entry(value, self._clock() + self.ttl_s, generation)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

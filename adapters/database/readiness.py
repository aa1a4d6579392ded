"""Is the database ready to serve: reachable, and migrated to what the enabled modules expect?

With a replica to read from (`database.read_url`) the detail says whether it is in use, or why it
is skipped; a replica that is down or lagging does not make the process unready: the primary
serves every read meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from adapters.database.migrations import migration_states, script_heads
from kernel.module import ModuleDefinition

__all__ = ("DatabaseReadiness", "Readiness", "ReadinessProbe")


@dataclass(frozen=True, slots=True)
class Readiness:
    ready: bool
    detail: str


class DatabaseReadiness:
    def __init__(
        self,
        engine: Engine,
        modules: Sequence[ModuleDefinition],
        replica: Callable[[], str | None] = lambda: None,
    ) -> None:
        """`replica`: the replica's state in words (None without one)."""
        self._engine = engine
        self._modules = modules
        self._replica = replica
        self._heads: dict[str, str | None] | None = None

    def prepare(self) -> None:
        """Read the scripts' heads, once: loading every migration script took most of a check's time,
        enough for a first probe under load to overrun its budget. The app does it on startup."""
        if self._heads is None:
            self._heads = script_heads(self._modules)

    def check(self) -> Readiness:
        found = self._primary()
        replica = self._replica()
        return found if replica is None else Readiness(found.ready, f"{found.detail}; replica {replica}")

    def _primary(self) -> Readiness:
        self.prepare()
        try:
            states = migration_states(self._engine, self._modules, self._heads)
            behind = [state.code for state in states if not state.is_current]
        except SQLAlchemyError as error:
            return Readiness(False, f"database unreachable: {type(error).__name__}")
        if behind:
            return Readiness(False, f"migrations pending for {', '.join(behind)}: run `tessera db upgrade`")
        return Readiness(True, "database reachable and migrated")


class ReadinessProbe:
    """Runs `DatabaseReadiness.check` on a thread of its own, one check at a time.

    A check against a database that does not answer blocks until a bound in the driver passes (or
    forever, for a paused server); the caller waits at most its own budget and says 503. Probes that
    arrive meanwhile share the running check instead of each taking a thread: a load balancer
    polling every second during an outage costs one thread, not one per poll.
    """

    def __init__(self, check: Callable[[], Readiness], budget_s: float) -> None:
        """`check`: `DatabaseReadiness.check`, or what a test gives instead."""
        self.budget_s = budget_s
        self._check = check
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._running: Future[Readiness] | None = None

    def current(self) -> Future[Readiness]:
        """The check under way, or a new one."""
        with self._lock:
            if self._running is None or self._running.done():
                if self._executor is None:
                    self._executor = ThreadPoolExecutor(1, thread_name_prefix="tessera-ready")
                self._running = self._executor.submit(self._check)
            return self._running

    def late(self) -> Readiness:
        return Readiness(False, f"the database did not answer within {round(self.budget_s * 1000)} ms")

    def close(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None

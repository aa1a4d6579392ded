"""Ask a cache without ever waiting on the database: the event loop's way to skip a worker thread.

Every API request looks its tenant up (host, account, module switches). Those look-ups are cached,
but a miss reads the database, so the HTTP layer used to run them all on a worker thread, and that
hand-over cost about 0.3 ms of CPU on every request, hits included (a tenth of a dashboard request).
Now it first asks inside `cache_only()`: a cache that would have to read calls `refuse_to_block()`
first, which raises `CacheMissError` there, and only then is the look-up run on a worker thread.

A look-up that may block must call `refuse_to_block()` before it does; one that never blocks (an
in-memory fake) needs nothing. So it is part of what the HTTP adapter and the implementations of
`TenantDirectory` and `ModuleSwitches` (tenancy's caches) agree on, beside those contracts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ("CacheMissError", "cache_only", "refuse_to_block")

_ONLY_CACHED: ContextVar[bool] = ContextVar("tessera_only_cached", default=False)


class CacheMissError(Exception):
    """Inside `cache_only()`, an answer needed the database."""


@contextmanager
def cache_only() -> Iterator[None]:
    """Within this block (and this thread or task only), look-ups answer from their caches or raise."""
    token = _ONLY_CACHED.set(True)
    try:
        yield
    finally:
        _ONLY_CACHED.reset(token)


def refuse_to_block() -> None:
    """Call before reading the database on a cache miss."""
    if _ONLY_CACHED.get():
        raise CacheMissError

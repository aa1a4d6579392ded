"""Keep the objects a worker builds at start-up out of the garbage collector's full passes.

A worker's heap is mostly what it built before its first request: the modules it imported, the
app, its routes and OpenAPI schema, the container, SQLAlchemy's mappers. CPython's oldest
generation holds all of it, and a full collection walks every object there, holding the GIL: under
load a worker ran one every few seconds, each 150 to 270 ms on a busy two-core machine, and for
that long the event loop answered nothing, `/health` included (docs/benchmarks.md, "Faults").

`gc.freeze()` moves every object alive at that moment into a permanent generation the collector
never walks, so a full pass only walks what was made since. It is called after a collection, so
start-up's garbage is gone first; what start-up built is kept for the worker's life anyway. It is
called twice: once the app has started, and again once the background warm-up has connected and
loaded what the first requests need. Only served workers do it (`app_from_settings`): a process
that builds many apps, as the test suite does, would keep each one's cycles for ever.
"""

from __future__ import annotations

import gc

__all__ = ("freeze_startup_heap",)


def freeze_startup_heap() -> None:
    gc.collect()
    gc.freeze()

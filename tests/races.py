"""Race tests' thread scaffolding, written once: run works side by side, then fail the test with the
first error any of them raised (its own traceback, from its thread), or name the threads that hang.

Each test used to wrap its works in a `guarded` closure that appended to a `failures` list, start and
join the threads by hand and end with `assert failures == []`: the assert showed the errors' reprs,
not where they were raised, and a thread that never finished hung the whole suite.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial

import pytest

__all__ = ("run_together",)


def run_together(
    *works: Callable[[], object], meanwhile: Callable[[], object] | None = None, timeout_s: float = 120
) -> None:
    """Run each of `works` in a thread of its own, all at once, and `meanwhile` (if given) over and
    over in one more thread until every work has returned. Every thread runs to its end whatever the
    others do; then the first error raised in any of them is raised here, a note naming its thread.

    `timeout_s` is for a hang, not for a slow machine (the slowest race here takes a few seconds): a
    thread still running by then fails the test with its name; it is a daemon, so pytest can exit."""
    __tracebackhide__ = True
    failures: list[tuple[str, BaseException]] = []
    finished = threading.Event()

    def thread(name: str, work: Callable[[], object]) -> threading.Thread:
        def run() -> None:
            try:
                work()
            except BaseException as error:
                failures.append((name, error))

        return threading.Thread(target=run, name=name, daemon=True)

    threads = [thread(f"works[{n}] {_describe(work)}", work) for n, work in enumerate(works)]
    repeating = []
    if meanwhile is not None:
        repeating.append(thread(f"meanwhile {_describe(meanwhile)}", partial(_until, finished, meanwhile)))
    for each in [*threads, *repeating]:
        each.start()
    deadline = time.monotonic() + timeout_s
    for each in threads:
        each.join(max(0.0, deadline - time.monotonic()))
    finished.set()
    for each in repeating:
        each.join(max(0.0, deadline - time.monotonic()))
    hanging = ", ".join(each.name for each in [*threads, *repeating] if each.is_alive())
    if failures:
        name, error = failures[0]
        error.add_note(f"raised in thread {name}")
        for other, also in failures[1:]:
            error.add_note(f"also raised in thread {other}: {also!r}")
        if hanging:
            error.add_note(f"still running after {timeout_s} s: {hanging}")
        raise error
    if hanging:
        pytest.fail(f"still running after {timeout_s} s: {hanging}")


def _until(finished: threading.Event, work: Callable[[], object]) -> None:
    while not finished.is_set():
        work()


def _describe(work: Callable[[], object]) -> str:
    """`place (line 63)` for a function or lambda, `place(100)` for a partial: enough to find it."""
    if isinstance(work, partial):
        return f"{getattr(work.func, '__name__', work.func)}({', '.join(map(repr, work.args))})"
    code, name = getattr(work, "__code__", None), getattr(work, "__name__", None)
    return repr(work) if code is None or name is None else f"{name} (line {code.co_firstlineno})"

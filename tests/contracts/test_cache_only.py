"""`refuse_to_block` raises only inside `cache_only()`, and only in the thread or task that entered it."""

from __future__ import annotations

import threading

import pytest

from contracts.cache_only import CacheMissError, cache_only, refuse_to_block


def test_outside_the_block_a_lookup_may_read() -> None:
    refuse_to_block()  # nothing raised


def test_inside_the_block_a_lookup_that_would_read_raises() -> None:
    with cache_only(), pytest.raises(CacheMissError):
        refuse_to_block()


def test_the_block_ends_even_when_a_lookup_missed() -> None:
    with pytest.raises(CacheMissError), cache_only():
        refuse_to_block()
    refuse_to_block()  # nothing raised


def test_another_thread_is_not_bound_by_the_block() -> None:
    raised: list[bool] = []

    def lookup() -> None:
        try:
            refuse_to_block()
            raised.append(False)
        except CacheMissError:
            raised.append(True)

    with cache_only():
        worker = threading.Thread(target=lookup)
        worker.start()
        worker.join()
    assert raised == [False]

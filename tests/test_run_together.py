"""`run_together` itself: every race test leans on it to fail, so a helper that swallowed an error or
waited forever would make them all pass or hang without a word."""

from __future__ import annotations

import threading
import traceback
from functools import partial

import pytest

from tests.races import run_together


def test_the_first_error_is_raised_with_its_own_traceback_after_every_thread_ends() -> None:
    ran: list[str] = []

    def breaks() -> None:
        raise LookupError("lost a row")

    with pytest.raises(LookupError, match="lost a row") as raised:
        run_together(breaks, lambda: ran.append("the other"))
    assert ran == ["the other"]
    assert "breaks" in "".join(traceback.format_tb(raised.value.__traceback__))  # where it was raised
    assert raised.value.__notes__ == [
        f"raised in thread works[0] breaks (line {breaks.__code__.co_firstlineno})"
    ]


def test_meanwhile_repeats_until_the_works_have_returned() -> None:
    works_done, calls = threading.Event(), []
    run_together(lambda: threading.Event().wait(0.05), works_done.set, meanwhile=lambda: calls.append(1))
    assert works_done.is_set()
    assert len(calls) > 1


def test_a_thread_still_running_fails_the_test_and_names_it() -> None:
    release = threading.Event()
    try:
        with pytest.raises(pytest.fail.Exception, match=r"still running after 0.1 s: works\[0\] wait\(30\)$"):
            run_together(partial(release.wait, 30), timeout_s=0.1)
    finally:
        release.set()

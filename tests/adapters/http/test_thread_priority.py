"""Handler threads run one step below the event loop, so a busy machine serves the loop first."""

from __future__ import annotations

import asyncio
import os
import sys
import threading

import pytest

from adapters.http.thread_pools import ThreadPools
from adapters.http.thread_priority import HANDLER_NICENESS

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="only Linux renices one thread")


def _niceness() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_request_and_dashboard_threads_are_reniced_and_the_loop_is_not() -> None:
    async def measure() -> tuple[int, int, int]:
        pools = ThreadPools(request_threads=2, dashboard_threads=2)
        pools.start()
        try:
            loop = _niceness()
            request = await asyncio.get_running_loop().run_in_executor(None, _niceness)
            dashboard = await pools.dashboard(_niceness)
            return loop, request, dashboard
        finally:
            pools.stop()

    loop, request, dashboard = asyncio.run(measure())
    assert request == dashboard == min(loop + HANDLER_NICENESS, 19)
    assert _niceness() == loop

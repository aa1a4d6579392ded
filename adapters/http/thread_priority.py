"""Request threads yield the CPU to the event loop: they run one step below it in the OS's eyes.

Each worker's event loop accepts connections, dispatches every request and answers `/health` by
itself; its request and dashboard threads run the handlers. Under a full load on two cores (32
clients without pause, PostgreSQL and the load generator on the same cores) the loop was late by
more than 15 ms about 300 times in a 35-second run (an `asyncio.sleep` timer, measured in both
workers), and `/health` p99 moved between 31 and 87 ms from run to run. With the handler threads
at nice 5 it was late about 200 times, `/health` p99 27 and 42 ms, and throughput did not fall
(dashboards and orders served in the measured phases: within the run-to-run spread).

Only lower, never higher: raising a priority needs privileges a service should not have. The
threads still share the GIL with the loop, so a thread holding it keeps it until its switch
interval; what changes is which runnable thread the OS picks when the cores are busy. Linux
only: elsewhere a thread cannot be reniced alone, and this does nothing.
"""

from __future__ import annotations

import os
import sys
import threading

__all__ = ("HANDLER_NICENESS", "lower_this_threads_priority")

HANDLER_NICENESS = 5


def lower_this_threads_priority() -> None:
    """A `ThreadPoolExecutor` initializer: renices the calling thread, and only it (Linux)."""
    if sys.platform != "linux":
        return
    thread_id = threading.get_native_id()
    try:
        niceness = os.getpriority(os.PRIO_PROCESS, thread_id)
        os.setpriority(os.PRIO_PROCESS, thread_id, niceness + HANDLER_NICENESS)
    except OSError:  # a sandbox that forbids it: the threads keep the loop's priority
        return

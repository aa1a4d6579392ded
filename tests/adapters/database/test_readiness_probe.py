"""`/ready`'s check runs on one thread of its own: probes that arrive while it runs share it."""

from __future__ import annotations

import threading

from adapters.database.readiness import Readiness, ReadinessProbe


class SlowReadiness:
    def __init__(self) -> None:
        self.calls = 0
        self.release = threading.Event()

    def check(self) -> Readiness:
        self.calls += 1
        self.release.wait(10)
        return Readiness(True, "database reachable and migrated")


def test_probes_share_the_check_under_way_and_start_a_new_one_after() -> None:
    slow = SlowReadiness()
    probe = ReadinessProbe(slow.check, budget_s=0.1)
    try:
        first, second = probe.current(), probe.current()
        assert first is second
        assert not first.done()
        assert probe.late() == Readiness(False, "the database did not answer within 100 ms")
        slow.release.set()
        assert first.result(timeout=5).ready
        assert probe.current().result(timeout=5).ready
        assert slow.calls == 2
    finally:
        probe.close()

"""The monitor's decisions: in use while the replica has replayed what the primary had written within
the lag bound; skipped, saying why, when it lags, cannot be reached, or is no replica; and a
dashboard's wait for a write that the replica replays, bounded."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from adapters.replica.monitor import ReplicaMonitor
from tests.fakes.clock import FrozenClock
from tests.fakes.replica import FakeProbes


def _monitor(probes: FakeProbes, clock: FrozenClock, max_lag_s: float = 5.0) -> ReplicaMonitor:
    return ReplicaMonitor(probes.primary_position, probes.replica_status, clock, max_lag_s=max_lag_s)


def test_a_replica_that_replayed_what_the_primary_wrote_is_in_use_as_of_that_reading() -> None:
    clock, probes = FrozenClock(), FakeProbes(primary=1000, replayed=1000)
    monitor = _monitor(probes, clock)
    state = monitor.check()
    assert (state.in_use, state.reason, state.lag_s, state.fresh_as_of) == (
        True,
        "in use, 0.0 s behind",
        0.0,
        clock.now(),
    )


def test_an_idle_primary_is_no_lag_however_long_it_has_been_idle() -> None:
    clock, probes = FrozenClock(), FakeProbes()
    monitor = _monitor(probes, clock)
    for _ in range(30):  # a minute without writes: the replay timestamp would say a minute behind
        monitor.check()
        clock.advance(seconds=2)
    state = monitor.check()
    assert (state.in_use, state.lag_s, state.fresh_as_of) == (True, 0.0, clock.now())


def test_a_replica_lagging_past_the_bound_is_skipped_saying_how_far_behind() -> None:
    clock, probes = FrozenClock(), FakeProbes(primary=1000, replayed=1000)
    monitor = _monitor(probes, clock)
    monitor.check()
    caught_up_at = clock.now()
    for step in range(1, 37):  # the primary writes on, the replica replays nothing more
        clock.advance(seconds=0.2)
        probes.primary = 1000 + step
        monitor.check()
    state = monitor.state()
    assert (state.in_use, state.reason, state.fresh_as_of) == (
        False,
        "skipped: lagging 7.2 s behind",
        caught_up_at,
    )
    probes.replayed = 1005  # replays up to the reading of 1 s after it caught up
    state = monitor.check()
    assert (state.reason, state.fresh_as_of) == (
        "skipped: lagging 6.2 s behind",
        caught_up_at + timedelta(seconds=1),
    )
    probes.replayed = 1020  # and of 4 s: within the bound again
    state = monitor.check()
    assert (state.reason, state.fresh_as_of) == ("in use, 3.2 s behind", caught_up_at + timedelta(seconds=4))


def test_an_unreachable_replica_is_skipped_until_a_check_reaches_it() -> None:
    clock, probes = FrozenClock(), FakeProbes()
    monitor = _monitor(probes, clock)
    assert monitor.check().in_use
    probes.replica_down = True
    state = monitor.check()
    assert (state.in_use, state.reason) == (False, "skipped: unreachable (connection refused)")
    probes.replica_down = False
    assert monitor.check().in_use


def test_a_server_not_in_recovery_is_no_replica() -> None:
    probes = FakeProbes()
    probes.in_recovery = False
    state = _monitor(probes, FrozenClock()).check()
    assert (state.in_use, state.reason) == (False, "skipped: not a replica (pg_is_in_recovery() is false)")


def test_a_monitor_that_could_not_check_for_the_lag_bound_skips_the_replica() -> None:
    """A primary that stops answering the probe: the last reading ages, and so does the replica's
    freshness; the replica is never read on figures older than the bound."""
    clock, probes = FrozenClock(), FakeProbes()
    monitor = _monitor(probes, clock)
    monitor.check()
    clock.advance(seconds=6)
    assert monitor.state().reason == "skipped: not checked for 6.0 s"


def test_before_its_first_check_the_replica_is_not_read() -> None:
    assert _monitor(FakeProbes(), FrozenClock()).state().reason == "skipped: not checked yet"


def test_a_failed_read_skips_the_replica_until_the_next_check() -> None:
    monitor = _monitor(FakeProbes(), FrozenClock())
    monitor.check()
    monitor.failed("a read failed (connection reset)")
    assert monitor.state().reason == "skipped: a read failed (connection reset)"
    assert monitor.check().in_use


def test_a_dashboard_waits_for_its_write_while_the_thread_polls_the_replay() -> None:
    probes = FakeProbes(primary=1000, replayed=1000)
    monitor = _monitor(probes, FrozenClock())
    monitor.start()
    try:
        assert monitor.wait_for(1000, 0.2)  # already there: no wait
        probes.primary = 1500

        def replay_soon() -> None:
            time.sleep(0.05)
            probes.replayed = 1500

        threading.Thread(target=replay_soon).start()
        began = time.monotonic()
        assert monitor.wait_for(1500, 2.0)
        assert time.monotonic() - began < 1.0  # polled, not the half-second check
    finally:
        monitor.stop()


def test_a_write_the_replica_does_not_replay_in_time_gives_up_at_the_bound() -> None:
    probes = FakeProbes(primary=1000, replayed=1000)
    monitor = _monitor(probes, FrozenClock())
    monitor.start()
    try:
        began = time.monotonic()
        assert not monitor.wait_for(2000, 0.2)
        waited = time.monotonic() - began
        assert 0.2 <= waited < 0.6, waited
        assert probes.replica_calls > 5  # it polled meanwhile
    finally:
        monitor.stop()

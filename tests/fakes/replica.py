"""The replica monitor's two probes without a replica: positions a test sets, a replica it takes down."""

from __future__ import annotations

import threading

from adapters.replica.probes import ReplicaStatus


class FakeProbes:
    """`primary_position` and `replica_status` for a real `ReplicaMonitor`; every field settable."""

    def __init__(self, primary: int = 1000, replayed: int = 1000) -> None:
        self.primary = primary
        self.replayed = replayed
        self.in_recovery = True
        self.replica_down = False
        self.replica_calls = 0
        self._lock = threading.Lock()

    def primary_position(self) -> int:
        return self.primary

    def replica_status(self) -> ReplicaStatus:
        with self._lock:
            self.replica_calls += 1
        if self.replica_down:
            raise OSError("connection refused")
        return ReplicaStatus(self.in_recovery, self.replayed if self.in_recovery else None)

"""What the app's PostgreSQL backends are doing while the writers run, sampled every 100 ms from
`pg_stat_activity`: the share of samples in each `wait_event_type:wait_event`.

Only backends inside a request are counted: `active` ones (`CPU` when they wait on nothing), and
`idle in transaction` ones, which hold their transaction's locks while the app works (`app, in a
transaction`). Idle pooled connections are not. A write path whose orders queue for a shared row
shows as `Lock:transactionid` (waiting for the holder's commit) or `Lock:tuple`.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterable
from types import TracebackType
from typing import Any

import psycopg

from bench.pg_cluster import TemporaryCluster

__all__ = ("HARNESS", "LockWaitSampler", "shares")

HARNESS = "tessera-writebench"
"""The `application_name` of the sampler's own connection, which is not the app's to count."""
INTERVAL_S = 0.1
IN_TRANSACTION = "app, in a transaction"

_QUERY = """
SELECT CASE WHEN state = 'idle in transaction' THEN %(idle)s
            ELSE coalesce(wait_event_type || ':' || wait_event, 'CPU') END
FROM pg_stat_activity
WHERE datname = %(database)s AND backend_type = 'client backend' AND application_name <> %(harness)s
  AND state IN ('active', 'idle in transaction')
"""


def shares(samples: Iterable[list[str]]) -> dict[str, Any]:
    """Per wait, its share of backend-samples (most first); `busy`: backends in a request, on average."""
    taken = list(samples)
    counted = Counter(event for sample in taken for event in sample)
    total = sum(counted.values())
    by_event = {event: round(count / total, 3) for event, count in counted.most_common()} if total else {}
    lock = round(sum(v for k, v in counted.items() if k.startswith("Lock:")) / total, 3) if total else 0.0
    busy = round(total / len(taken), 2) if taken else 0.0
    return {"samples": len(taken), "busy": busy, "lock_share": lock, "waits": by_event}


class LockWaitSampler:
    """`with LockWaitSampler(cluster):` samples from entry to exit on a thread; `result()` after."""

    def __init__(self, cluster: TemporaryCluster) -> None:
        self._dsn = f"host=127.0.0.1 port={cluster.port} user=postgres dbname={cluster.database}"
        self._database = cluster.database
        self._samples: list[list[str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="lock-wait-sampler", daemon=True)
        self._error: Exception | None = None

    def _sample(self) -> None:
        parameters = {"idle": IN_TRANSACTION, "database": self._database, "harness": HARNESS}
        try:
            with psycopg.connect(self._dsn, application_name=HARNESS, autocommit=True) as connection:
                next_at = time.monotonic()
                while not self._stop.is_set():
                    rows = connection.execute(_QUERY, parameters).fetchall()
                    self._samples.append([str(row[0]) for row in rows])
                    next_at += INTERVAL_S
                    self._stop.wait(max(0.0, next_at - time.monotonic()))
        except psycopg.Error as error:  # reported with the results, not a reason to lose them
            self._error = error

    def __enter__(self) -> LockWaitSampler:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()

    def result(self) -> dict[str, Any]:
        found = shares(self._samples)
        return found | ({"error": str(self._error)} if self._error else {})

"""The numbers each process counts: requests, dashboard categories, dashboard cache look-ups, and,
with a replica to read from (`database.read_url`), its state and where dashboards read.

Every label is bounded by the code, never by the data: a route is its template
(`/api/v1/vendor/orders/{order_id}`, one value for every order), a method outside the HTTP ones is
`other`, a category is a module's, a failure one of four reasons. Counted per app (its own
`CollectorRegistry`), not in prometheus-client's global one: a test process builds many apps. Under
`tessera serve`, prometheus-client writes each value to its process's file in
`PROMETHEUS_MULTIPROC_DIR`, and a scrape sums every worker's (exposition.py). The replica's gauges
are not summed: each worker's monitor measures the same replica, so a scrape shows the largest lag
any worker measured and whether every worker has it in use (the least of their 0s and 1s).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from kernel.contracts.dashboard_observer import FailureReason

__all__ = ("ProcessMetrics",)

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
"""From a cached dashboard (about a millisecond) to a slow client's body (`server.body_timeout_s`)."""


class ProcessMetrics:
    """The request recorder of `requests.py`, the aggregator's `DashboardObserver`, the
    dashboard cache's `CacheObserver`, the replica monitor's `ReplicaObserver` and the read
    router's `ReadObserver`, in one object per app."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._requests = Counter(
            "tessera_http_requests",
            "HTTP requests answered, by route template, method and status",
            ("route", "method", "status"),
            registry=self.registry,
        )
        self._latency = Histogram(
            "tessera_http_request_duration_seconds",
            "From a request's arrival to its response's last byte, by route template and method",
            ("route", "method"),
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self._answered = Histogram(
            "tessera_dashboard_category_duration_seconds",
            "A dashboard category's batch, from taking a session to its answer, by category",
            ("category",),
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self._failed = Counter(
            "tessera_dashboard_category_failures",
            "Dashboard categories listed unavailable, by category and reason "
            "(error, timeout, skipped, invalid)",
            ("category", "reason"),
            registry=self.registry,
        )
        self._cache = Counter(
            "tessera_dashboard_cache_lookups",
            "Dashboard cache look-ups while metrics.cache_ttl_s is set, by result (hit, miss)",
            ("result",),
            registry=self.registry,
        )
        self._replica_lag = Gauge(
            "tessera_replica_lag_seconds",
            "How far the replica's replay was behind the primary at the monitor's last check "
            "(database.read_url; NaN when not known)",
            registry=self.registry,
            multiprocess_mode="max",
        )
        self._replica_in_use = Gauge(
            "tessera_replica_in_use",
            "1 while dashboards may read the replica (database.read_url), 0 while it is skipped",
            registry=self.registry,
            multiprocess_mode="min",
        )
        self._unsent = Counter(
            "tessera_change_notices_unsent",
            "Committed changes told to no other process (the database did not take the NOTIFY): "
            "they see them when their caches expire",
            registry=self.registry,
        )
        self._listening: Gauge | None = None  # made by the first listener: SQLite has none
        self._listened_again = Counter(
            "tessera_change_listener_reconnections",
            "Times a worker's listener listened again after losing its connection (each time it "
            "dropped every cache, since it may have missed changes)",
            registry=self.registry,
        )
        self._reads = Counter(
            "tessera_dashboard_reads",
            "Dashboard, series and top-vendor reads, by where they were read (primary, replica)",
            ("source",),
            registry=self.registry,
        )

    def request_answered(self, route: str, method: str, status: int, seconds: float) -> None:
        method = method if method in _METHODS else "other"
        self._requests.labels(route, method, str(status)).inc()
        self._latency.labels(route, method).observe(seconds)

    def category_answered(self, category: str, seconds: float) -> None:
        self._answered.labels(category).observe(seconds)

    def category_failed(self, category: str, reason: FailureReason) -> None:
        self._failed.labels(category, reason).inc()

    def cache_looked_up(self, hit: bool) -> None:
        self._cache.labels("hit" if hit else "miss").inc()

    def replica_checked(self, in_use: bool, lag_s: float | None) -> None:
        self._replica_in_use.set(1 if in_use else 0)
        self._replica_lag.set(float("nan") if lag_s is None else lag_s)

    def notices_unsent(self, count: int) -> None:
        self._unsent.inc(count)

    def listening(self, listening: bool, again: bool = False) -> None:
        if self._listening is None:
            self._listening = Gauge(
                "tessera_change_listener_up",
                "1 while every worker listens for the other processes' changes (PostgreSQL's LISTEN), "
                "0 while one does not",
                registry=self.registry,
                multiprocess_mode="min",
            )
        self._listening.set(1 if listening else 0)
        if again:
            self._listened_again.inc()

    def dashboard_read(self, source: str) -> None:
        self._reads.labels(source).inc()

"""What `/metrics` says of the change notices: whether the workers listen for each other's changes,
how often a listener came back, and notices that could not be sent (README, "Prometheus")."""

from __future__ import annotations

from prometheus_client import generate_latest

from adapters.prometheus.instruments import ProcessMetrics
from tests.adapters.prometheus.scraping import samples, scrape
from tests.api import Api


def _values(found: dict[str, list[object]], family: str) -> list[float]:
    return [sample.value for sample in found.get(family, []) if sample.name.endswith(("_total", "_up"))]  # type: ignore[attr-defined]


def test_a_served_app_on_postgresql_says_its_listener_is_up(api: Api) -> None:
    found = samples(scrape(api.client.app).text)
    listening = api.container.engine().dialect.name == "postgresql"  # SQLite reads a file per request
    assert _values(found, "tessera_change_listener_up") == ([1.0] if listening else [])  # type: ignore[arg-type]


def test_reconnections_and_unsent_notices_are_counted() -> None:
    metrics = ProcessMetrics()
    metrics.listening(True)
    metrics.listening(False)
    metrics.listening(True, again=True)
    metrics.notices_unsent(3)
    metrics.notices_unsent(2)
    found = samples(generate_latest(metrics.registry).decode())
    assert _values(found, "tessera_change_listener_up") == [1.0]  # type: ignore[arg-type]
    assert _values(found, "tessera_change_listener_reconnections") == [1.0]  # type: ignore[arg-type]
    assert _values(found, "tessera_change_notices_unsent") == [5.0]  # type: ignore[arg-type]

"""Building the app reads nothing of the ledger: the scrape's collector is described, not collected,
when it is registered, so the app starts on a database that is not yet migrated (`tessera db
upgrade` may come after the servers) and a build costs no census of every platform."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from adapters.http.app import create_app
from tests.adapters.prometheus.scraping import samples, scrape
from tests.statements import counted


def test_building_the_app_sends_no_statement(make_container: Callable[..., Any]) -> None:
    container = make_container()
    with counted(container.engine(), container.metrics_engine()) as statements:
        create_app(container)
    assert statements == []


def test_the_app_builds_on_a_database_not_yet_migrated(
    make_container: Callable[..., Any], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    container = make_container({"database": {"url": f"sqlite:///{tmp_path / 'empty.db'}"}})
    with caplog.at_level(logging.WARNING, "tessera.prometheus"):
        app = create_app(container)
    assert caplog.records == []  # no scrape was tried
    with TestClient(app) as client:
        families = samples(scrape(client.app).text)
    assert [sample.value for sample in families["tessera_ledger_up"]] == [0]  # scraped: the outage

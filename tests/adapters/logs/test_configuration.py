"""`configure_logging`: one handler on the root logger, replaced (never stacked) when called again.

The suite's conftest takes the handler off again after each test.
"""

from __future__ import annotations

import json
import logging
import os

import pytest

from adapters.logs.collapsing_handler import CollapsingHandler
from adapters.logs.configuration import configure_logging
from kernel.settings import LoggingSettings


def ours() -> list[logging.Handler]:
    return [handler for handler in logging.getLogger().handlers if isinstance(handler, CollapsingHandler)]


def test_json_lines_go_to_stderr_collapsed(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(LoggingSettings(format="json", level="WARNING"))
    for vendor in range(100):
        logging.getLogger("tessera.metrics").warning("metrics provider %r failed on vendor %d", "cms", vendor)
    logging.getLogger("tessera.metrics").info("not written at level warning")
    [line] = capsys.readouterr().err.splitlines()
    assert json.loads(line)["message"] == "metrics provider 'cms' failed on vendor 0"
    assert logging.getLogger().level == logging.WARNING


def test_configuring_again_replaces_the_handler_and_writes_its_counts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging(LoggingSettings())
    for _ in range(3):
        logging.getLogger("tessera.http").warning("database unavailable")
    [earlier] = ours()
    configure_logging(LoggingSettings(level="DEBUG", repeat_interval_s=0))
    assert ours() != [earlier]
    assert len(ours()) == 1
    assert logging.getLogger().level == logging.DEBUG
    first, count = capsys.readouterr().err.splitlines()
    assert first.endswith(f"WARNING tessera.http[{os.getpid()}]: database unavailable")
    assert count.endswith("database unavailable (and 2 more like it in the last 1 s)")


def test_the_servers_access_logger_is_left_as_the_server_set_it() -> None:
    """granian decides whether it writes an access log (`server.access_log`); its logger keeps no
    handler of its own (adapters/http/server.py) and setting up logging adds none to it."""
    access = logging.getLogger("granian.access")
    propagate = access.propagate
    access.propagate = False
    try:
        configure_logging(LoggingSettings())
        assert access.handlers == []
        assert not access.hasHandlers()
    finally:
        access.propagate = propagate


def test_alembic_naming_its_dialect_on_each_readiness_probe_is_not_written(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging(LoggingSettings(repeat_interval_s=0))
    migrations = logging.getLogger("alembic.runtime.migration")
    for _ in range(50):  # what 25 `/ready` probes said
        migrations.info("Context impl %s.", "PostgresqlImpl")
        migrations.info("Will assume %s DDL.", "transactional")
    migrations.info("Running upgrade %s -> %s, %s", "", "orders_0001", "orders")
    [line] = capsys.readouterr().err.splitlines()
    assert line.endswith("Running upgrade  -> orders_0001, orders")

"""A seeded benchmark database is reused as it is, and its ledger rebuilt only when the code
that computes the ledger changed since: on SQLite at ten million orders a rebuild takes minutes."""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bench.databases import Prepared, ledger_fingerprint, locate, prepare
from bench.run import _environ

pytestmark = pytest.mark.bench


def _files(root: Path, contents: dict[str, str]) -> None:
    for name, text_ in contents.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text_)


def test_the_fingerprint_follows_the_ledger_code_and_nothing_else(tmp_path: Path) -> None:
    _files(
        tmp_path,
        {
            "modules/orders/ledger_keys.py": "orders",
            "modules/tenancy/ledger/fold.py": "ledger",
            "adapters/ledger.py": "rebuild",
            "modules/orders/service.py": "service",
        },
    )
    first = ledger_fingerprint(tmp_path)
    assert ledger_fingerprint(tmp_path) == first
    (tmp_path / "modules/orders/service.py").write_text("another service")
    assert ledger_fingerprint(tmp_path) == first
    for changed in ("modules/orders/ledger_keys.py", "modules/tenancy/ledger/fold.py", "adapters/ledger.py"):
        (tmp_path / changed).write_text("changed")
        assert ledger_fingerprint(tmp_path) != first
        first = ledger_fingerprint(tmp_path)
    _files(tmp_path, {"modules/cms/ledger_keys.py": "a module newly on the ledger"})
    assert ledger_fingerprint(tmp_path) != first


def _ledger_rows(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(text("SELECT count(*) FROM figure_totals")) or 0)
    finally:
        engine.dispose()


def _empty_ledger(url: str, prepared: Prepared, built_by: str) -> None:
    """Empty the ledger's totals, and say in the marker which code built them."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM figure_totals"))
            marker = json.dumps(asdict(replace(prepared, figures=built_by)))
            connection.execute(text("UPDATE bench_seeded SET payload = :payload"), {"payload": marker})
    finally:
        engine.dispose()


def test_a_reused_database_is_rebuilt_only_when_its_ledger_code_changed(tmp_path: Path) -> None:
    database = locate("sqlite", "tiny", tmp_path, "postgresql://unused", "tessera_bench_test")
    environ = _environ(database, secrets.token_urlsafe(48))
    prepared, how = prepare(database, 1, False, environ)
    assert (how, prepared.figures) == ("seeded", ledger_fingerprint())
    rows = _ledger_rows(database.url)
    assert rows > 0

    _empty_ledger(database.url, prepared, built_by=prepared.figures)
    assert prepare(database, 1, False, environ) == (prepared, "reused")
    assert _ledger_rows(database.url) == 0  # not rebuilt: the code that would rebuild it is the same

    _empty_ledger(database.url, prepared, built_by="older code")
    assert prepare(database, 1, False, environ) == (prepared, "reused, ledger rebuilt")
    assert _ledger_rows(database.url) == rows
    assert prepare(database, 1, False, environ) == (prepared, "reused")

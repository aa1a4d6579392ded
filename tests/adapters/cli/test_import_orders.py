"""`tessera import orders FILE` on both databases: a JSON Lines file and the same history as CSV give
the same exact figures; bad rows are printed by line with exit code 1 and nothing imported; a second
run imports nothing twice; a file that cannot be read at all is one line and exit code 2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from adapters.cli.main import cli
from tests.api import Api, figures
from tests.modules.orders.import_history import ACME_ALL_TIME, ACME_APRIL, ROWS, as_csv, jsonl

VENDOR = "/api/v1/vendor/dashboard/stats"


@pytest.fixture
def settings_file(tmp_path: Path, database_url: str) -> Path:
    path = tmp_path / "settings.yaml"
    path.write_text(f"database:\n  url: {database_url}\n")
    return path


@pytest.fixture
def shop(api: Api) -> dict[str, Any]:
    return api.three_vendors()


def _import(settings_file: Path, file: Path, *options: str) -> Result:
    return CliRunner().invoke(
        cli, ["--settings", str(settings_file), "import", "orders", str(file), *options]
    )


@pytest.mark.parametrize(("name", "write"), [("history.jsonl", jsonl), ("history.csv", as_csv)])
def test_a_file_is_imported_once_with_exact_figures(
    api: Api, shop: dict[str, Any], settings_file: Path, tmp_path: Path, name: str, write: Any
) -> None:
    file = tmp_path / name
    file.write_text(write(ROWS))
    first = _import(settings_file, file)
    assert (first.exit_code, first.output) == (0, "imported 5, skipped 0 already there (5 rows)\n")
    again = _import(settings_file, file)
    assert (again.exit_code, again.output) == (0, "imported 0, skipped 5 already there (5 rows)\n")
    every = figures(
        api.stats(VENDOR, shop["acme_owner"], date_from="2026-01-01", date_to="2026-06-15"), "orders"
    )
    assert {key: every[key] for key in ACME_ALL_TIME} == ACME_ALL_TIME
    april = figures(
        api.stats(VENDOR, shop["acme_owner"], date_from="2026-04-01", date_to="2026-04-30"), "orders"
    )
    assert {key: april[key] for key in ACME_APRIL} == ACME_APRIL


def test_bad_rows_are_printed_by_line_and_nothing_is_imported(
    api: Api, shop: dict[str, Any], settings_file: Path, tmp_path: Path
) -> None:
    file = tmp_path / "history.txt"
    lines = (
        jsonl([ROWS[0], {**ROWS[1], "status": "lost"}]) + "\nnot json\n" + jsonl([{**ROWS[3], "vendor": 999}])
    )
    file.write_text(lines)
    assert _import(settings_file, file).exit_code == 2  # no format from ".txt": a usage error
    result = _import(settings_file, file, "--format", "jsonl")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "line 2: status: must be one of pending, paid, shipped, delivered, cancelled, refunded",
        "line 4: row: is not JSON (Expecting value): one order object per line",
        "line 5: vendor: no vendor with the id '999': name a vendor by its slug or id",
        "3 bad rows: nothing imported",
    ]
    assert api.client.get("/api/v1/vendor/orders", headers=shop["acme_owner"]).json()["total"] == 0


def test_a_csv_with_an_unknown_column_is_refused_whole(
    shop: dict[str, Any], settings_file: Path, tmp_path: Path
) -> None:
    file = tmp_path / "history.csv"
    file.write_text(
        "vendor,external_id,customer_email,placed_at,colour\nacme,A-1,a@example.com,2026-01-01T00:00:00Z,red\n"
    )
    result = _import(settings_file, file)
    assert result.exit_code == 2
    assert result.output.startswith("error: file: the header names unknown columns (colour): use vendor, ")

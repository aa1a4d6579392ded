"""How a benchmark run is made: what the command line chose, shared by the harness and its report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.databases import Kind
from bench.load import Load

__all__ = ("TARGETS", "Options")

TARGETS = ("tessera", "floor", "framework", "naive")
"""In the order each round measures them; Tessera is always among them, the others are references."""


@dataclass(frozen=True)
class Options:
    scales: list[str]
    databases: list[Kind]
    seed: int
    load: Load
    postgres_url: str
    reseed: bool
    results_dir: Path
    data_dir: Path
    prefix: str = "tessera_bench"
    workers: int = 2
    targets: tuple[str, ...] = TARGETS
    runs: int = 1
    """Rounds of every target; the report keeps each round's figures and shows their medians."""

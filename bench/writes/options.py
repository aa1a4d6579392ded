"""What a write run was asked for: the command line's choices, shared by the run and its report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.writes.world import DatabaseKind

__all__ = ("WriteOptions",)


@dataclass(frozen=True)
class WriteOptions:
    databases: list[DatabaseKind]
    scenarios: list[str]
    """Names, as `scenarios(many, few)` makes them, in the order they run."""
    baseline: str | None = None
    """A git ref served side by side with the working tree; None: the working tree alone."""
    many: int = 64
    few: int = 16
    seconds: float = 20.0
    warmup_s: float = 5.0
    workers: int = 2
    results: Path | None = None
    docs: Path | None = None

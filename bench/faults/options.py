"""What a fault run was asked for: the command line's choices, shared by the run and its report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.faults.traffic import Load

__all__ = ("FaultOptions",)


@dataclass(frozen=True)
class FaultOptions:
    scenarios: list[str]
    load: Load
    scale: str = "small"
    seed: int = 1
    workers: int = 2
    warmup_s: float = 5.0
    """Load before each scenario, not measured: the pool fills, and the connections it leaves idle
    are what the count after the fault is held to."""
    before_s: float = 10.0
    after_s: float = 15.0
    outage_s: float = 40.0
    stall_s: float = 20.0
    pause_s: float = 20.0
    results: Path | None = None
    docs: Path | None = None

    def fault_seconds(self, option: str | None) -> float:
        return float(getattr(self, option)) if option else 0.0

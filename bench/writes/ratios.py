"""The write path's targets, as ratios between scenarios of one run (same machine, same minutes):

- vendors sharing a platform write nearly as fast as vendors on platforms of their own;
- many writers on a shared platform record 2.5 times the baseline's orders per second;
- writers of one vendor keep most of the rate of writers of as many vendors;
- one writer alone waits no longer than on the baseline.

Only the working tree is judged; a target whose scenarios were not both run is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bench.writes.targets import BASELINE, CURRENT

__all__ = ("RATIOS", "Ratio", "Verdict", "verdicts")


@dataclass(frozen=True)
class Ratio:
    text: str
    """What is asked, `{many}` and `{few}` standing for the counts of the run."""
    measured: tuple[str, str]
    """(target, scenario key) of the figure judged."""
    against: tuple[str, str]
    """(target, scenario key) it is compared with."""
    factor: float
    latency: bool = False
    """False: orders/s, at least `factor` times; True: write p50, at most `factor` times."""


RATIOS = (
    Ratio(
        "writers-{many}-shared ≥ 0.8 x writers-{many}-own",
        (CURRENT, "many-shared"),
        (CURRENT, "many-own"),
        0.8,
    ),
    Ratio(
        "writers-{many}-shared ≥ 2.5 x baseline's", (CURRENT, "many-shared"), (BASELINE, "many-shared"), 2.5
    ),
    Ratio(
        "writers-{few}-one-vendor ≥ 0.6 x writers-{few}-vendors",
        (CURRENT, "few-one-vendor"),
        (CURRENT, "few-vendors"),
        0.6,
    ),
    Ratio("writer-1 p50 ≤ baseline's", (CURRENT, "one"), (BASELINE, "one"), 1.0, latency=True),
)


@dataclass(frozen=True)
class Verdict:
    database: str
    target: str
    measured: str
    met: bool


def _figure(result: dict[str, Any], latency: bool) -> float | None:
    value = result["writes"]["p50_ms" if latency else "per_s"]
    return None if value is None else float(value)


def _judge(ratio: Ratio, measured: float, against: float) -> tuple[str, bool]:
    unit = "ms" if ratio.latency else "orders/s"
    if against <= 0:
        return f"{measured:,.1f} vs {against:,.1f} {unit}", not ratio.latency and measured > 0
    times = measured / against
    met = times <= ratio.factor if ratio.latency else times >= ratio.factor
    return f"{measured:,.1f} vs {against:,.1f} {unit} ({times:.2f}x)", met


def verdicts(report: dict[str, Any]) -> list[Verdict]:
    """Each ratio for each database whose two scenarios were measured."""
    counts = {"many": report["settings"]["many"], "few": report["settings"]["few"]}
    found = []
    for database, results in report["databases"].items():
        by = {(result["target"], result["key"]): result for result in results}
        for ratio in RATIOS:
            if ratio.measured not in by or ratio.against not in by:
                continue
            measured = _figure(by[ratio.measured], ratio.latency)
            against = _figure(by[ratio.against], ratio.latency)
            if measured is None or against is None:
                shown, met = "no answers", False
            else:
                shown, met = _judge(ratio, measured, against)
            found.append(Verdict(database, ratio.text.format(**counts), shown, met))
    return found

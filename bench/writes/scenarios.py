"""The write scenarios: who writes, how many at once, and on which layout of platforms.

The counts are options (`--many`, `--few`), so the smoke test runs the same scenarios small; the
names carry the counts, as the report shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ("Layout", "Scenario", "scenarios")

Layout = Literal["shared", "own"]
"""`shared`: every vendor on one platform, so each order also adds to that platform's figures;
`own`: each vendor on a platform of its own, so no two writers share a platform's figures."""


@dataclass(frozen=True)
class Scenario:
    key: str
    """The scenario whatever the counts: what the targets name (`many-shared`, `one`, ...)."""
    name: str
    vus: int
    layout: Layout
    one_vendor: bool = False
    """Every VU signed in as the same vendor's owner: the vendor's own figures are the shared rows."""
    mixed: bool = False
    """Nine requests in ten read a dashboard (a vendor's or the platform's), one records an order."""


def scenarios(many: int, few: int) -> dict[str, Scenario]:
    """Every scenario, in the order they run, by name."""
    found = (
        Scenario("many-shared", f"writers-{many}-shared", many, "shared"),
        Scenario("many-own", f"writers-{many}-own", many, "own"),
        Scenario("few-one-vendor", f"writers-{few}-one-vendor", few, "shared", one_vendor=True),
        Scenario("few-vendors", f"writers-{few}-vendors", few, "shared"),
        Scenario("one", "writer-1", 1, "shared"),
        Scenario("mixed", "mixed", many, "shared", mixed=True),
    )
    return {scenario.name: scenario for scenario in found}

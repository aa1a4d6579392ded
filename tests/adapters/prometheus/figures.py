"""Compare the business gauges a scrape exports with the platform dashboard the API answers."""

from __future__ import annotations

from typing import Any

from prometheus_client.samples import Sample

__all__ = ("dashboard_figures", "exported_figures")


def exported_figures(families: dict[str, list[Sample]], slug: str) -> dict[str, float]:
    """`key: value` of one platform's figures, counts and money together (keys never clash)."""
    found: dict[str, float] = {}
    for family in ("tessera_figure", "tessera_money_minor_units"):
        for sample in families.get(family, []):
            if sample.labels["platform"] == slug:
                assert sample.labels["key"] not in found
                assert sample.labels["key"].startswith(sample.labels["category"] + ".")
                found[sample.labels["key"]] = sample.value
    return found


def dashboard_figures(dashboard: dict[str, Any]) -> dict[str, Any]:
    return {metric["key"]: metric for metrics in dashboard["categories"].values() for metric in metrics}

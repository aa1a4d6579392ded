"""The check issue 16 asks of the harness that needs work not yet merged: kept here, skipped, so
what the harness will hold the nodes to is in one place."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.cluster


@pytest.mark.skip(
    reason="needs replica read routing: dashboards answer from the replica with a stated freshness"
)
def test_every_dashboard_equals_the_raw_tables_within_its_stated_freshness() -> None:
    """Under mixed traffic on both nodes, each dashboard equals the primary's raw tables as they
    were no longer ago than the freshness the answer states."""

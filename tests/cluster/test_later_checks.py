"""The checks issue 16 asks of the harness that need work not yet merged: kept here, skipped, so the
list of what the harness will hold the nodes to is in one place."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.cluster

_INVALIDATION = "needs cross-process cache invalidation (LISTEN/NOTIFY), built on another branch"


@pytest.mark.skip(reason=_INVALIDATION)
def test_a_module_switched_off_through_a_is_off_on_b_within_one_second() -> None:
    """Switch orders off for the platform through node A; within 1 s node B's dashboard lacks it."""


@pytest.mark.skip(reason=_INVALIDATION)
def test_a_user_deactivated_on_a_is_refused_on_b_within_one_second() -> None:
    """Deactivate the vendor owner through node A; within 1 s node B refuses the owner's token."""


@pytest.mark.skip(
    reason="needs replica read routing: dashboards answer from the replica with a stated freshness"
)
def test_every_dashboard_equals_the_raw_tables_within_its_stated_freshness() -> None:
    """Under mixed traffic on both nodes, each dashboard equals the primary's raw tables as they
    were no longer ago than the freshness the answer states."""

"""Marketplace figures from the ledger on both databases: equal to the raw tables for every vendor
and platform and window, after every membership change, unchanged by a rebuild; and by hand for a
failed import, a completed one with bad rows, approvals, and approvals refused.

Platforms main and eu; acme on main, bolt on main and eu, crux on eu. Today is 2026-06-15 12:00
UTC: the 30-day window is 05-17..06-15 and the one before it 04-17..05-16.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from adapters.container import Container
from kernel.context import MetricsContext, Scope
from kernel.errors import ConflictError
from kernel.identity import SYSTEM
from modules.tenancy.schemas import VendorUpdate
from tests.fakes.clock import FrozenClock
from tests.ledger import fast_equals_raw, fast_equals_raw_everywhere, ledger_rows, three_vendors
from tests.modules.marketplace.uploads import csv_of
from tests.races import run_together

TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
WINDOWS = [
    MetricsContext(date(2026, 5, 17), date(2026, 6, 15), "30d", include_trends=True),
    MetricsContext(date(2026, 6, 9), date(2026, 6, 15), "7d", include_trends=True),
    MetricsContext(date(2026, 3, 1), date(2026, 4, 30), "custom", include_trends=True),
    MetricsContext(date(2026, 5, 17), date(2026, 6, 15), "30d"),
]
VENDORS, PLATFORMS = ("acme", "bolt", "crux"), ("main", "eu")
NO_PRICE = b"sku,title\nA,B\n"  # the file lacks a required column: the job fails
NOT_UTF8 = b"sku,title,price\n\xff\xfe,x,1\n"


class Imports:
    """Uploads and approvals through marketplace's services at chosen instants."""

    def __init__(self, container: Container, clock: FrozenClock, ids: dict[str, int]) -> None:
        self.container, self.clock, self.ids = container, clock, ids

    def upload(self, name: str, when: datetime, content: bytes | str) -> Any:
        self.clock.set(when)
        body = content.encode() if isinstance(content, str) else content
        return self.container.marketplace.import_service().upload(self.ids[name], "products.csv", body)

    def approve(self, name: str, when: datetime, job_id: int) -> Any:
        self.clock.set(when)
        return self.container.marketplace.import_approval().approve(self.ids[name], job_id)

    def figures(self, name: str, context: MetricsContext = WINDOWS[0]) -> dict[str, Any]:
        scope: Scope = "platform" if name in PLATFORMS else "vendor"
        fast = fast_equals_raw(self.container, "marketplace", scope, self.ids[name], context)
        return {m.key.removeprefix("marketplace."): (m.value, m.trend, m.trend_value) for m in fast}


def at(month: int, day: int, hour: int = 9, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


@pytest.fixture
def imports(container: Container, clock: FrozenClock) -> Imports:
    ids = three_vendors(container, domains=False)
    imports = Imports(container, clock, ids)
    first = imports.upload("acme", at(3, 1), csv_of(3))
    imports.approve("acme", at(3, 2), first.id)
    assert imports.upload("acme", at(5, 16, 23, 59, 59), NO_PRICE).status == "failed"
    bad_rows = imports.upload("acme", at(5, 17, 0, 0, 0), csv_of(2, invalid=1))
    assert (bad_rows.status, bad_rows.rows_valid, bad_rows.rows_invalid) == ("completed", 2, 1)
    imports.approve("acme", at(6, 15, 10), imports.upload("acme", at(6, 15, 9), csv_of(1, prefix="NEW")).id)
    imports.upload("acme", at(6, 15, 9, 30), csv_of(0, invalid=2))  # completed, nothing valid
    imports.upload("bolt", at(6, 1), NO_PRICE)
    assert imports.upload("bolt", at(6, 2), NOT_UTF8).status == "failed"
    imports.upload("bolt", at(6, 3), csv_of(4))
    imports.approve("crux", at(4, 21), imports.upload("crux", at(4, 20), csv_of(2)).id)
    clock.set(TODAY)
    return imports


def _assert_ledger_is_the_raw_tables(imports: Imports) -> None:
    vendors, platforms = (imports.ids[name] for name in VENDORS), (imports.ids[name] for name in PLATFORMS)
    fast_equals_raw_everywhere(imports.container, "marketplace", vendors, platforms, WINDOWS)


def _values(figures: dict[str, Any], *names: str) -> tuple[Any, ...]:
    return tuple(figures[name][0] for name in names)


OUTCOMES = (
    "imports_total",
    "imports_completed",
    "imports_failed",
    "success_rate",
    "staging_awaiting_approval",
)


def test_outcomes_and_rows_awaiting_approval_by_hand(imports: Imports) -> None:
    acme, bolt, crux = (imports.figures(name) for name in VENDORS)
    assert _values(acme, *OUTCOMES) == (5, 4, 1, 80.0, 2)  # 2 valid rows of the job with a bad row
    assert acme["imports_in_period"] == (3, "up", 200.0)  # 05-17 and twice 06-15; the failed 05-16
    assert _values(bolt, *OUTCOMES) == (3, 1, 2, 33.3, 4)
    assert _values(crux, *OUTCOMES) == (1, 1, 0, 100.0, 0)  # approved
    assert crux["imports_in_period"] == (0, "down", -100.0)
    main, eu = imports.figures("main"), imports.figures("eu")
    assert _values(main, *OUTCOMES, "imports_in_period") == (8, 5, 3, 62.5, 6, 6)
    assert _values(eu, *OUTCOMES, "imports_in_period") == (4, 2, 2, 50.0, 4, 3)
    assert imports.figures("acme", WINDOWS[2])["imports_in_period"] == (1, "up", None)  # 03-01


def test_approval_takes_the_rows_off_and_refusals_change_nothing(imports: Imports) -> None:
    jobs = imports.container.marketplace.import_service().list(
        imports.ids["bolt"], status="completed", limit=10, offset=0
    )
    imports.approve("bolt", TODAY, jobs.items[0].id)
    assert _values(imports.figures("bolt"), *OUTCOMES) == (3, 1, 2, 33.3, 0)
    assert imports.figures("eu")["staging_awaiting_approval"][0] == 0
    before = ledger_rows(imports.container)
    for job in jobs.items:
        with pytest.raises(ConflictError, match="already approved"):
            imports.approve("bolt", TODAY, job.id)
    acme_jobs = imports.container.marketplace.import_service().list(
        imports.ids["acme"], status=None, limit=10, offset=0
    )
    refused = [job for job in acme_jobs.items if job.status == "failed" or job.rows_valid == 0]
    assert len(refused) == 2  # the failed import, and the one whose every row was bad
    for job in refused:
        with pytest.raises(ConflictError):
            imports.approve("acme", TODAY, job.id)
    assert ledger_rows(imports.container) == before


def test_ledger_follows_memberships_and_vendor_activity(imports: Imports) -> None:
    _assert_ledger_is_the_raw_tables(imports)
    service = imports.container.tenancy.vendor_service()
    service.detach(SYSTEM, imports.ids["main"], imports.ids["bolt"])
    assert _values(imports.figures("main"), *OUTCOMES) == (5, 4, 1, 80.0, 2)
    service.update(SYSTEM, imports.ids["crux"], VendorUpdate(is_active=False))
    imports.upload("crux", at(6, 15, 11), csv_of(5, invalid=1))  # while inactive: on no platform
    assert _values(imports.figures("eu"), *OUTCOMES) == (3, 1, 2, 33.3, 4)
    _assert_ledger_is_the_raw_tables(imports)
    service.update(SYSTEM, imports.ids["crux"], VendorUpdate(is_active=True))
    service.attach(SYSTEM, imports.ids["main"], imports.ids["crux"])
    assert _values(imports.figures("main"), *OUTCOMES, "imports_in_period") == (7, 6, 1, 85.7, 7, 4)
    _assert_ledger_is_the_raw_tables(imports)


def test_a_rebuild_from_the_raw_tables_changes_nothing(imports: Imports) -> None:
    imports.container.tenancy.vendor_service().detach(SYSTEM, imports.ids["eu"], imports.ids["bolt"])
    kept = ledger_rows(imports.container)
    with imports.container.session_factory()() as session, session.begin():
        imports.container.ledger().rebuild(session, imports.container.all_ledger_sources())
    assert ledger_rows(imports.container) == kept
    assert ("v", imports.ids["acme"], "marketplace.awaiting_approval", 2) in kept


@pytest.mark.postgres
def test_racing_approvals_take_the_rows_off_once(imports: Imports) -> None:
    if imports.container.engine().dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing can race")
    job = imports.upload("bolt", TODAY, csv_of(7, prefix="RACE"))
    outcomes: list[str] = []

    def approve() -> None:
        try:
            imports.container.marketplace.import_approval().approve(imports.ids["bolt"], job.id)
            outcomes.append("approved")
        except ConflictError:
            outcomes.append("refused")

    run_together(*[approve] * 4)
    assert sorted(outcomes) == ["approved", "refused", "refused", "refused"]
    assert imports.figures("bolt")["staging_awaiting_approval"][0] == 4  # the other job's rows
    _assert_ledger_is_the_raw_tables(imports)

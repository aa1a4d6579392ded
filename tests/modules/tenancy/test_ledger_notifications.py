"""The ledger tells of a write (`contracts.change_notices`, kind `ledger`) only once the write has
committed: told before, a dashboard computed between the two would be cached with the old figures
until its TTL. A write that rolls back tells nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from adapters.change_notices.hub import ChangeHub, NoChannel
from adapters.container import Container
from contracts.change_notices import Change
from modules.tenancy.ledger import SqlLedger
from tests.ledger import three_vendors


class RecordingCache:
    def __init__(self) -> None:
        self.told: list[Change] = []

    def changed(self, change: Change) -> None:
        self.told.append(change)


def test_the_caches_hear_of_a_write_after_it_commits_and_never_of_one_rolled_back(
    container: Container,
) -> None:
    world = three_vendors(container)
    cache = RecordingCache()
    ledger = SqlLedger(notices=ChangeHub(lambda: [cache], NoChannel()))
    sessions = container.session_factory()
    with sessions() as session:
        with session.begin():
            ledger.record(
                session, world["bolt"], {"orders.count": 1}, at=datetime(2026, 6, 1, 12, tzinfo=UTC)
            )
            ledger.record_for_platform(session, world["main"], {"cms.pages": 1})
            assert cache.told == []  # not before the commit
        assert cache.told == [
            Change.ledger([("platform", world["eu"]), ("platform", world["main"]), ("vendor", world["bolt"])])
        ]
        session.begin()
        ledger.record(session, world["acme"], {"orders.count": 1})
        session.rollback()
        with session.begin():
            ledger.record(session, world["crux"], {"orders.count": 1})
        assert cache.told[1:] == [Change.ledger([("platform", world["eu"]), ("vendor", world["crux"])])]


def test_ledger_writes_tell_nothing_while_no_dashboard_is_cached(container: Container) -> None:
    """`metrics.cache_ttl_s` at 0 (the default): nothing listens, so an order's write records nothing."""
    world = three_vendors(container)
    cache = RecordingCache()
    hub = ChangeHub(lambda: [cache], NoChannel(), heard=("tenancy", "switch", "account"))
    with container.session_factory().begin() as session:
        SqlLedger(notices=hub).record(session, world["bolt"], {"orders.count": 1})
        assert "tessera.changes_pending" not in session.info
    assert cache.told == []

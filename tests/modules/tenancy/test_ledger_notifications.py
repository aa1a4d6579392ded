"""The ledger tells its observer (the dashboard cache) about a write only once the write has
committed: told before, a dashboard computed between the two would be cached with the old figures
until its TTL. A write that rolls back tells nothing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from adapters.container import Container
from modules.tenancy.ledger import SqlLedger
from tests.ledger import three_vendors


class RecordingObserver:
    def __init__(self) -> None:
        self.told: list[list[tuple[str, int]]] = []

    def ledger_changed(self, owners: Iterable[tuple[str, int]]) -> None:
        self.told.append(list(owners))


def test_the_observer_hears_of_a_write_after_it_commits_and_never_of_one_rolled_back(
    container: Container,
) -> None:
    world = three_vendors(container)
    observer = RecordingObserver()
    ledger, sessions = SqlLedger(observer=observer), container.session_factory()
    with sessions() as session:
        with session.begin():
            ledger.record(
                session, world["bolt"], {"orders.count": 1}, at=datetime(2026, 6, 1, 12, tzinfo=UTC)
            )
            ledger.record_for_platform(session, world["main"], {"cms.pages": 1})
            assert observer.told == []  # not before the commit
        assert observer.told == [
            sorted([("platform", world["eu"]), ("platform", world["main"]), ("vendor", world["bolt"])])
        ]
        session.begin()
        ledger.record(session, world["acme"], {"orders.count": 1})
        session.rollback()
        with session.begin():
            ledger.record(session, world["crux"], {"orders.count": 1})
        assert observer.told[1:] == [[("platform", world["eu"]), ("vendor", world["crux"])]]  # acme's never

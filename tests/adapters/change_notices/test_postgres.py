"""PostgreSQL's channel: a change is NOTIFYed once the writer commits, from a connection of its own
(never the writer's, whose locks would wait for it), and never for a rollback; the listener thread
hears it, and after losing its connection listens again and drops every cache, since it may have
missed messages meanwhile."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from dependency_injector import providers
from sqlalchemy import text
from sqlalchemy.engine import make_url

from adapters.change_notices.observer import Observing
from adapters.change_notices.postgres import CHANNEL, NotifyChannel, postgres_connector
from adapters.container import Container
from contracts.change_notices import Change


class Cache:
    def __init__(self) -> None:
        self.told: list[Change] = []

    def changed(self, change: Change) -> None:
        self.told.append(change)


class Observer:
    """What Prometheus would count (`adapters/prometheus/instruments.py`)."""

    def __init__(self) -> None:
        self.unsent: list[int] = []
        self.listened: list[tuple[bool, bool]] = []

    def notices_unsent(self, count: int) -> None:
        self.unsent.append(count)

    def listening(self, listening: bool, again: bool = False) -> None:
        self.listened.append((listening, again))


def _within(seconds: float, done: Callable[[], bool]) -> bool:
    """Poll `done` until it holds, at most `seconds`."""
    ends = time.monotonic() + seconds
    while not done():
        if time.monotonic() > ends:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture
def postgres(container: Container, database_url: str) -> Callable[[], Any]:
    if container.engine().dialect.name != "postgresql":
        pytest.skip("NOTIFY and LISTEN are PostgreSQL's channel; SQLite's is the sidecar file")
    return postgres_connector(make_url(database_url), "tessera-test", 3)


@pytest.fixture
def listening(postgres: Callable[[], Any]) -> Iterator[Any]:
    connection = postgres()
    connection.execute(f"LISTEN {CHANNEL}")
    yield connection
    connection.close()


def test_a_change_is_notified_after_the_commit_from_a_connection_of_its_own(
    container: Container, listening: Any
) -> None:
    hub = container.change_notices()
    with container.session_factory().begin() as session:
        writer = session.connection().connection.dbapi_connection
        assert writer is not None
        hub.after_commit(session, Change.switch(7))
        session.execute(text("SELECT 1"))
        assert list(listening.notifies(timeout=0.2)) == []
    notices = list(listening.notifies(timeout=1, stop_after=1))
    assert [notice.payload for notice in notices] == [f"v1;{hub.origin};switch;platform:7"]
    assert notices[0].pid != writer.info.backend_pid


def test_a_rolled_back_change_is_never_notified(container: Container, listening: Any) -> None:
    hub = container.change_notices()
    with container.session_factory()() as session:
        session.begin()
        hub.after_commit(session, Change.account(3))
        session.rollback()
    assert list(listening.notifies(timeout=0.3)) == []


def test_the_notices_connection_is_opened_again_when_the_server_closed_it(
    container: Container, listening: Any, postgres: Callable[[], Any]
) -> None:
    hub = container.change_notices()
    for platform_id in (1, 2):
        with container.session_factory().begin() as session:
            hub.after_commit(session, Change.switch(platform_id))
        with postgres() as admin:  # as a server restart or an idle timeout would
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'tessera-notices' AND datname = current_database()"
            )
    payloads = [notice.payload for notice in listening.notifies(timeout=1, stop_after=2)]
    assert payloads == [f"v1;{hub.origin};switch;platform:1", f"v1;{hub.origin};switch;platform:2"]


def test_a_server_that_does_not_answer_fails_no_write(caplog: pytest.LogCaptureFixture) -> None:
    observer = Observer()
    channel = NotifyChannel(
        postgres_connector(make_url("postgresql+psycopg://nobody@127.0.0.1:1/none"), "t", 1),
        observer=Observing(lambda: observer),
    )
    channel.publish(["v1;a;tenancy;"])
    channel.publish(["v1;a;switch;platform:1", "v1;a;switch;platform:2"])  # within a second: not tried
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2
    assert messages[0].startswith("1 change notices not sent (")
    assert messages[1] == "2 change notices not sent: the database did not answer just before"
    assert observer.unsent == [1, 2]  # Prometheus's tessera_change_notices_unsent


def test_the_listener_hears_changes_and_drops_everything_whenever_it_listens_again(
    container: Container, postgres: Callable[[], Any]
) -> None:
    cache, observer = Cache(), Observer()
    container.change_listeners.add_args(providers.Object(cache))
    container.process_metrics.override(providers.Object(observer))
    listener = container.change_listener()
    assert listener is not None
    listener.start()
    try:
        assert _within(2, lambda: listener.connections == 1)
        assert cache.told == [Change.everything()]  # on the first connection too: nothing missed is kept
        with postgres() as other:
            other.execute("SELECT pg_notify(%s, %s)", (CHANNEL, "v1;elsewhere;account;user:4"))
            assert _within(1, lambda: len(cache.told) == 2)
            assert cache.told[1] == Change.account(4)
            other.execute("SELECT pg_terminate_backend(%s)", (listener.backend_pid,))
        assert _within(5, lambda: listener.connections == 2)
        assert cache.told[2:] == [Change.everything()]
    finally:
        listener.stop()
    assert listener.backend_pid is None
    # Prometheus's tessera_change_listener_up, then tessera_change_listener_reconnections; stopping
    # on purpose is not a loss
    assert observer.listened == [(True, False), (False, False), (True, True)]

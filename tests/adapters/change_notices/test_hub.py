"""The hub: what a transaction records is applied here and sent to the other processes once it
commits, never before and never after a rollback; a cache or a channel that fails never fails the
write, which is already committed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from sqlalchemy import text

from adapters.change_notices.hub import ChangeHub
from adapters.container import Container
from contracts.change_notices import Change


class Cache:
    def __init__(self, fails: bool = False) -> None:
        self.told: list[Change] = []
        self.fails = fails

    def changed(self, change: Change) -> None:
        self.told.append(change)
        if self.fails:
            raise RuntimeError("this cache is broken")


class Channel:
    line_limit = 8000

    def __init__(self, fails: bool = False) -> None:
        self.sent: list[str] = []
        self.fails = fails

    def publish(self, lines: Sequence[str]) -> None:
        if self.fails:
            raise OSError("the channel is down")
        self.sent.extend(lines)

    def catch_up(self, receive: Callable[[str], None]) -> None:
        pass


def test_changes_are_told_once_the_transaction_commits_merged_by_kind(container: Container) -> None:
    cache, channel = Cache(), Channel()
    hub = ChangeHub(lambda: [cache], channel)
    with container.session_factory().begin() as session:
        hub.after_commit(session, Change.switch(2))
        hub.after_commit(session, Change.account(5))
        hub.after_commit(session, Change.switch(1))
        session.execute(text("SELECT 1"))
        assert (cache.told, channel.sent) == ([], [])
    assert cache.told == [Change.of("switch", [("platform", 1), ("platform", 2)]), Change.account(5)]
    assert channel.sent == [
        f"v1;{hub.origin};switch;platform:1,platform:2",
        f"v1;{hub.origin};account;user:5",
    ]


def test_a_rollback_tells_nothing_and_the_next_transaction_starts_clean(container: Container) -> None:
    cache, channel = Cache(), Channel()
    hub = ChangeHub(lambda: [cache], channel)
    with container.session_factory()() as session:
        session.begin()
        hub.after_commit(session, Change.tenancy())
        session.rollback()
        with session.begin():
            hub.after_commit(session, Change.switch(4))
    assert cache.told == [Change.switch(4)]
    assert channel.sent == [f"v1;{hub.origin};switch;platform:4"]


def test_a_savepoint_rolled_back_keeps_what_was_recorded_before_it(container: Container) -> None:
    cache = Cache()
    hub = ChangeHub(lambda: [cache], Channel())
    with container.session_factory().begin() as session:
        hub.after_commit(session, Change.switch(1))
        savepoint = session.begin_nested()
        hub.after_commit(session, Change.account(9))
        savepoint.rollback()
    assert cache.told == [Change.switch(1), Change.account(9)]  # one notice too many, never one too few


def test_all_says_everything_alone(container: Container) -> None:
    cache = Cache()
    hub = ChangeHub(lambda: [cache], Channel())
    with container.session_factory().begin() as session:
        hub.after_commit(session, Change.switch(1))
        hub.after_commit(session, Change.everything())
    assert cache.told == [Change.everything()]


def test_a_failing_cache_spares_the_others_and_a_failing_channel_fails_no_write(
    container: Container, caplog: pytest.LogCaptureFixture
) -> None:
    broken, cache = Cache(fails=True), Cache()
    hub = ChangeHub(lambda: [broken, cache], Channel(fails=True))
    with container.session_factory().begin() as session:
        hub.after_commit(session, Change.tenancy())
    assert broken.told == cache.told == [Change.tenancy()]
    assert [record.getMessage() for record in caplog.records] == [
        "a cache failed to drop what a change made stale: Change(kind='tenancy', keys=())",
        "telling the other processes of a change failed; their caches expire later",
    ]


def test_a_process_skips_its_own_lines_and_applies_the_others(container: Container) -> None:
    mine, theirs = Cache(), Cache()
    hub, other = ChangeHub(lambda: [mine], Channel()), ChangeHub(lambda: [theirs], Channel())
    line = f"v1;{hub.origin};switch;platform:3"
    hub.receive(line)
    other.receive(line)
    assert (mine.told, theirs.told) == ([], [Change.switch(3)])

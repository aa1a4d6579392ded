"""A look-up that read the rows just before a change committed, and comes back after the change was
told, must not keep what it read: it would be served for a whole TTL after every process was told.
Each cache counts the changes told (its epoch) and keeps an answer only if none came while it read.
Here the change lands exactly in that window: between the look-up's SELECT and its storing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, update

from adapters.container import Container
from contracts.change_notices import Change
from modules.tenancy.models import Platform, PlatformModule
from tests.api import Api


@contextmanager
def after_a_select_from(engine: Engine, table: str, change: Callable[[], None]) -> Iterator[None]:
    """Run `change` once, right after the first statement reading `table` has run."""
    done: list[bool] = []

    def hook(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not done and statement.lstrip().startswith("SELECT") and f"FROM {table}" in statement:
            done.append(True)
            change()

    event.listen(engine, "after_cursor_execute", hook)
    try:
        yield
    finally:
        event.remove(engine, "after_cursor_execute", hook)
    assert done == [True]


def test_a_platform_read_before_a_rename_is_not_kept_after_the_rename_was_told(api: Api) -> None:
    platform_id = api.platform(api.super_admin(), "main", "main.test")
    container: Container = api.container
    directory = container.tenancy.tenant_directory()

    def rename() -> None:
        with container.engine().begin() as connection:
            connection.execute(update(Platform).where(Platform.id == platform_id).values(name="Renamed"))
        directory.changed(Change.tenancy())  # as the hub does once the rename commits

    directory.changed(Change.tenancy())  # nothing cached yet, however the platform was made
    with after_a_select_from(container.engine(), "platforms", rename):
        old = directory.platform_by_id(platform_id)
    assert old is not None
    assert old.name == "Main"  # it did read the row from before the rename
    renamed = directory.platform_by_id(platform_id)
    assert renamed is not None
    assert renamed.name == "Renamed"


def test_switches_read_before_a_switch_are_not_kept_after_the_switch_was_told(api: Api) -> None:
    container: Container = api.container
    platform_id = api.platform(api.super_admin(), "main", "main.test")
    switches = container.tenancy.module_switches()
    if "cms" not in switches.enabled_codes(platform_id):
        pytest.skip("switches cms off, which this installation leaves out or has off already")

    def switch_cms_off() -> None:
        with container.engine().begin() as connection:
            connection.execute(
                insert(PlatformModule).values(
                    platform_id=platform_id,
                    module_code="cms",
                    enabled=False,
                    updated_at=container.clock().now(),
                )
            )
        switches.changed(Change.switch(platform_id))

    switches.changed(Change.switch(platform_id))  # nothing cached yet, however the platform was made
    with after_a_select_from(container.engine(), "platform_modules", switch_cms_off):
        assert "cms" in switches.enabled_codes(platform_id)
    assert "cms" not in switches.enabled_codes(platform_id)


def test_an_account_change_drops_that_account_only(api: Api) -> None:
    root = api.super_admin()
    directory = api.container.tenancy.tenant_directory()
    platform_id = api.platform(root, "main", "main.test")
    directory.platform_by_id(platform_id)
    directory.account(1)
    directory.changed(Change.account(1))
    statements: list[str] = []

    def hook(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(api.container.engine(), "after_cursor_execute", hook)
    try:
        assert directory.platform_by_id(platform_id) is not None
        assert directory.account(1) is not None
    finally:
        event.remove(api.container.engine(), "after_cursor_execute", hook)
    assert len(statements) == 1  # the account read again, the platform still kept
    assert "FROM users" in statements[0]

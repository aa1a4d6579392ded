"""The database itself keeps the rules CMS's services rely on: one owner per page, a slug once per
owner, at most one active theme per vendor. (Models and migration are compared by
`tests/adapters/database/test_migrations.py`.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, insert, inspect
from sqlalchemy.exc import IntegrityError

from modules.cms.models import Base, ContentPage, Theme
from tests.api import Api

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def test_the_active_theme_index_is_partial_and_unique(migrated_database: str) -> None:
    engine = create_engine(migrated_database)
    try:
        indexes = {index["name"]: index for index in inspect(engine).get_indexes("themes")}
        where = f"{engine.dialect.name}_where"
    finally:
        engine.dispose()
    active = indexes["uq_themes_one_active_per_vendor"]
    assert (active["column_names"], bool(active["unique"])) == (["vendor_id"], True)
    assert str(active["dialect_options"][where]) == "is_active"
    assert indexes["ix_themes_vendor_created"]["column_names"] == ["vendor_id", "created_at"]


@pytest.fixture
def insert_rows(api: Api) -> Callable[..., None]:
    """Insert straight into the database, past the services: platform 1, vendors 1 and 2."""
    root = api.super_admin()
    main = api.platform(root, "main")
    assert [api.vendor(root, "acme", [main]), api.vendor(root, "bolt", [main])] == [1, 2]

    def run(model: type[Base], *rows: dict[str, Any]) -> None:
        with api.container.session_factory().begin() as session:
            session.execute(insert(model), list(rows))

    return run


def _page(slug: str, vendor_id: int | None = None, platform_id: int | None = None) -> dict[str, Any]:
    return {
        "vendor_id": vendor_id,
        "platform_id": platform_id,
        "slug": slug,
        "title": slug,
        "body": "",
        "status": "draft",
        "created_at": NOW,
    }


def _theme(vendor_id: int, is_active: bool) -> dict[str, Any]:
    return {"vendor_id": vendor_id, "name": "t", "is_active": is_active, "created_at": NOW}


def test_the_database_refuses_a_second_active_theme(insert_rows: Callable[..., None]) -> None:
    insert_rows(Theme, _theme(1, True), _theme(1, False), _theme(1, False), _theme(2, True))
    with pytest.raises(IntegrityError):
        insert_rows(Theme, _theme(1, True))


@pytest.mark.parametrize(("vendor_id", "platform_id"), [(1, 1), (None, None)])
def test_the_database_refuses_a_page_without_exactly_one_owner(
    insert_rows: Callable[..., None], vendor_id: int | None, platform_id: int | None
) -> None:
    with pytest.raises(IntegrityError):
        insert_rows(ContentPage, _page("about", vendor_id, platform_id))


def test_a_slug_is_unique_per_owner_only(insert_rows: Callable[..., None]) -> None:
    insert_rows(
        ContentPage, _page("about", vendor_id=1), _page("about", vendor_id=2), _page("about", platform_id=1)
    )
    with pytest.raises(IntegrityError):
        insert_rows(ContentPage, _page("about", vendor_id=1))
    with pytest.raises(IntegrityError):
        insert_rows(ContentPage, _page("about", platform_id=1))

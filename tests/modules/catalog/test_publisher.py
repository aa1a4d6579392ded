"""`ProductPublisher.publish` and `ProductCatalog` called directly, as marketplace and inventory call
them, on both databases: publish upserts by sku in the caller's transaction and commits nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from adapters.container import Container
from contracts.catalog import ProductCatalog, ProductDraft, ProductPublisher
from kernel.errors import InvalidInputError
from tests.api import Api
from tests.fakes.clock import FrozenClock
from tests.modules.catalog.conftest import PRODUCTS, add_product


def _products(api: Api, owner: dict[str, str]) -> dict[str, dict[str, Any]]:
    page = api.client.get(PRODUCTS, params={"limit": 100}, headers=owner).json()
    return {product["sku"]: product for product in page["items"]}


@pytest.fixture
def publisher(container: Container) -> ProductPublisher:
    found = container.product_publisher()
    assert isinstance(found, ProductPublisher)
    return found


@pytest.fixture
def sessions(container: Container) -> sessionmaker[Session]:
    return container.session_factory()


def test_publish_creates_active_unfeatured_products_stamped_now(
    api: Api, world: dict, publisher: ProductPublisher, sessions: sessionmaker[Session], clock: FrozenClock
) -> None:
    drafts = [ProductDraft("TENT-2", "Tent for two", 25000), ProductDraft("MAT", "Sleeping mat", 3500)]
    with sessions.begin() as session:
        published = publisher.publish(session, world["acme"], drafts)
    assert (published.created, published.updated) == (2, 0)
    products = _products(api, world["acme_owner"])
    assert published.product_ids == {"TENT-2": products["TENT-2"]["id"], "MAT": products["MAT"]["id"]}
    assert products["TENT-2"] == {
        "id": published.product_ids["TENT-2"],
        "vendor_id": world["acme"],
        "sku": "TENT-2",
        "title": "Tent for two",
        "price_cents": 25000,
        "is_active": True,
        "is_featured": False,
        "created_at": "2026-06-15T12:00:00Z",
    }


def test_publish_updates_by_sku_and_leaves_other_vendors_alone(
    api: Api, world: dict, publisher: ProductPublisher, sessions: sessionmaker[Session]
) -> None:
    mine = add_product(
        api, world["acme_owner"], "LAMP", 4500, title="Lamp", is_featured=True, is_active=False
    )
    theirs = add_product(api, world["bolt_owner"], "LAMP", 9900, title="Bolt's lamp")
    drafts = [
        ProductDraft("LAMP", "Desk lamp", 4000),
        ProductDraft("BULB", "Bulb", 300),
        ProductDraft("BULB", "Warm bulb", 350),  # a repeated sku: the last draft wins, counted once
    ]
    with sessions.begin() as session:
        published = publisher.publish(session, world["acme"], drafts)
    assert (published.created, published.updated) == (1, 1)
    assert published.product_ids["LAMP"] == mine["id"]
    products = _products(api, world["acme_owner"])
    # an update changes title and price only; the vendor's own flags and the creation time stay
    assert products["LAMP"] == {**mine, "title": "Desk lamp", "price_cents": 4000}
    assert (products["BULB"]["title"], products["BULB"]["price_cents"]) == ("Warm bulb", 350)
    assert _products(api, world["bolt_owner"]) == {"LAMP": theirs}


def test_publish_writes_nothing_when_the_caller_rolls_back(
    api: Api, world: dict, publisher: ProductPublisher, sessions: sessionmaker[Session]
) -> None:
    kept = add_product(api, world["acme_owner"], "KEEP", 100)
    with sessions() as session:
        published = publisher.publish(
            session, world["acme"], [ProductDraft("KEEP", "Changed", 1), ProductDraft("NEW", "New", 2)]
        )
        assert (published.created, published.updated) == (1, 1)
        session.rollback()
    assert _products(api, world["acme_owner"]) == {"KEEP": kept}


def test_publish_of_nothing_is_nothing(
    world: dict, publisher: ProductPublisher, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        published = publisher.publish(session, world["acme"], [])
    assert (published.created, published.updated, published.product_ids) == (0, 0, {})


@pytest.mark.parametrize(
    "bad",
    [
        ProductDraft("", "Empty sku", 1),
        ProductDraft("with space", "Bad sku", 1),
        ProductDraft("X" * 65, "Long sku", 1),
        ProductDraft("OK", "", 1),
        ProductDraft("OK", "nul\x00", 1),
        ProductDraft("OK", "Negative", -1),
        ProductDraft("OK", "Huge", 10**20),
    ],
)
def test_a_bad_draft_is_refused_by_its_position_before_anything_is_written(
    api: Api, world: dict, publisher: ProductPublisher, sessions: sessionmaker[Session], bad: ProductDraft
) -> None:
    with pytest.raises(InvalidInputError) as raised, sessions.begin() as session:
        publisher.publish(session, world["acme"], [ProductDraft("GOOD", "Good", 1), bad])
    assert raised.value.field == "drafts[1]"
    assert _products(api, world["acme_owner"]) == {}


def test_the_catalog_answers_ownership_and_prices(
    api: Api, world: dict, container: Container, sessions: sessionmaker[Session]
) -> None:
    catalog = container.product_catalog()
    assert isinstance(catalog, ProductCatalog)
    mug = add_product(api, world["acme_owner"], "MUG", 1299)
    pen = add_product(api, world["bolt_owner"], "PEN", 250)
    with sessions() as session:
        assert catalog.vendor_owns(session, world["acme"], mug["id"])
        assert not catalog.vendor_owns(session, world["bolt"], mug["id"])
        assert not catalog.vendor_owns(session, world["acme"], 999)
        prices = catalog.product_prices().subquery()
        rows = session.execute(select(prices).order_by(prices.c.product_id)).all()
    assert [tuple(row) for row in rows] == [(mug["id"], world["acme"], 1299), (pen["id"], world["bolt"], 250)]

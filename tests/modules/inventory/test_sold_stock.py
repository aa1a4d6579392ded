"""Inventory's keeper takes and puts back the units orders sell (`contracts.stock`), called as
orders call it: in the caller's transaction. On both databases, worked out by hand: LAMP (2.50) has
main 3/1 and store-2 4/2, DESK (10.00) has b-shelf 2/0 and main 0/0, CHAIR has no stock row.

Taking 5 LAMP, 1 DESK and 9 CHAIR takes LAMP's main 3 then store-2's 2, DESK's 1 at b-shelf (main is
empty; the others go in name order), and skips CHAIR: LAMP 2 (low: 2 <= 3), DESK 1; 3 units, 1 low,
0 out, 2 x 250 + 1 x 1000 = 1500 cents. Putting it back restores every row.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from adapters.container import Container
from contracts.stock import StockLevels, StockMove
from kernel.errors import ConflictError
from modules.inventory.models import StockLevel
from tests.ledger import three_vendors
from tests.modules.inventory.test_inventory_ledger import Shop, _everywhere, _figures


@pytest.fixture
def world(container: Container) -> dict[str, Any]:
    world: dict[str, Any] = dict(three_vendors(container))
    shop, acme = Shop(container), world["acme"]
    world["LAMP"], world["DESK"] = shop.product(acme, "LAMP", 250), shop.product(acme, "DESK", 1_000)
    world["CHAIR"] = shop.product(acme, "CHAIR", 5_000)
    shop.stock(acme, world["LAMP"], 3, 1)
    shop.stock(acme, world["LAMP"], 4, 2, location="store-2")
    shop.stock(acme, world["DESK"], 2, 0, location="b-shelf")
    shop.stock(acme, world["DESK"], 0, 0)
    return world


def _keeper(container: Container) -> StockLevels:
    """Inventory's own: the lists that gather it exist only while orders or marketplace is there."""
    return container.inventory.stock_levels()  # type: ignore[no-any-return]


def _rows(container: Container) -> dict[tuple[int, str], int]:
    with container.session_factory()() as session:
        return {(r.product_id, r.location): r.quantity for r in session.scalars(select(StockLevel))}


def test_units_leave_main_first_then_the_other_locations_and_come_back_there(
    container: Container, world: dict[str, Any]
) -> None:
    before, acme = _rows(container), world["acme"]
    wanted = {world["LAMP"]: 5, world["DESK"]: 1, world["CHAIR"]: 9}
    with container.session_factory()() as session, session.begin():
        moves = _keeper(container).take(session, acme, wanted)
    assert moves == [
        StockMove(world["LAMP"], "main", 3),
        StockMove(world["LAMP"], "store-2", 2),
        StockMove(world["DESK"], "b-shelf", 1),
    ]
    assert _figures(container, "vendor", acme) == (3, 1, 0, 1_500)
    _everywhere(container, world)
    with container.session_factory()() as session, session.begin():
        _keeper(container).put_back(session, acme, moves)
    assert _rows(container) == before
    assert _figures(container, "vendor", acme) == (9, 0, 0, 3_750)
    _everywhere(container, world)


def test_too_few_units_refuse_the_whole_take(container: Container, world: dict[str, Any]) -> None:
    before = _rows(container)
    with (
        pytest.raises(
            ConflictError, match=f"not enough stock of product {world['LAMP']}: 8 wanted, 7 in stock"
        ),
        container.session_factory()() as session,
        session.begin(),
    ):
        _keeper(container).take(session, world["acme"], {world["DESK"]: 1, world["LAMP"]: 8})
    assert _rows(container) == before
    _everywhere(container, world)


def test_another_vendors_products_are_not_taken_from(container: Container, world: dict[str, Any]) -> None:
    with container.session_factory()() as session, session.begin():
        assert _keeper(container).take(session, world["bolt"], {world["LAMP"]: 1}) == []
    assert _rows(container)[(world["LAMP"], "main")] == 3


def test_a_put_back_that_would_overfill_a_location_is_a_409(
    container: Container, world: dict[str, Any]
) -> None:
    shop = Shop(container)
    with container.session_factory()() as session, session.begin():
        moves = _keeper(container).take(session, world["acme"], {world["LAMP"]: 1})
    stock_id = next(
        s.id
        for s in container.inventory.stock_service()
        .list(world["acme"], product_id=world["LAMP"], limit=10, offset=0)
        .items
        if s.location == "main"
    )
    shop.adjust(world["acme"], stock_id, 1_000_000 - 2)
    refused = pytest.raises(ConflictError, match="would hold 1000001, more than 1,000,000")
    with refused, container.session_factory()() as session, session.begin():
        _keeper(container).put_back(session, world["acme"], moves)
    _everywhere(container, world)

"""An order's lines: what it sold, checked before anything is written.

An order with lines totals their sum: `total_cents` may be left out, and one that differs is a 400
naming both figures. A line may name a catalog product (`product_id`): with the catalog module on,
it must be one of the vendor's products, asked through the catalog contract; with catalog off, a
line cannot name a product. Orders without lines are as they always were.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import cast

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.orm import Session

from contracts.catalog import ProductCatalog
from kernel.errors import InvalidInputError
from modules.orders.models import OrderLine as LineRow
from modules.orders.schemas import MAX_ORDER_CENTS, OrderCreate, OrderLine

__all__ = ("check_products", "lines_of", "priced_total", "write_lines")


def priced_total(data: OrderCreate) -> int:
    """The order's total: as given without lines; the lines' sum with them (which a given total must
    equal)."""
    if not data.lines:
        if data.total_cents is None:
            raise InvalidInputError("total_cents", "give the order's total in cents, or its lines")
        return data.total_cents
    summed = sum(line.quantity * line.unit_price_cents for line in data.lines)
    if summed > MAX_ORDER_CENTS:
        raise InvalidInputError(
            "lines", f"the lines add up to {summed} cents, more than an order may total ({MAX_ORDER_CENTS})"
        )
    if data.total_cents is not None and data.total_cents != summed:
        raise InvalidInputError(
            "total_cents",
            f"{data.total_cents} is not what the lines add up to, {summed}: "
            f"leave total_cents out or make it {summed}",
        )
    return summed


def check_products(
    db: Session, vendor_id: int, lines: Sequence[OrderLine], catalogs: Sequence[ProductCatalog]
) -> None:
    """Every `product_id` named is one of the vendor's products; none may be named without a catalog."""
    for index, line in enumerate(lines):
        if line.product_id is None:
            continue
        if not catalogs:
            raise InvalidInputError(
                f"lines[{index}].product_id",
                "the catalog module is off, so a line cannot name a product: leave product_id out",
            )
        if not any(catalog.vendor_owns(db, vendor_id, line.product_id) for catalog in catalogs):
            raise InvalidInputError(
                f"lines[{index}].product_id",
                f"product {line.product_id} is not one of this vendor's products",
            )


def write_lines(connection: Connection, order_id: int, vendor_id: int, lines: Sequence[OrderLine]) -> None:
    if lines:
        rows = [{"order_id": order_id, "vendor_id": vendor_id, **_fields(line)} for line in lines]
        connection.execute(insert(cast("Table", LineRow.__table__)), rows)


def lines_of(db: Session, vendor_id: int, order_ids: Iterable[int]) -> dict[int, list[OrderLine]]:
    """The lines of each of the vendor's orders, in the order they were given; one statement for a
    whole page, on `ix_order_lines_vendor_order`."""
    found: dict[int, list[OrderLine]] = defaultdict(list)
    wanted = list(order_ids)
    if not wanted:
        return found
    query = select(LineRow).where(LineRow.vendor_id == vendor_id, LineRow.order_id.in_(wanted))
    for row in db.scalars(query.order_by(LineRow.id)):
        found[row.order_id].append(
            OrderLine(
                sku=row.sku,
                title=row.title,
                quantity=row.quantity,
                unit_price_cents=row.unit_price_cents,
                product_id=row.product_id,
            )
        )
    return found


def _fields(line: OrderLine) -> dict[str, object]:
    return {
        "sku": line.sku,
        "title": line.title,
        "quantity": line.quantity,
        "unit_price_cents": line.unit_price_cents,
        "product_id": line.product_id,
    }

"""Stock follows sales, when a stock keeper (inventory) is on: through `contracts.stock`, never
by importing inventory, in the order's own transaction so the order, the stock and both modules'
figures land together or not at all.

- An order with product lines takes their units out of stock when it becomes paid: moved to paid,
  or recorded straight as paid, shipped or delivered. Not enough stock is a 409 naming the product,
  the units wanted and in stock, and nothing changes. A product without stock rows is not tracked.
- Cancelling a paid order puts back what it took; a refund (POST refunds, or a move to refunded)
  puts it back only when asked, with `"restock": true`, and only once: a second restock puts back
  nothing. Every put back claims the order's unreturned moves in one statement (`returned_at IS
  NULL`), so a retry or two racing refunds cannot put anything back twice.
- The keepers are those on for the request's platform (a vendor on several platforms: the one the
  request is for, as its dashboards). With none on, nothing moves and nothing is claimed: an order
  paid then takes nothing, and one cancelled then keeps what it had taken.

Inventory is the only keeper there is; should there be several, the first one on keeps sales.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.orm import Session

from contracts.module_switches import ModuleSwitches
from contracts.stock import StockLevels, StockMove
from kernel.errors import InvalidInputError
from modules.orders.models import OrderLine, OrderStockMove

__all__ = ("TAKES_STOCK", "OrderStock")

TAKES_STOCK = ("paid", "shipped", "delivered")
"""The statuses an order recorded straight into has been paid in: it takes stock as it arrives."""


class OrderStock:
    def __init__(self, keepers: Sequence[StockLevels] = (), switches: ModuleSwitches | None = None) -> None:
        """`keepers`: inventory's, when it is on in settings; `switches` say where it is off at run time."""
        self._keepers = keepers
        self._switches = switches
        self._moves = cast("Table", OrderStockMove.__table__)

    def keepers(self, platform_id: int | None) -> list[StockLevels]:
        """The keepers on for the platform (settings alone without one). Asked before the write's
        transaction: the switches may read on a session of their own."""
        if platform_id is None or self._switches is None or not self._keepers:
            return list(self._keepers)
        on = self._switches.enabled_codes(platform_id)
        return [keeper for keeper in self._keepers if keeper.module_code in on]

    def follow_move(
        self,
        session: Session,
        keepers: Sequence[StockLevels],
        order: tuple[int, int, int],
        move: tuple[str, str, bool],
        now: datetime,
    ) -> None:
        """What a move `(before, after, restock)` of `order` `(id, vendor_id, units)` does to stock."""
        order_id, vendor_id, units = order
        before, after, restock = move
        if restock and after != "refunded":
            raise InvalidInputError("restock", "only a move to refunded puts units back: leave restock out")
        if after == "paid" and units:
            self.take(session, keepers, order_id, vendor_id)
        elif (after == "cancelled" and before == "paid") or (after == "refunded" and restock):
            self.put_back(session, keepers, order_id, vendor_id, now)

    def take(self, session: Session, keepers: Sequence[StockLevels], order_id: int, vendor_id: int) -> None:
        """Takes the order's product units out of stock and keeps where they came from."""
        if not keepers:
            return
        sold = session.execute(
            select(OrderLine.product_id, func.sum(OrderLine.quantity))
            .where(OrderLine.vendor_id == vendor_id, OrderLine.order_id == order_id)
            .where(OrderLine.product_id.is_not(None))
            .group_by(OrderLine.product_id)
        )
        wanted = {int(product_id or 0): int(units) for product_id, units in sold}  # never NULL here
        if not wanted:
            return
        moves = keepers[0].take(session, vendor_id, wanted)
        if moves:
            rows = [{"order_id": order_id, "vendor_id": vendor_id, **_fields(move)} for move in moves]
            session.connection().execute(insert(self._moves), rows)

    def put_back(
        self, session: Session, keepers: Sequence[StockLevels], order_id: int, vendor_id: int, now: datetime
    ) -> int:
        """Puts back what the order took and has not had back; how many units that was."""
        if not keepers:
            return 0
        c = self._moves.c
        claimed = session.connection().execute(
            update(self._moves)
            .where(c.vendor_id == vendor_id, c.order_id == order_id, c.returned_at.is_(None))
            .values(returned_at=now)
            .returning(c.product_id, c.location, c.quantity)
        )
        moves = [StockMove(row.product_id, row.location, row.quantity) for row in claimed]
        if moves:
            keepers[0].put_back(session, vendor_id, sorted(moves, key=lambda m: (m.product_id, m.location)))
        return sum(move.quantity for move in moves)


def _fields(move: StockMove) -> dict[str, object]:
    return {"product_id": move.product_id, "location": move.location, "quantity": move.quantity}

"""An order service with a bug, for tests of what an unexpected error does to the API and the log."""

from __future__ import annotations

from typing import NoReturn

from modules.orders.schemas import OrderCreate, OrderOut, OrderPage, OrderStatus
from modules.orders.service import OrderService


class BrokenOrderService(OrderService):
    """Every call raises from the same line, as one bug hit by every request does. An `OrderService`
    because the route checks the type of what it is given."""

    def __init__(self) -> None:
        pass  # it never reaches a database

    def create(self, vendor_id: int, data: OrderCreate) -> OrderOut:
        self._fail(vendor_id)

    def list(self, vendor_id: int, *, status: OrderStatus | None, limit: int, offset: int) -> OrderPage:
        self._fail(vendor_id)

    def _fail(self, vendor_id: int) -> NoReturn:
        raise RuntimeError(f"the orders of vendor {vendor_id} cannot be read")

"""What a stock-keeping module (inventory) offers the modules that learn quantities elsewhere
(marketplace's CSV imports).

Marketplace does not require inventory, so it never imports it: the root hands it a list of
`StockLevels` (inventory contributes one when it is enabled; the list is empty otherwise), and an
approval sets the quantities through it inside the approval's own transaction, so the products, the
stock and their figures land together or not at all. The keeper writes through its own write path,
so its figures in the ledger stay exact.

Orders do not require inventory either: paying an order takes its products' units out through
`take`, and cancelling it (or a refund that restocks) puts them back through `put_back`, in the
order's own transaction. The keeper says where it took the units from (`StockMove`) and orders keeps
that, so what goes back goes back to the same places, exactly once.

A keeper names the module it belongs to, because a module can be on in settings yet switched off
for one platform at run time: the caller then skips it for requests of that platform.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ("StockCount", "StockLevels", "StockMove")


@dataclass(frozen=True, slots=True)
class StockCount:
    """How many units of a product there are now: a snapshot, not a change."""

    product_id: int
    quantity: int


@dataclass(frozen=True, slots=True)
class StockMove:
    """Units of a product taken from one location (or put back there): a change, not a snapshot."""

    product_id: int
    location: str
    quantity: int


@runtime_checkable
class StockLevels(Protocol):
    @property
    def module_code(self) -> str:
        """The code of the module that keeps this stock, to skip it where that module is off."""
        ...

    def set_quantities(self, db: Session, vendor_id: int, counts: Sequence[StockCount]) -> int:
        """Make each of the vendor's products hold exactly `quantity` units at the keeper's default
        location, creating the stock row if there is none and keeping an existing row's reorder
        threshold; other locations are left alone. In the caller's session and transaction (the
        caller commits), with the figures recorded. Returns how many stock rows were set. Raises
        `NotFoundError` for a product that is not the vendor's, `InvalidInputError` for a quantity
        out of range."""
        ...

    def take(self, db: Session, vendor_id: int, wanted: Mapping[int, int]) -> list[StockMove]:
        """Take `wanted[product_id]` units of each of the vendor's products out of stock: from the
        keeper's default location first, then from its other locations in name order. A product
        with no stock row at all (or no longer the vendor's) is not stock-tracked and is skipped.
        In the caller's session and transaction, with the figures recorded; returns where units
        were taken from. Raises `ConflictError` naming the product, the units wanted and the units
        in stock when a product has too few; the caller's transaction must then roll back."""
        ...

    def put_back(self, db: Session, vendor_id: int, moves: Sequence[StockMove]) -> None:
        """Put units back where `take` took them (a location's row made again if it is gone), in the
        caller's session and transaction, with the figures recorded. Raises `ConflictError` when a
        location would hold more than the keeper allows."""
        ...

"""What a stock-keeping module (inventory) offers the modules that learn quantities elsewhere
(marketplace's CSV imports).

Marketplace does not require inventory, so it never imports it: the root hands it a list of
`StockLevels` (inventory contributes one when it is enabled; the list is empty otherwise), and an
approval sets the quantities through it inside the approval's own transaction, so the products, the
stock and their figures land together or not at all. The keeper writes through its own write path,
so its figures in the ledger stay exact.

A keeper names the module it belongs to, because a module can be on in settings yet switched off
for one platform at run time: the caller then skips it for requests of that platform.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ("StockCount", "StockLevels")


@dataclass(frozen=True, slots=True)
class StockCount:
    """How many units of a product there are now: a snapshot, not a change."""

    product_id: int
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

"""What the catalog module offers the modules built on it (inventory, marketplace).

They never import catalog's models: inventory asks for a SQL subquery of product prices so that its
stock value stays one statement in its own SQL, and checks product ownership; marketplace publishes
approved import rows through `ProductPublisher`, inside its own transaction, so an approval either
lands completely or not at all.

Prices change in catalog (an edit, a publication) but what they are worth is kept elsewhere too:
inventory's stock value is units times the current price. Catalog tells every `PriceListener` of
each real price change inside the writing transaction, so those figures move with the price or not
at all; with no listener (inventory switched off) a price change is simply a price change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy import Select
    from sqlalchemy.orm import Session

__all__ = (
    "PriceChange",
    "PriceListener",
    "ProductCatalog",
    "ProductDraft",
    "ProductPublisher",
    "PublishedProducts",
)


@dataclass(frozen=True, slots=True)
class ProductDraft:
    """A product to create, or to update when the vendor already has one with this sku."""

    sku: str
    title: str
    price_cents: int


@dataclass(frozen=True, slots=True)
class PublishedProducts:
    created: int
    updated: int
    product_ids: dict[str, int]
    """The catalog id of every published sku."""


@runtime_checkable
class ProductPublisher(Protocol):
    def publish(self, db: Session, vendor_id: int, drafts: Sequence[ProductDraft]) -> PublishedProducts:
        """Create or update the vendor's products by sku in the caller's session and transaction;
        the caller commits. New products are active and not featured."""
        ...


@runtime_checkable
class ProductCatalog(Protocol):
    def product_prices(self) -> Select[Any]:
        """A SELECT of `(product_id, vendor_id, price_cents)` for every product, to join against."""
        ...

    def vendor_owns(self, db: Session, vendor_id: int, product_id: int) -> bool:
        """Whether the product exists and belongs to the vendor."""
        ...

    def locked_price(self, db: Session, vendor_id: int, product_id: int) -> int | None:
        """The price of the vendor's product, with the product locked against other writes until the
        caller's transaction ends: a write that depends on the price (stock value) and a price change
        then never interleave. None when the product does not exist or is another vendor's."""
        ...

    def locked_prices(self, db: Session, vendor_id: int, product_ids: Sequence[int]) -> dict[int, int]:
        """`locked_price` for many products in one statement (locked in id order, so two writers
        never wait on each other crosswise): the price of each of them that is the vendor's."""
        ...


@dataclass(frozen=True, slots=True)
class PriceChange:
    product_id: int
    vendor_id: int
    old_cents: int
    new_cents: int


@runtime_checkable
class PriceListener(Protocol):
    def prices_changed(self, db: Session, changes: Sequence[PriceChange]) -> None:
        """Called in the writer's session and transaction after the new prices are written, with
        only the prices that really changed; the writer commits."""
        ...

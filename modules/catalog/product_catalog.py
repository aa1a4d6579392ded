"""Catalog's side of the catalog contracts: prices and ownership for inventory, publishing for
marketplace.

`publish` works inside the caller's session and never commits, so an approval in another module
lands with its own rows or not at all, and so do the figures it records: the new products in the
ledger, and each real price change handed to the price listeners (the caller records no product
figures itself). It is plain portable SQL (one locking SELECT for the skus that already exist, then
a bulk INSERT and a bulk UPDATE), so it behaves the same on SQLite and PostgreSQL; the lock keeps a
concurrent edit from changing a price between the read of the old one and the update.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import msgspec
from sqlalchemy import Select, insert, select, update
from sqlalchemy.orm import Session

from contracts.catalog import PriceChange, PriceListener, ProductDraft, PublishedProducts
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import InvalidInputError
from modules.catalog.ledger_keys import record_new_products, tell_price_listeners
from modules.catalog.models import Product
from modules.catalog.schemas import ProductCreate

__all__ = ("SqlProductCatalog",)

_LOOKUP_CHUNK = 500  # skus per IN (...): well under every driver's limit on bound parameters


def _checked(drafts: Sequence[ProductDraft]) -> dict[str, ProductDraft]:
    """Drafts by sku, each checked against the API's own rules; a sku repeated keeps its last draft."""
    by_sku: dict[str, ProductDraft] = {}
    for index, draft in enumerate(drafts):
        try:
            msgspec.convert(
                {"sku": draft.sku, "title": draft.title, "price_cents": draft.price_cents}, ProductCreate
            )
        except msgspec.ValidationError as error:
            raise InvalidInputError(f"drafts[{index}]", str(error)) from None
        by_sku[draft.sku] = draft
    return by_sku


class _Existing(NamedTuple):
    id: int
    price_cents: int


def _existing(db: Session, vendor_id: int, skus: list[str]) -> dict[str, _Existing]:
    """The vendor's products among `skus`, locked until the caller's transaction ends."""
    found: dict[str, _Existing] = {}
    ordered = sorted(skus)  # concurrent publications lock shared skus in one order
    for start in range(0, len(ordered), _LOOKUP_CHUNK):
        chunk = ordered[start : start + _LOOKUP_CHUNK]
        rows = db.execute(
            select(Product.sku, Product.id, Product.price_cents)
            .where(Product.vendor_id == vendor_id, Product.sku.in_(chunk))
            .order_by(Product.id)
            .with_for_update(key_share=True)
        )
        found.update((sku, _Existing(product_id, price)) for sku, product_id, price in rows)
    return found


class SqlProductCatalog:
    """Implements both `ProductCatalog` and `ProductPublisher`."""

    def __init__(self, clock: Clock, ledger: LedgerWriter, price_listeners: Sequence[PriceListener]) -> None:
        self._clock = clock
        self._ledger = ledger
        self._price_listeners = price_listeners

    def product_prices(self) -> Select[Any]:
        columns: tuple[Any, ...] = (Product.id.label("product_id"), Product.vendor_id, Product.price_cents)
        return select(*columns)

    def vendor_owns(self, db: Session, vendor_id: int, product_id: int) -> bool:
        owned = select(Product.id).where(Product.id == product_id, Product.vendor_id == vendor_id)
        return db.scalar(owned) is not None

    def locked_price(self, db: Session, vendor_id: int, product_id: int) -> int | None:
        """FOR NO KEY UPDATE: it waits for and blocks edits of the product, but not the foreign key
        checks of rows that refer to it."""
        price = (
            select(Product.price_cents)
            .where(Product.id == product_id, Product.vendor_id == vendor_id)
            .with_for_update(key_share=True)
        )
        return db.scalar(price)

    def locked_prices(self, db: Session, vendor_id: int, product_ids: Sequence[int]) -> dict[int, int]:
        prices = (
            select(Product.id, Product.price_cents)
            .where(Product.id.in_(product_ids), Product.vendor_id == vendor_id)
            .order_by(Product.id)
            .with_for_update(key_share=True)
        )
        return {row.id: row.price_cents for row in db.execute(prices)}

    def publish(self, db: Session, vendor_id: int, drafts: Sequence[ProductDraft]) -> PublishedProducts:
        by_sku = _checked(drafts)
        existing = _existing(db, vendor_id, list(by_sku))
        changed = [
            {
                "vendor_id": vendor_id,
                "id": existing[sku].id,
                "title": draft.title,
                "price_cents": draft.price_cents,
            }
            for sku, draft in by_sku.items()
            if sku in existing
        ]
        if changed:
            db.execute(update(Product), changed)  # bulk UPDATE by the ORM's key, (vendor_id, id)
            prices = [
                PriceChange(existing[sku].id, vendor_id, existing[sku].price_cents, draft.price_cents)
                for sku, draft in by_sku.items()
                if sku in existing
            ]
            tell_price_listeners(self._price_listeners, db, prices)
        ids = {sku: found.id for sku, found in existing.items()}
        now = self._clock.now()
        new = [
            {"vendor_id": vendor_id, "sku": sku, "title": draft.title, "price_cents": draft.price_cents,
             "is_active": True, "is_featured": False, "created_at": now}
            for sku, draft in by_sku.items()
            if sku not in ids
        ]  # fmt: skip
        if new:
            statement = insert(Product).returning(Product.sku, Product.id, sort_by_parameter_order=True)
            ids.update(db.execute(statement, new).all())
            record_new_products(self._ledger, db, vendor_id, now, [(True, False)] * len(new))
        return PublishedProducts(created=len(new), updated=len(changed), product_ids=ids)

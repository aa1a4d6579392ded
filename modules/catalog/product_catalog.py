"""Catalog's side of the catalog contracts: prices and ownership for inventory, publishing for
marketplace.

`publish` works inside the caller's session and never commits, so an approval in another module
lands with its own rows or not at all. It is plain portable SQL (one SELECT for the skus that
already exist, then a bulk INSERT and a bulk UPDATE), so it behaves the same on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec
from sqlalchemy import Select, insert, select, update
from sqlalchemy.orm import Session

from kernel.clock import Clock
from kernel.contracts.catalog import ProductDraft, PublishedProducts
from kernel.errors import InvalidInputError
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


def _existing_ids(db: Session, vendor_id: int, skus: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(skus), _LOOKUP_CHUNK):
        chunk = skus[start : start + _LOOKUP_CHUNK]
        rows = db.execute(
            select(Product.sku, Product.id).where(Product.vendor_id == vendor_id, Product.sku.in_(chunk))
        )
        found.update(rows.all())
    return found


class SqlProductCatalog:
    """Implements both `ProductCatalog` and `ProductPublisher`."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def product_prices(self) -> Select[Any]:
        columns: tuple[Any, ...] = (Product.id.label("product_id"), Product.vendor_id, Product.price_cents)
        return select(*columns)

    def vendor_owns(self, db: Session, vendor_id: int, product_id: int) -> bool:
        owned = select(Product.id).where(Product.id == product_id, Product.vendor_id == vendor_id)
        return db.scalar(owned) is not None

    def publish(self, db: Session, vendor_id: int, drafts: Sequence[ProductDraft]) -> PublishedProducts:
        by_sku = _checked(drafts)
        ids = _existing_ids(db, vendor_id, list(by_sku))
        changed = [
            {"id": ids[sku], "title": draft.title, "price_cents": draft.price_cents}
            for sku, draft in by_sku.items()
            if sku in ids
        ]
        if changed:
            db.execute(update(Product), changed)  # bulk UPDATE by primary key
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
        return PublishedProducts(created=len(new), updated=len(changed), product_ids=ids)

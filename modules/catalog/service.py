"""Create, list and edit the signed-in vendor's products.

Each write records what it changes in the ledger, and hands a price change to the price
listeners, in its own transaction (see `modules/catalog/ledger_keys.py`). An edit locks the product
first, so two edits of one product never both count the same flag or price change.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from contracts.catalog import PriceChange, PriceListener
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import ConflictError, NotFoundError
from modules.catalog.ledger_keys import on_show, record_flags, record_new_products, tell_price_listeners
from modules.catalog.models import Product
from modules.catalog.schemas import ProductCreate, ProductOut, ProductPage, ProductUpdate

__all__ = ("ProductService",)


def _product_out(product: Product) -> ProductOut:
    return ProductOut(
        id=product.id,
        vendor_id=product.vendor_id,
        sku=product.sku,
        title=product.title,
        price_cents=product.price_cents,
        is_active=product.is_active,
        is_featured=product.is_featured,
        created_at=product.created_at,
    )


@contextmanager
def _conflict_on_duplicate(message: str) -> Iterator[None]:
    """Two requests can pass the "is this sku free?" check together; the unique constraint decides."""
    try:
        yield
    except IntegrityError:
        raise ConflictError(message) from None


class ProductService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        ledger: LedgerWriter,
        price_listeners: Sequence[PriceListener],
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._ledger = ledger
        self._price_listeners = price_listeners

    def create(self, vendor_id: int, data: ProductCreate) -> ProductOut:
        taken = f"you already have a product with sku '{data.sku}'"
        with _conflict_on_duplicate(taken), self._sessions.begin() as session:
            duplicate = select(Product.id).where(Product.vendor_id == vendor_id, Product.sku == data.sku)
            if session.scalar(duplicate) is not None:
                raise ConflictError(taken)
            product = Product(
                vendor_id=vendor_id,
                sku=data.sku,
                title=data.title,
                price_cents=data.price_cents,
                is_active=data.is_active,
                is_featured=data.is_featured,
                created_at=self._clock.now(),
            )
            session.add(product)
            session.flush()
            flags = [(product.is_active, product.is_featured)]
            record_new_products(self._ledger, session, vendor_id, product.created_at, flags)
            return _product_out(product)

    def list(
        self, vendor_id: int, *, is_active: bool | None, is_featured: bool | None, limit: int, offset: int
    ) -> ProductPage:
        query = select(Product).where(Product.vendor_id == vendor_id)
        if is_active is not None:
            query = query.where(Product.is_active == is_active)
        if is_featured is not None:
            query = query.where(Product.is_featured == is_featured)
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(
                query.order_by(Product.created_at.desc(), Product.id.desc()).limit(limit).offset(offset)
            )
            return ProductPage(items=[_product_out(p) for p in rows], total=total, limit=limit, offset=offset)

    def update(self, vendor_id: int, product_id: int, data: ProductUpdate) -> ProductOut:
        """Another vendor's product is "not found", exactly like one that does not exist."""
        with self._sessions.begin() as session:
            product = session.get(
                Product, (vendor_id, product_id), with_for_update={"key_share": True}, populate_existing=True
            )
            if product is None:
                raise NotFoundError(f"product {product_id} not found")
            shown, price = on_show(product.is_active, product.is_featured), product.price_cents
            if data.title is not None:
                product.title = data.title
            if data.price_cents is not None:
                product.price_cents = data.price_cents
            if data.is_active is not None:
                product.is_active = data.is_active
            if data.is_featured is not None:
                product.is_featured = data.is_featured
            session.flush()
            record_flags(
                self._ledger, session, vendor_id, shown, on_show(product.is_active, product.is_featured)
            )
            change = PriceChange(product.id, vendor_id, price, product.price_cents)
            tell_price_listeners(self._price_listeners, session, [change])
            return _product_out(product)

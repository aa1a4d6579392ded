"""Request and response bodies of the catalog routes, and the bounds a product must keep.

`ProductCreate` is also how the publisher checks the drafts other modules hand it, so a product
made through the API and one published by an import obey exactly the same rules.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from contracts.fields import Name
from contracts.pagination import Page
from modules.catalog.models import SKU_LENGTH

__all__ = (
    "MAX_PRICE_CENTS",
    "PriceCents",
    "ProductCreate",
    "ProductOut",
    "ProductPage",
    "ProductUpdate",
    "Sku",
)

MAX_PRICE_CENTS = 1_000_000_000  # 10 million euros: far above any real price; keeps stock value sums exact

# `(?!\n)$` because Python's `$` also matches before a final newline (see contracts.fields).
Sku = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=SKU_LENGTH,
        pattern=r"^[A-Za-z0-9._-]+(?!\n)$",
        description="The vendor's own product code: letters, digits, '.', '_' and '-'",
        examples=["TENT-2P-GREEN"],
        extra={"expects": "be letters, digits, '.', '_' and '-' only (like AB-12.3)"},
    ),
]
PriceCents = Annotated[
    int, msgspec.Meta(ge=0, le=MAX_PRICE_CENTS, description="Unit price in EUR cents", examples=[24900])
]


class ProductCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    sku: Sku
    title: Annotated[Name, msgspec.Meta(examples=["Two-person tent, green"])]
    price_cents: PriceCents
    is_active: Annotated[bool, msgspec.Meta(examples=[True])] = True
    is_featured: Annotated[bool, msgspec.Meta(examples=[False])] = False


class ProductUpdate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Only the fields sent change; the sku is the product's identity and stays."""

    title: Annotated[Name | None, msgspec.Meta(examples=["Two-person tent, forest green"])] = None
    price_cents: Annotated[PriceCents | None, msgspec.Meta(examples=[22900])] = None
    is_active: Annotated[bool | None, msgspec.Meta(examples=[True])] = None
    is_featured: Annotated[bool | None, msgspec.Meta(examples=[True])] = None


class ProductOut(msgspec.Struct, kw_only=True):
    id: int
    vendor_id: int
    sku: str
    title: str
    price_cents: int
    is_active: bool
    is_featured: bool
    created_at: datetime


class ProductPage(Page[ProductOut]):
    pass

"""Request and response bodies of the inventory routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from contracts.fields import Id, Slug
from contracts.pagination import Page
from modules.inventory.models import DEFAULT_LOCATION

__all__ = ("MAX_QUANTITY", "Quantity", "StockAdjust", "StockCreate", "StockOut", "StockPage")

MAX_QUANTITY = 1_000_000
"""Units of one product at one location. With catalog's price ceiling a row is worth at most
10^15 cents, so a dashboard's stock value stays an exact 64-bit integer on both databases."""

Quantity = Annotated[int, msgspec.Meta(ge=0, le=MAX_QUANTITY)]


class StockCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    product_id: Annotated[Id, msgspec.Meta(examples=[1])]
    location: Annotated[
        Slug, msgspec.Meta(description="Where the units are, e.g. 'main' or 'store-2'", examples=["main"])
    ] = DEFAULT_LOCATION
    quantity: Annotated[Quantity, msgspec.Meta(examples=[40])]
    reorder_threshold: Annotated[
        Quantity,
        msgspec.Meta(description="At or below this many units the stock counts as low", examples=[5]),
    ] = 0


class StockAdjust(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A signed change rather than a new total, so two adjustments made at once both count."""

    delta: Annotated[
        int,
        msgspec.Meta(
            ge=-MAX_QUANTITY,
            le=MAX_QUANTITY,
            description="Units received (positive) or taken out (negative)",
            examples=[24],
        ),
    ]
    reorder_threshold: Annotated[Quantity | None, msgspec.Meta(examples=[5])] = None


class StockOut(msgspec.Struct, kw_only=True):
    id: int
    vendor_id: int
    product_id: int
    location: str
    quantity: int
    reorder_threshold: int
    updated_at: datetime


class StockPage(Page[StockOut]):
    pass

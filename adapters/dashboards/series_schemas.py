"""Response bodies of the series (a dashboard's period figures over time) and of a platform's top vendors."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from adapters.dashboards.schemas import FRESH_AS_OF, READ_FROM, PeriodOut

__all__ = (
    "PlatformSeriesOut",
    "PointOut",
    "SeriesLineOut",
    "TopVendorOut",
    "TopVendorsOut",
    "VendorSeriesOut",
)

_TIMEZONE = msgspec.Meta(
    description="The IANA time zone whose days the period counts: the vendor's, or the platform's",
    examples=["Europe/Paris"],
)
_CURRENCY = msgspec.Meta(
    description="The owner's reporting currency (ISO 4217): the one the money figures without a code "
    "in their key are in",
    examples=["EUR"],
)


class PointOut(msgspec.Struct, kw_only=True):
    """One bucket: its days (both included, clipped to the period) and the figure over them."""

    date_from: date
    date_to: date
    value: int | float


class SeriesLineOut(msgspec.Struct, kw_only=True):
    key: Annotated[str, msgspec.Meta(examples=["orders.period_orders"])]
    label: str
    unit: Annotated[str, msgspec.Meta(description="count, cents (minor units of `currency`), % …")]
    currency: Annotated[str | None, msgspec.Meta(description="The money's currency; null if not money")]
    points: list[PointOut]


class _Series(msgspec.Struct, kw_only=True):
    period: PeriodOut
    timezone: Annotated[str, _TIMEZONE]
    currency: Annotated[str, _CURRENCY]
    bucket: Annotated[str, msgspec.Meta(description="day, week (Monday to Sunday) or month")]
    generated_at: datetime
    read_from: Annotated[Literal["primary", "replica"], READ_FROM]
    fresh_as_of: Annotated[datetime, FRESH_AS_OF]
    series: list[SeriesLineOut]


class VendorSeriesOut(_Series, kw_only=True):
    vendor_id: int


class PlatformSeriesOut(_Series, kw_only=True):
    platform_id: int


class TopVendorOut(msgspec.Struct, kw_only=True):
    vendor_id: int
    name: str
    revenue: Annotated[int, msgspec.Meta(description="Revenue in the period, in minor units of `currency`")]
    orders: Annotated[int, msgspec.Meta(description="Orders placed in the period")]


class TopVendorsOut(msgspec.Struct, kw_only=True):
    platform_id: int
    period: PeriodOut
    timezone: Annotated[str, _TIMEZONE]
    currency: Annotated[str, _CURRENCY]
    generated_at: datetime
    read_from: Annotated[Literal["primary", "replica"], READ_FROM]
    fresh_as_of: Annotated[datetime, FRESH_AS_OF]
    vendors: list[TopVendorOut]

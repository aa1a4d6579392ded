"""PLACEHOLDER until the series branch lands (same interface)."""

from __future__ import annotations

from datetime import date, datetime

import msgspec

from adapters.dashboards.schemas import PeriodOut


class PointOut(msgspec.Struct, kw_only=True):
    date_from: date
    date_to: date
    value: int | float


class SeriesLineOut(msgspec.Struct, kw_only=True):
    key: str
    label: str
    unit: str
    currency: str | None
    points: list[PointOut]


class _Series(msgspec.Struct, kw_only=True):
    period: PeriodOut
    timezone: str
    currency: str
    bucket: str
    generated_at: datetime
    series: list[SeriesLineOut]


class VendorSeriesOut(_Series, kw_only=True):
    vendor_id: int


class PlatformSeriesOut(_Series, kw_only=True):
    platform_id: int


class TopVendorOut(msgspec.Struct, kw_only=True):
    vendor_id: int
    name: str
    revenue: int
    orders: int


class TopVendorsOut(msgspec.Struct, kw_only=True):
    platform_id: int
    period: PeriodOut
    timezone: str
    currency: str
    generated_at: datetime
    vendors: list[TopVendorOut]

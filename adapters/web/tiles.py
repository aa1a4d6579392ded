"""Figures as people read them: a tile per figure, its value formatted by its unit.

Money stays exact: the integer of minor units becomes a `Decimal` scaled by the currency's own
minor unit (two for EUR, none for JPY, three for BHD) and Babel writes it with the currency's
symbol; nothing passes through a float. Bytes are shown in MB, rates with their percent sign, and
each figure that has a trend (the period's) gets its arrow and its change against the period before.

The locale and the number patterns are parsed once: Babel's `format_*` functions parse both on every
call, which on a page of forty tiles was a third of the tiles' cost. And a tile is remembered by the
figure it shows (`MetricValue` is frozen, so hashable): most figures of a dashboard opened again are
unchanged, and their tiles are not formatted again.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

from contracts.currencies import major_units
from kernel.metrics import MetricValue

__all__ = ("LOCALE", "Tile", "money", "tile")

LOCALE = "en"
_ARROWS = {"up": "▲", "down": "▼", "stable": "▬"}
_MEGABYTE = Decimal(1_000_000)


@dataclass(frozen=True, slots=True)
class Tile:
    key: str
    label: str
    value: str
    raw: str
    """The API's value as text, for a reader (or a test) that compares the two."""
    description: str
    arrow: str = ""
    trend: str = ""
    change: str = ""


@cache
def _locale() -> Locale:
    return Locale.parse(LOCALE)


@cache
def _pattern(written: str | None) -> NumberPattern:
    """A pattern such as `#,##0.0`; None: the locale's own decimal pattern, "¤": its currency one."""
    pattern: NumberPattern
    if written is None:
        pattern = _locale().decimal_formats[None]
    elif written == "¤":
        pattern = _locale().currency_formats["standard"]
    else:
        pattern = parse_pattern(written)
    return pattern


def _decimal(value: int | float | Decimal, written: str | None = None) -> str:
    """As `babel.numbers.format_decimal(value, written, locale=LOCALE)` writes it."""
    return str(_pattern(written).apply(value, _locale()))


@lru_cache(maxsize=8192)
def money(minor_units: int, currency: str) -> str:
    """As `babel.numbers.format_currency(amount, currency, locale=LOCALE)` writes it; remembered,
    as tiles are: the top vendors' amounts are the same from one view to the next."""
    return str(_pattern("¤").apply(major_units(minor_units, currency), _locale(), currency=currency))


def _value(metric: MetricValue) -> str:
    value = metric.value
    if isinstance(value, str):
        return value
    if metric.unit == "cents" and metric.currency and isinstance(value, int):
        return money(value, metric.currency)
    if metric.unit == "bytes":
        return f"{_decimal(Decimal(value) / _MEGABYTE, '#,##0.0')} MB"
    if metric.unit == "MB":
        return f"{_decimal(value, '#,##0.0')} MB"
    if metric.unit == "%":
        return f"{_decimal(value, '#,##0.0')} %"
    return _decimal(value)


def _change(metric: MetricValue) -> str:
    if metric.trend is None:
        return ""
    if metric.trend == "stable":
        return "no change"
    if metric.trend_value is None:
        return "new" if metric.trend == "up" else ""
    return f"{metric.trend_value:+.1f} %"


def tile(metric: MetricValue) -> Tile:
    """Whether the value is a float is part of the memo's key: `1 == 1.0`, but the tile of 1.0
    writes its raw value as "1.0"."""
    return _tile(metric, isinstance(metric.value, float))


@lru_cache(maxsize=8192)
def _tile(metric: MetricValue, _is_float: bool) -> Tile:
    return Tile(
        key=metric.key,
        label=metric.label,
        value=_value(metric),
        raw=str(metric.value),
        description=metric.description or "",
        arrow=_ARROWS.get(metric.trend or "", ""),
        trend=metric.trend or "",
        change=_change(metric),
    )

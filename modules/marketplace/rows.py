"""Check one data row of an import file: sku, title, price and quantity, each with a reason people
can act on. Pure functions of text, so they are tested directly as well as through the API.

Prices are decimals in major units ("12.34", "12.3", "12") turned into integer cents with
`decimal.Decimal`, never a float, so "0.29" is 29 cents and not 28.999....
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypeVar

import msgspec

from contracts.fields import Name
from modules.marketplace.models import MAX_QUANTITY, MAX_SKU_LENGTH, MAX_TITLE_LENGTH

__all__ = (
    "MAX_PRICE_CENTS",
    "CellError",
    "CheckedRow",
    "ProductRow",
    "parse_price_cents",
    "parse_quantity",
    "parse_row",
)

MAX_PRICE_CENTS = 1_000_000_000  # ten million euros: the catalog's own ceiling for a product price
_MAX_PRICE = Decimal(MAX_PRICE_CENTS) / 100
# ASCII digits only: `\d` and Decimal would also take other scripts' digits, which no one types
# into a price column on purpose.
_PRICE = re.compile(r"([0-9]+)(?:\.([0-9]+))?", re.ASCII)
_WHOLE = re.compile(r"[0-9]+", re.ASCII)
_SKU = re.compile(r"[A-Za-z0-9._-]+", re.ASCII)  # the catalog's rule for a sku
T = TypeVar("T")
_SEPARATORS = (",", "'", " ", "_", "\u00a0", "\u202f")


class CellError(ValueError):
    """A cell's value cannot be imported; the message is the reason shown to the vendor."""


@dataclass(frozen=True, slots=True)
class ProductRow:
    sku: str
    title: str
    price_cents: int
    quantity: int | None
    """None when the file gives none: approving the row then leaves stock as it is."""


@dataclass(frozen=True, slots=True)
class CheckedRow:
    """`sku` is set whenever the sku cell itself is valid, even if another cell is not, so that a
    later row repeating it is still reported as a duplicate."""

    sku: str | None
    product: ProductRow | None
    reasons: tuple[str, ...]


def parse_price_cents(text: str) -> int:
    """Exact cents of a price such as "12.34"; more than two decimals is refused, never rounded."""
    value = text.strip()
    if not value:
        raise CellError("price is empty")
    if value.startswith("-"):
        raise CellError("price must not be negative")
    if any(separator in value for separator in _SEPARATORS):
        raise CellError("price must be plain digits with a dot for cents, no thousands separators: 1234.50")
    match = _PRICE.fullmatch(value)
    if match is None:
        raise CellError(_not_a_price(value))
    if len(match[2] or "") > 2:
        raise CellError("price has more than 2 decimals")
    amount = Decimal(value)
    if amount > _MAX_PRICE:
        raise CellError(f"price is above the maximum of {_MAX_PRICE:.2f}")
    return int(amount * 100)


def _not_a_price(value: str) -> str:
    try:
        finite = Decimal(value).is_finite()
    except InvalidOperation:
        finite = True
    if not finite:
        return "price must be a finite number"
    return "price is not a decimal number such as 12.34"


def parse_quantity(text: str) -> int | None:
    """A whole number of units; None when the cell is empty, which is not the same as "0": a file
    that says nothing about stock must not empty it."""
    value = text.strip()
    if not value:
        return None
    if value.startswith("-"):
        raise CellError("quantity must not be negative")
    if _WHOLE.fullmatch(value) is None:
        raise CellError("quantity is not a whole number")
    if len(value.lstrip("0")) > len(str(MAX_QUANTITY)) or int(value) > MAX_QUANTITY:
        raise CellError(f"quantity is above the maximum of {MAX_QUANTITY}")
    return int(value)


def _sku(text: str) -> str | None:
    value = text.strip()
    if not value:
        raise CellError("sku is empty")
    if len(value) > MAX_SKU_LENGTH:
        raise CellError(f"sku is longer than {MAX_SKU_LENGTH} characters")
    if _SKU.fullmatch(value) is None:
        raise CellError("sku may hold only letters, digits, '.', '_' and '-'")
    return value


def _title(text: str) -> str:
    value = text.strip()
    if not value:
        raise CellError("title is empty")
    if len(value) > MAX_TITLE_LENGTH:
        raise CellError(f"title is longer than {MAX_TITLE_LENGTH} characters")
    if any(unicodedata.category(character) == "Cc" for character in value):
        raise CellError("title contains a line break or another control character")
    try:  # the catalog checks titles as a kernel `Name`: refuse here what it would refuse at approval
        return msgspec.convert(value, Name)
    except msgspec.ValidationError:
        raise CellError("title has no visible character") from None


def _checked(reasons: list[str], parse: Callable[[str], T], text: str, fallback: T) -> T:
    try:
        return parse(text)
    except CellError as error:
        reasons.append(str(error))
        return fallback


def parse_row(cells: Mapping[str, str]) -> CheckedRow:
    """Every cell checked, so the vendor sees all of a row's problems at once, not one per upload."""
    reasons: list[str] = []
    sku = _checked(reasons, _sku, cells["sku"], None)
    title = _checked(reasons, _title, cells["title"], "")
    price_cents = _checked(reasons, parse_price_cents, cells["price"], 0)
    quantity = _checked(reasons, parse_quantity, cells.get("quantity", ""), None)
    if reasons or sku is None:
        return CheckedRow(sku=sku, product=None, reasons=tuple(reasons))
    return CheckedRow(sku=sku, product=ProductRow(sku, title, price_cents, quantity), reasons=())

"""`major_units`: the one conversion from minor units the pages and the exports share."""

from __future__ import annotations

from decimal import Decimal

import pytest

from contracts.currencies import major_units


@pytest.mark.parametrize(
    ("minor", "currency", "written"),
    [
        (1234, "EUR", "12.34"),
        (-5, "EUR", "-0.05"),
        (0, "USD", "0.00"),
        (1500, "JPY", "1500"),
        (1234, "BHD", "1.234"),
        (1234, "HRK", "12.34"),  # withdrawn from ISO 4217 after it was stored: two digits
    ],
)
def test_exact_major_units(minor: int, currency: str, written: str) -> None:
    amount = major_units(minor, currency)
    assert isinstance(amount, Decimal)
    assert format(amount, "f") == written

"""The row rules on their own: exact cents from decimal text, quantities, and the reasons given."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modules.marketplace.rows import MAX_PRICE_CENTS, CellError, parse_price_cents, parse_quantity, parse_row

cents = st.integers(min_value=0, max_value=MAX_PRICE_CENTS)


@given(cents)
def test_two_decimals_give_back_the_exact_cents(amount: int) -> None:
    assert parse_price_cents(f"{amount // 100}.{amount % 100:02d}") == amount


@given(cents, st.integers(min_value=0, max_value=5))
def test_leading_zeros_and_padding_change_nothing(amount: int, zeros: int) -> None:
    assert parse_price_cents(f" {'0' * zeros}{amount // 100}.{amount % 100:02d}\t") == amount


@given(st.integers(min_value=0, max_value=MAX_PRICE_CENTS // 10))
def test_one_decimal_is_tens_of_cents(tenths: int) -> None:
    assert parse_price_cents(f"{tenths // 10}.{tenths % 10}") == tenths * 10


@given(st.integers(min_value=0, max_value=MAX_PRICE_CENTS // 100))
def test_whole_units(units: int) -> None:
    assert parse_price_cents(str(units)) == units * 100


@given(st.decimals(min_value=0, max_value=Decimal(MAX_PRICE_CENTS) / 100, places=2, allow_nan=False))
def test_any_two_place_decimal_is_exact(value: Decimal) -> None:
    assert parse_price_cents(str(value)) == int(value * 100)


@given(cents, st.integers(min_value=1, max_value=9))
def test_a_third_decimal_is_refused_never_rounded(amount: int, digit: int) -> None:
    with pytest.raises(CellError, match="more than 2 decimals"):
        parse_price_cents(f"{amount // 100}.{amount % 100:02d}{digit}")


def _price_or_reason(text: str) -> int | str:
    try:
        return parse_price_cents(text)
    except CellError as error:
        return str(error)


@given(st.text(max_size=30))
def test_any_text_is_cents_or_a_reason(text: str) -> None:
    outcome = _price_or_reason(text)
    if isinstance(outcome, str):
        assert outcome.startswith("price ")
    else:
        assert 0 <= outcome <= MAX_PRICE_CENTS


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "price is empty"),
        ("   ", "price is empty"),
        ("-1", "price must not be negative"),
        ("-0.00", "price must not be negative"),
        ("1,234.50", "price must be plain digits with a dot for cents, no thousands separators: 1234.50"),
        ("12,50", "price must be plain digits with a dot for cents, no thousands separators: 1234.50"),
        ("1 234", "price must be plain digits with a dot for cents, no thousands separators: 1234.50"),
        ("1_000", "price must be plain digits with a dot for cents, no thousands separators: 1234.50"),
        ("NaN", "price must be a finite number"),
        ("inf", "price must be a finite number"),
        ("Infinity", "price must be a finite number"),
        ("sNaN", "price must be a finite number"),
        ("1e3", "price is not a decimal number such as 12.34"),
        ("+5", "price is not a decimal number such as 12.34"),
        ("12.", "price is not a decimal number such as 12.34"),
        (".5", "price is not a decimal number such as 12.34"),
        ("€5", "price is not a decimal number such as 12.34"),
        ("١٢", "price is not a decimal number such as 12.34"),  # Arabic-Indic digits
        ("0.001", "price has more than 2 decimals"),
        ("1.230", "price has more than 2 decimals"),
        ("10000000.01", "price is above the maximum of 10000000.00"),
        ("9" * 5000, "price is above the maximum of 10000000.00"),
    ],
)
def test_bad_prices_say_why(text: str, reason: str) -> None:
    with pytest.raises(CellError) as raised:
        parse_price_cents(text)
    assert str(raised.value) == reason


def test_prices_that_floats_get_wrong_are_exact() -> None:
    assert [parse_price_cents(t) for t in ("0.29", "1.15", "4.35", "0.07", "10000000.00")] == [
        29,
        115,
        435,
        7,
        1_000_000_000,
    ]


@pytest.mark.parametrize(
    ("text", "expected"), [("", None), (" ", None), (" 7 ", 7), ("0", 0), ("0001000000", 10**6), ("42", 42)]
)
def test_quantities(text: str, expected: int | None) -> None:
    """An empty cell is no quantity (stock left alone on approval), unlike "0" (out of stock)."""
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-1", "quantity must not be negative"),
        ("1.5", "quantity is not a whole number"),
        ("1.0", "quantity is not a whole number"),
        ("lots", "quantity is not a whole number"),
        ("1000001", "quantity is above the maximum of 1000000"),
        ("9" * 5000, "quantity is above the maximum of 1000000"),
    ],
)
def test_bad_quantities_say_why(text: str, reason: str) -> None:
    with pytest.raises(CellError) as raised:
        parse_quantity(text)
    assert str(raised.value) == reason


def test_a_row_reports_every_bad_cell_and_keeps_a_valid_sku() -> None:
    checked = parse_row({"sku": "A-1", "title": " ", "price": "x", "quantity": "-2"})
    assert checked.sku == "A-1"
    assert checked.product is None
    assert checked.reasons == (
        "title is empty",
        "price is not a decimal number such as 12.34",
        "quantity must not be negative",
    )


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"sku": "a" * 65}, "sku is longer than 64 characters"),
        ({"sku": "é"}, "sku may hold only letters, digits, '.', '_' and '-'"),
        ({"title": "t" * 201}, "title is longer than 200 characters"),
        ({"title": "tab\there"}, "title contains a line break or another control character"),
        ({"title": "\ufeff"}, "title has no visible character"),  # blank to the catalog, not to str.strip
    ],
)
def test_cells_the_catalog_would_refuse_are_refused_here(cells: dict, reason: str) -> None:
    checked = parse_row({"sku": "S", "title": "T", "price": "1"} | cells)
    assert checked.reasons == (reason,)


def test_a_good_row() -> None:
    checked = parse_row({"sku": " a.B_c-9 ", "title": " Café ☕ ", "price": "0.50"})
    assert checked.product is not None
    assert (
        checked.product.sku,
        checked.product.title,
        checked.product.price_cents,
        checked.product.quantity,
    ) == (
        "a.B_c-9",
        "Café ☕",
        50,
        None,  # no quantity column: no quantity
    )

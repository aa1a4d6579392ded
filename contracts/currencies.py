"""The currencies money may be in: ISO 4217 codes and their minor units.

Every amount in Tessera is an integer of the currency's minor unit (`*_cents` fields): cents for
EUR or USD, yen for JPY (no minor unit), fils for BHD (three digits). An amount is never converted
and two currencies are never added up, so the code is all an amount needs beside it; the minor
units say how a page writes it ("1999" EUR is 19.99 €, "1999" JPY is ¥1,999).

The table is ISO 4217's list of circulating currencies (amendment of 2025: the Zimbabwe Gold ZWG,
the Sierra Leonean leone SLE). Fund codes (BOV, CLF, USN…), precious metals (XAU…) and the testing
codes are left out: nobody sells in them. A contract, not one module's, because orders prices in
them and tenancy reports in them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Final

import msgspec

from kernel.errors import InvalidInputError

__all__ = (
    "CURRENCY_EXPECTS",
    "DEFAULT_CURRENCY",
    "MINOR_UNITS",
    "CurrencyCode",
    "checked_currency",
    "major_units",
)

_NONE = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF"
_THREE = "BHD IQD JOD KWD LYD OMR TND"
_TWO = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD "
    "CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD "
    "GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD "
    "MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP "
    "PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS "
    "TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG"
)
MINOR_UNITS: Final[dict[str, int]] = {
    **dict.fromkeys(_TWO.split(), 2),
    **dict.fromkeys(_NONE.split(), 0),
    **dict.fromkeys(_THREE.split(), 3),
}
"""Each currency's digits after the decimal point: how many minor units make one major unit."""

DEFAULT_CURRENCY = "EUR"
"""The reporting currency of a platform or vendor nobody set one for, and of an order left without."""

CURRENCY_EXPECTS = "be an ISO 4217 currency code in capitals, like EUR, USD or JPY"

CurrencyCode = Annotated[
    str, msgspec.Meta(pattern=r"^[A-Z]{3}(?!\n)$", extra={"expects": CURRENCY_EXPECTS}, examples=["EUR"])
]
"""The shape of a code only: whether ISO 4217 lists it is `checked_currency`."""


def checked_currency(code: str, field: str = "currency") -> str:
    """`code` if it is a circulating ISO 4217 currency; otherwise a 400 naming `field`."""
    if code not in MINOR_UNITS:
        raise InvalidInputError(field, f"must {CURRENCY_EXPECTS}; {code!r} is not one")
    return code


def major_units(minor: int, currency: str) -> Decimal:
    """`minor` units of `currency` in its major unit, exact: 1234 cents of EUR are 12.34, 1500 JPY
    1500, 1234 fils of BHD 1.234. The one conversion every page and export shares, so none writes
    an amount differently. A code the table lacks is read with two digits, the most common, rather
    than failing a page: every code was checked when it was stored (`checked_currency`), so only
    one ISO 4217 has withdrawn since can come back."""
    return Decimal(minor).scaleb(-MINOR_UNITS.get(currency, 2))

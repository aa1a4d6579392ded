r"""Value constraints every module's API shares, declared once so the OpenAPI schema carries them.

They keep out what a database would otherwise reject with a server error: integers past a
column's range, NUL characters PostgreSQL will not store, strings longer than their column.

The patterns are read by three regex engines: Python's (msgspec, on the server), and the
ECMAScript-like ones of whoever checks or generates data from the schema. So they avoid what the
engines disagree on: `\s` (Python counts \x1c-\x1f and \x85 as blank, ECMAScript counts \ufeff)
is spelled out as every character any of them calls blank, and each pattern ends in `(?!\n)$`
because Python's `$` also matches just before a final newline.

Each pattern also says in words what it expects (`extra["expects"]`, read as "<field> must …"):
an error message names the field and those words, never the regex. That is why they are a contract
and not the kernel's: the modules' schemas declare them, the HTTP adapter's error messages
(`adapters/validation_errors.py`) read their words.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated
from zoneinfo import available_timezones

import msgspec

from kernel.errors import InvalidInputError

__all__ = (
    "NO_NUL",
    "TIME_ZONE_EXPECTS",
    "Email",
    "Hostname",
    "Id",
    "Name",
    "Password",
    "Slug",
    "TimeZoneName",
    "checked_time_zone",
)

MAX_ID = 2_147_483_647  # the largest value of an SQL INTEGER primary key

_BLANK = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_END = r"(?!\n)$"
_LABEL = r"[a-z0-9]([a-z0-9-]*[a-z0-9])?"
_EMAIL_PART = rf"[^@\x00{_BLANK}]+"

Id = Annotated[int, msgspec.Meta(ge=1, le=MAX_ID)]
NO_NUL = "contain no NUL character"  # the words of every `^[^\x00]*$` pattern

Slug = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=63,
        pattern=rf"^{_LABEL}{_END}",
        extra={"expects": "be lower-case letters, digits and '-', neither first nor last (like my-shop-2)"},
    ),
]
Name = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=200,
        pattern=rf"^[^\x00]*[^\x00{_BLANK}][^\x00]*{_END}",
        extra={"expects": "contain a visible character and no NUL character"},
    ),
]
Hostname = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=253,
        pattern=rf"^{_LABEL}(\.{_LABEL})+{_END}",
        extra={"expects": "be a host name like shop.example.com: lower-case labels joined by dots"},
    ),
]
Email = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=254,
        pattern=rf"^{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART}{_END}",
        extra={"expects": "look like name@example.com"},
    ),
]
Password = Annotated[
    str, msgspec.Meta(min_length=10, max_length=256, pattern=r"^[^\x00]*$", extra={"expects": NO_NUL})
]
TIME_ZONE_EXPECTS = "be an IANA time zone name like Europe/Paris"
TimeZoneName = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=64,
        pattern=rf"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*{_END}",
        extra={"expects": TIME_ZONE_EXPECTS},
    ),
]
"""The shape of a zone name only: whether the zone exists is `checked_time_zone` (a pattern cannot
know the zone database)."""

_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
"""Files a system zone directory holds that name no place: the machine's own setting, a rules
template, and a placeholder zone."""


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(available_timezones() - _NOT_ZONES)


def checked_time_zone(name: str, field: str = "timezone") -> str:
    """`name` if the zone database knows it (`tzdata` ships one, so machines without system zone
    files agree; `localtime` or a file path is no zone name); otherwise a 400 naming `field`."""
    if name not in _known():
        raise InvalidInputError(field, f"must {TIME_ZONE_EXPECTS}; got {name!r}")
    return name

"""Which IANA time zones Tessera accepts, and the local day of a moment in one of them.

Platforms and vendors each have a zone: a shop in Paris means "today" and "the last 7 days" in Paris
time. Only names the zone database knows are accepted (`tzdata` ships it, so machines without system
zone files agree), and only canonical-looking ones: `localtime` or a file path is no zone name.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from kernel.errors import InvalidInputError
from kernel.fields import TIME_ZONE_EXPECTS

__all__ = ("DEFAULT_TIME_ZONE", "checked_time_zone", "local_day", "zone")

DEFAULT_TIME_ZONE = "UTC"
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
"""Files a system zone directory holds that name no place: the machine's own setting, a rules
template, and a placeholder zone."""


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(available_timezones() - _NOT_ZONES)


def checked_time_zone(name: str, field: str = "timezone") -> str:
    """`name` if the zone database knows it; otherwise a 400 naming `field`."""
    if name not in _known():
        raise InvalidInputError(field, f"must {TIME_ZONE_EXPECTS}; got {name!r}")
    return name


@lru_cache(maxsize=1024)
def zone(name: str) -> ZoneInfo:
    """ZoneInfo caches too, but this also spares its key check on every call."""
    return ZoneInfo(name)


def local_day(moment: datetime, zone_name: str) -> date:
    """The date on the wall clocks of `zone_name` at `moment` (naive moments are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone(zone_name)).date()

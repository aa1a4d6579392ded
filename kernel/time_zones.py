"""The local day of a moment in an IANA time zone.

Platforms and vendors each have a zone: a shop in Paris means "today" and "the last 7 days" in Paris
time, so the ledger buckets each change on its owner's local day and dashboards count local days.
Which names a caller may give is the API's concern (`contracts.fields.checked_time_zone`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

__all__ = ("DEFAULT_TIME_ZONE", "local_day", "zone")

DEFAULT_TIME_ZONE = "UTC"


@lru_cache(maxsize=1024)
def zone(name: str) -> ZoneInfo:
    """ZoneInfo caches too, but this also spares its key check on every call."""
    return ZoneInfo(name)


def local_day(moment: datetime, zone_name: str) -> date:
    """The date on the wall clocks of `zone_name` at `moment` (naive moments are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone(zone_name)).date()

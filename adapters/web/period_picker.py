"""The period picker: the windows a person picks from, read back into the dashboard's `PeriodQuery`.

The presets are lengths ending today in the owner's time zone (the service resolves "today" there);
"custom" takes two dates. A preset ignores any dates sent with it: without the script, the form
sends its date fields (filled with the window on screen) whatever was picked.

What the API would refuse (dates out of range, a window too long) is refused by the same service
with the same sentence, shown on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from adapters.dashboards.service import PeriodQuery
from kernel.errors import InvalidInputError

__all__ = ("PRESETS", "Picked", "picked")

PRESETS = (("7d", "7 days"), ("30d", "30 days"), ("90d", "90 days"), ("12m", "12 months"))
CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class Picked:
    period: str
    date_from: date | None
    date_to: date | None
    platform_id: int | None = None

    @property
    def query(self) -> PeriodQuery:
        if self.period == CUSTOM:
            return PeriodQuery(None, self.date_from, self.date_to, include_trends=True)
        return PeriodQuery(self.period, None, None, include_trends=True)

    def link(self, **extra: str) -> str:
        """The query string that opens the same window again (an export, a refresh)."""
        shown: dict[str, str] = {"period": self.period}
        if self.period == CUSTOM:
            shown |= {"date_from": str(self.date_from or ""), "date_to": str(self.date_to or "")}
        if self.platform_id is not None:
            shown["platform_id"] = str(self.platform_id)
        return urlencode(shown | extra)


def picked(
    period: str | None, date_from: date | None, date_to: date | None, platform_id: int | None = None
) -> Picked:
    if period is None:
        period = CUSTOM if date_from is not None else "30d"
    if period == CUSTOM:
        if date_from is None:
            raise InvalidInputError("date_from", "pick the first day of the custom period")
        return Picked(CUSTOM, date_from, date_to, platform_id)
    if period not in dict(PRESETS):
        choices = ", ".join(code for code, _ in PRESETS)
        raise InvalidInputError("period", f"pick one of {choices} or custom dates; '{period}' is not one")
    return Picked(period, None, None, platform_id)

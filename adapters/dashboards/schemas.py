"""Response bodies of the two dashboards."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

import msgspec

from kernel.context import MetricsContext
from kernel.metrics import MetricValue

__all__ = ("FRESH_AS_OF", "READ_FROM", "PeriodOut", "PlatformDashboardOut", "VendorDashboardOut")

READ_FROM = msgspec.Meta(
    description="Where the figures were read: the primary database, or its streaming replica "
    "(database.read_url); the primary when the replica lags, fails, or has not yet replayed the "
    "owner's last write",
    examples=["replica"],
)
FRESH_AS_OF = msgspec.Meta(
    description="Every write acknowledged before this moment is in the figures. On the primary, the "
    "moment the figures were read; on the replica, the last moment it was known to have replayed "
    "everything the primary had written (at most database.replica_max_lag_ms old when read). A cached "
    "answer states its own"
)

# What the docs show for `categories` instead of Swagger's `additionalProp1`: one real figure of each kind.
_CATEGORIES_EXAMPLE: dict[str, Any] = {
    "orders": [
        {
            "key": "orders.period_revenue",
            "value": 3021987,
            "label": "Revenue in period",
            "category": "orders",
            "icon": "euro",
            "description": "Revenue of orders placed in the period",
            "unit": "cents",
            "trend": "up",
            "trend_value": 12.4,
        }
    ],
    "tenancy": [
        {
            "key": "tenancy.team_members",
            "value": 3,
            "label": "Team members",
            "category": "tenancy",
            "icon": "users",
            "description": "Active members of the vendor's team who can sign in",
            "unit": "count",
            "trend": None,
            "trend_value": None,
        }
    ],
}


class PeriodOut(msgspec.Struct, kw_only=True):
    """The window the figures cover, both dates included, and the window trends compare against."""

    name: str
    date_from: date
    date_to: date
    days: int
    previous_date_from: date | None
    previous_date_to: date | None

    @classmethod
    def of(cls, context: MetricsContext) -> PeriodOut:
        trends = context.include_trends
        return cls(
            name=context.period,
            date_from=context.date_from,
            date_to=context.date_to,
            days=context.days,
            previous_date_from=context.previous_date_from if trends else None,
            previous_date_to=context.previous_date_to if trends else None,
        )


class _Dashboard(msgspec.Struct, kw_only=True):
    period: PeriodOut
    timezone: Annotated[
        str,
        msgspec.Meta(
            description="The IANA time zone whose days the period counts: the vendor's, or the platform's",
            examples=["Europe/Paris"],
        ),
    ]
    currency: Annotated[
        str,
        msgspec.Meta(
            description="The ISO 4217 code the published money figures are in (the owner's reporting "
            "currency); figures in other currencies are listed beside them, each named with its code",
            examples=["EUR"],
        ),
    ]
    generated_at: datetime
    read_from: Annotated[Literal["primary", "replica"], READ_FROM]
    fresh_as_of: Annotated[datetime, FRESH_AS_OF]
    categories: Annotated[
        dict[str, list[MetricValue]],
        msgspec.Meta(
            description="Each enabled module's figures, by category", examples=[_CATEGORIES_EXAMPLE]
        ),
    ]
    unavailable: Annotated[
        list[str], msgspec.Meta(description="Categories that failed or ran late this time", examples=[[]])
    ]
    stale: Annotated[
        bool,
        msgspec.Meta(
            description="True when the database did not answer and these are the last complete figures "
            "(metrics.serve_stale_s); generated_at says when they were computed"
        ),
    ] = False
    age_s: Annotated[
        Annotated[float, msgspec.Meta(ge=0)] | None,
        msgspec.Meta(description="Seconds since a stale answer was computed; null when fresh"),
    ] = None


class VendorDashboardOut(_Dashboard, kw_only=True):
    vendor_id: int


class PlatformDashboardOut(_Dashboard, kw_only=True):
    platform_id: int

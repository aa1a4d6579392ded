"""Tenancy's figures: the vendor's team and domains; the platform's vendors, users and domains.

Each dashboard is one SELECT of scalar subqueries, so the cost in round trips stays fixed however
many figures are added; each is built once and run with bound parameters.
"""

from __future__ import annotations

from functools import cache, partial
from typing import Any

from sqlalchemy import ColumnElement, Integer, ScalarSelect, Select, and_, bindparam, func, or_, select, true
from sqlalchemy.orm import Session

from kernel.context import MetricsContext
from kernel.metrics import MetricValue, with_trend
from kernel.persistence import UTCDateTime
from modules.tenancy.directory import active_vendor_ids
from modules.tenancy.models import TeamMember, User, Vendor, VendorDomain, VendorPlatform

__all__ = ("TenancyMetricsProvider",)

CATEGORY = "tenancy"
_count = partial(MetricValue.count, CATEGORY)

# (name, label, icon, description), in the order of the SELECT's columns
_VENDOR_FIGURES = (
    ("team_members", "Team members", "users", "Active members of the vendor's team who can sign in"),
    ("custom_domains", "Custom domains", "globe", "Domains that serve the vendor's shop"),
)
_PLATFORM_FIGURES = (
    ("vendors_total", "Vendors", "store", "Vendors that joined the platform, active or not"),
    ("vendors_active", "Active vendors", "store", "Vendors active on the platform"),
    (
        "vendors_verified",
        "Verified vendors",
        "badge-check",
        "Vendors that joined and whose identity is verified",
    ),
    ("users_total", "Users", "users", "Platform admins and users of the vendors that joined"),
    ("users_active", "Active users", "user-check", "Of those, the users who can sign in"),
    ("custom_domains", "Custom domains", "globe", "Custom domains of vendors active on the platform"),
    ("new_vendors", "New vendors", "store", "Vendors that joined the platform in the period"),
)


def _figures(specs: tuple[tuple[str, str, str, str], ...], values: Any) -> list[MetricValue]:
    return [
        _count(name, int(value), label, icon=icon, description=description)
        for (name, label, icon, description), value in zip(specs, values, strict=True)
    ]


def _scalar(*conditions: Any) -> ScalarSelect[int]:
    return select(func.count()).where(*conditions).scalar_subquery()


def _joined_between(start: str, end: str) -> ColumnElement[bool]:
    return and_(
        VendorPlatform.created_at >= bindparam(start, type_=UTCDateTime()),
        VendorPlatform.created_at < bindparam(end, type_=UTCDateTime()),
    )


def _counted(*conditions: ColumnElement[bool]) -> Any:
    return func.count().filter(*conditions)


@cache
def _vendor_statement() -> Select[int, int]:
    """Built once: building the statement cost as much as running it. The vendor is `:vendor`."""
    vendor = bindparam("vendor", type_=Integer)
    team = _scalar(
        TeamMember.vendor_id == vendor,
        TeamMember.is_active == true(),
        TeamMember.user_id.in_(select(User.id).where(User.is_active == true())),
    )
    return select(team, _scalar(VendorDomain.vendor_id == vendor))


@cache
def _platform_statement() -> Select[*tuple[int, ...]]:
    """One SELECT, built once: the columns of `_PLATFORM_FIGURES`, then new vendors in the previous
    period. The platform is `:platform`; the windows are `:start`/`:end`, `:before`/`:after`.

    The platform's memberships and its users are each read once, every figure of them counted with
    a `FILTER`: these tables grow with the vendors, and reading them once per figure made the admin
    dashboard's cost grow five times faster than the rest of it from 10 to 2,000 vendors.
    """
    platform = bindparam("platform", type_=Integer)
    on_platform = VendorPlatform.platform_id == platform
    members = (
        select(
            func.count().label("total"),
            _counted(VendorPlatform.is_active == true(), Vendor.is_active == true()).label("active"),
            _counted(Vendor.is_verified == true()).label("verified"),
            _counted(_joined_between("start", "end")).label("joined"),
            _counted(_joined_between("before", "after")).label("joined_before"),
        )
        .select_from(VendorPlatform)
        .join(Vendor, Vendor.id == VendorPlatform.vendor_id)
        .where(on_platform)
        .subquery()
    )
    users = (
        select(func.count().label("total"), _counted(User.is_active == true()).label("active"))
        .where(
            or_(
                User.platform_id == platform,
                User.vendor_id.in_(select(VendorPlatform.vendor_id).where(on_platform)),
            )
        )
        .subquery()
    )
    domains = _scalar(VendorDomain.vendor_id.in_(active_vendor_ids(platform)))
    return select(
        members.c.total,
        members.c.active,
        members.c.verified,
        users.c.total,
        users.c.active,
        domains,
        members.c.joined,
        members.c.joined_before,
    ).select_from(members.join(users, true()))


class TenancyMetricsProvider:
    @property
    def metrics_category(self) -> str:
        return CATEGORY

    def get_vendor_metrics(self, db: Session, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
        found = db.connection().execute(_vendor_statement(), {"vendor": vendor_id}).one()
        return _figures(_VENDOR_FIGURES, found)

    def get_platform_metrics(
        self, db: Session, platform_id: int, context: MetricsContext
    ) -> list[MetricValue]:
        window, previous = context.window, context.previous_window
        parameters = {
            "platform": platform_id,
            "start": window.start,
            "end": window.end,
            "before": previous.start,
            "after": previous.end,
        }
        *values, joined_before = db.connection().execute(_platform_statement(), parameters).one()
        *figures, new_vendors = _figures(_PLATFORM_FIGURES, values)
        return [*figures, with_trend(new_vendors, joined_before, context.include_trends)]

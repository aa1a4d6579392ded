"""Tenancy's figures: the vendor's team and domains; the platform's vendors, users and domains.

Each dashboard is one SELECT of scalar subqueries, so the cost in round trips stays fixed however
many figures are added.
"""

from __future__ import annotations

from functools import partial

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session

from kernel.context import MetricsContext, TimeWindow
from kernel.metrics import MetricValue, with_trend
from modules.tenancy.models import TeamMember, User, Vendor, VendorDomain, VendorPlatform

__all__ = ("TenancyMetricsProvider",)

CATEGORY = "tenancy"
_count = partial(MetricValue.count, CATEGORY)


def _joined_in(platform_id: int, window: TimeWindow) -> ColumnElement[bool]:
    return and_(
        VendorPlatform.platform_id == platform_id,
        VendorPlatform.created_at >= window.start,
        VendorPlatform.created_at < window.end,
    )


class TenancyMetricsProvider:
    @property
    def metrics_category(self) -> str:
        return CATEGORY

    def get_vendor_metrics(self, db: Session, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
        team = select(func.count()).where(TeamMember.vendor_id == vendor_id, TeamMember.is_active == true())
        domains = select(func.count()).where(VendorDomain.vendor_id == vendor_id)
        row = db.execute(select(team.scalar_subquery(), domains.scalar_subquery())).one()
        return [
            _count(
                "team_members",
                row[0],
                "Team members",
                icon="users",
                description="Active members of the vendor's team",
            ),
            _count(
                "custom_domains",
                row[1],
                "Custom domains",
                icon="globe",
                description="Domains that serve the vendor's shop",
            ),
        ]

    def get_platform_metrics(
        self, db: Session, platform_id: int, context: MetricsContext
    ) -> list[MetricValue]:
        on_platform = VendorPlatform.platform_id == platform_id
        member_ids = select(VendorPlatform.vendor_id).where(on_platform)
        active_ids = (
            select(VendorPlatform.vendor_id)
            .join(Vendor, Vendor.id == VendorPlatform.vendor_id)
            .where(on_platform, VendorPlatform.is_active == true(), Vendor.is_active == true())
        )
        members = (
            select(func.count())
            .select_from(VendorPlatform)
            .join(Vendor, Vendor.id == VendorPlatform.vendor_id)
        )
        platform_users = or_(User.platform_id == platform_id, User.vendor_id.in_(member_ids))
        figures = select(
            members.where(on_platform).scalar_subquery(),
            members.where(
                on_platform, VendorPlatform.is_active == true(), Vendor.is_active == true()
            ).scalar_subquery(),
            members.where(on_platform, Vendor.is_verified == true()).scalar_subquery(),
            select(func.count()).where(platform_users).scalar_subquery(),
            select(func.count()).where(platform_users, User.is_active == true()).scalar_subquery(),
            select(func.count()).where(VendorDomain.vendor_id.in_(active_ids)).scalar_subquery(),
            select(func.count()).where(_joined_in(platform_id, context.window)).scalar_subquery(),
            select(func.count()).where(_joined_in(platform_id, context.previous_window)).scalar_subquery(),
        )
        total, active, verified, users, active_users, domains, joined, joined_before = db.execute(
            figures
        ).one()
        return [
            _count(
                "vendors_total",
                total,
                "Vendors",
                icon="store",
                description="Vendors that joined the platform, active or not",
            ),
            _count(
                "vendors_active",
                active,
                "Active vendors",
                icon="store",
                description="Vendors active on the platform",
            ),
            _count(
                "vendors_verified",
                verified,
                "Verified vendors",
                icon="badge-check",
                description="Vendors whose identity is verified",
            ),
            _count(
                "users_total",
                users,
                "Users",
                icon="users",
                description="Platform admins and users of the platform's vendors",
            ),
            _count(
                "users_active",
                active_users,
                "Active users",
                icon="user-check",
                description="Users who can sign in",
            ),
            _count(
                "custom_domains",
                domains,
                "Custom domains",
                icon="globe",
                description="Custom domains of active vendors",
            ),
            with_trend(
                _count(
                    "new_vendors",
                    joined,
                    "New vendors",
                    icon="store",
                    description="Vendors that joined the platform in the period",
                ),
                joined_before,
                context.include_trends,
            ),
        ]

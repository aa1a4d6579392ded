"""Tenancy's figures: the vendor's team and domains; the platform's vendors, users and domains.

Read from the figures ledger (`modules/tenancy/figures.py` says what it holds), in the dashboard's
one ledger statement with every other category: counting memberships, users and domains at request
time made the admin dashboard's cost grow with the platform's vendors and users.
"""

from __future__ import annotations

from kernel.context import MetricsContext
from kernel.contracts.figures import LedgerFigures
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics import MetricValue, with_trend
from modules.tenancy.figures import (
    CUSTOM_DOMAINS,
    KEYS,
    TEAM_MEMBERS,
    USERS,
    USERS_ACTIVE,
    VENDORS,
    VENDORS_ACTIVE,
    VENDORS_VERIFIED,
)

__all__ = ("TenancyMetricsProvider",)

Spec = tuple[str, str, str, str, str]
"""(name, ledger key, label, icon, description): each an all-time total."""

_VENDOR_FIGURES: tuple[Spec, ...] = (
    (
        "team_members",
        TEAM_MEMBERS,
        "Team members",
        "users",
        "Active members of the vendor's team who can sign in",
    ),
    ("custom_domains", CUSTOM_DOMAINS, "Custom domains", "globe", "Domains that serve the vendor's shop"),
)
_PLATFORM_FIGURES: tuple[Spec, ...] = (
    ("vendors_total", VENDORS, "Vendors", "store", "Vendors that joined the platform, active or not"),
    ("vendors_active", VENDORS_ACTIVE, "Active vendors", "store", "Vendors active on the platform"),
    (
        "vendors_verified",
        VENDORS_VERIFIED,
        "Verified vendors",
        "badge-check",
        "Vendors that joined and whose identity is verified",
    ),
    ("users_total", USERS, "Users", "users", "Platform admins and users of the vendors that joined"),
    ("users_active", USERS_ACTIVE, "Active users", "user-check", "Of those, the users who can sign in"),
    (
        "custom_domains",
        CUSTOM_DOMAINS,
        "Custom domains",
        "globe",
        "Custom domains of vendors active on the platform",
    ),
)


class TenancyMetricsProvider(LedgerMetrics):
    metrics_category = "tenancy"
    keys = KEYS

    def vendor_metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        return self._totals(_VENDOR_FIGURES, figures)

    def platform_metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        new_vendors = self.count(
            "new_vendors",
            figures.in_window(VENDORS),
            "New vendors",
            icon="store",
            description="Vendors that joined the platform in the period",
        )
        return [
            *self._totals(_PLATFORM_FIGURES, figures),
            with_trend(new_vendors, figures.before_window(VENDORS), context.include_trends),
        ]

    def _totals(self, specs: tuple[Spec, ...], figures: LedgerFigures) -> list[MetricValue]:
        return [
            self.count(name, figures.total(key), label, icon=icon, description=description)
            for name, key, label, icon, description in specs
        ]

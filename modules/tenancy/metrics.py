"""Tenancy's figures: a vendor's team and domains; a platform's vendors, users and domains.

Read from the ledger (`ledger_keys.py` says what it holds), in the dashboard's one ledger statement
with every other category: counting memberships, users and domains at request time made the admin
dashboard's cost grow with the platform's vendors and users. The two dashboards show different
figures, so the table has a list for each.
"""

from __future__ import annotations

from kernel.ledger_metrics import LedgerMetrics, Metric
from modules.tenancy.ledger_keys import (
    CUSTOM_DOMAINS,
    TEAM_MEMBERS,
    USERS,
    USERS_ACTIVE,
    VENDORS,
    VENDORS_ACTIVE,
    VENDORS_VERIFIED,
)

__all__ = ("TENANCY_METRICS",)

_VENDOR = (
    Metric(
        "team_members",
        "Team members",
        TEAM_MEMBERS,
        "Active members of the vendor's team who can sign in",
        icon="users",
    ),
    Metric(
        "custom_domains",
        "Custom domains",
        CUSTOM_DOMAINS,
        "Domains that serve the vendor's shop",
        icon="globe",
    ),
)
_PLATFORM = (
    Metric(
        "vendors_total", "Vendors", VENDORS, "Vendors that joined the platform, active or not", icon="store"
    ),
    Metric(
        "vendors_active", "Active vendors", VENDORS_ACTIVE, "Vendors active on the platform", icon="store"
    ),
    Metric(
        "vendors_verified",
        "Verified vendors",
        VENDORS_VERIFIED,
        "Vendors that joined and whose identity is verified",
        icon="badge-check",
    ),
    Metric(
        "users_total", "Users", USERS, "Platform admins and users of the vendors that joined", icon="users"
    ),
    Metric(
        "users_active", "Active users", USERS_ACTIVE, "Of those, the users who can sign in", icon="user-check"
    ),
    Metric(
        "custom_domains",
        "Custom domains",
        CUSTOM_DOMAINS,
        "Custom domains of vendors active on the platform",
        icon="globe",
    ),
    Metric(
        "new_vendors",
        "New vendors",
        VENDORS,
        "Vendors that joined the platform in the period",
        period=True,
        icon="store",
    ),
)

TENANCY_METRICS = LedgerMetrics("tenancy", *_VENDOR, platform=_PLATFORM)

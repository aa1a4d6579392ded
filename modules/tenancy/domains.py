"""Keep host names unambiguous: a host must name at most one tenant.

Platform domains never nest in one another, and a vendor's custom domain is never a platform's
domain nor under one. Otherwise `shop.alpha.test` could be both a custom domain and the `shop`
vendor of platform `alpha.test`, and whoever registered it first would take the other's traffic.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kernel.errors import ConflictError
from modules.tenancy.models import Platform, VendorDomain

__all__ = ("check_platform_domain", "check_vendor_domain")


def _parents(domain: str) -> list[str]:
    """`a.b.example` -> `[b.example, example]`."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(1, len(labels))]


def _clash(session: Session, domain: str, *, platform_under: bool, vendor_under: bool) -> bool:
    platforms = [Platform.domain.in_([domain, *_parents(domain)])]
    if platform_under:
        platforms.append(Platform.domain.like(f"%.{domain}"))
    vendors = [VendorDomain.domain == domain]
    if vendor_under:
        vendors.append(VendorDomain.domain.like(f"%.{domain}"))
    return (
        session.scalar(select(Platform.id).where(or_(*platforms)).limit(1)) is not None
        or session.scalar(select(VendorDomain.id).where(or_(*vendors)).limit(1)) is not None
    )


def check_platform_domain(session: Session, domain: str) -> None:
    if _clash(session, domain, platform_under=True, vendor_under=True):
        raise ConflictError(f"domain '{domain}' is in use, or contains or lies under a domain in use")


def check_vendor_domain(session: Session, domain: str) -> None:
    if _clash(session, domain, platform_under=False, vendor_under=False):
        raise ConflictError(f"domain '{domain}' is in use, or lies under a platform's domain")

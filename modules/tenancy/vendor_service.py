"""Vendors and their memberships of platforms, custom domains included.

A platform admin works inside its platform. It sees the vendors that are or were members there
(anything else is "not found", so other tenants' vendors cannot even be probed for), it acts only
on current members, and it can bring back a former member but never pull in someone else's vendor.
A vendor's own name and flags are shared by every platform it is on, so only super admins change
them; a platform admin's lever is the membership.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, sessionmaker

from contracts.change_notices import Change, ChangeNotices
from contracts.currencies import DEFAULT_CURRENCY, checked_currency
from contracts.fields import checked_time_zone
from kernel.access import own_platform, require_platform_access, require_role
from kernel.clock import Clock
from kernel.errors import ConflictError, ForbiddenError, NotFoundError
from kernel.identity import Principal, Role
from kernel.time_zones import DEFAULT_TIME_ZONE
from modules.tenancy.conflicts import conflict_on_duplicate
from modules.tenancy.counts import TenancyCounts
from modules.tenancy.domains import check_vendor_domain
from modules.tenancy.ledger import SqlLedger
from modules.tenancy.models import Platform, Vendor, VendorDomain, VendorPlatform
from modules.tenancy.schemas import DomainCreate, DomainOut, VendorCreate, VendorOut, VendorPage, VendorUpdate

__all__ = ("VendorService", "visible_vendor")


def _vendor_out(session: Session, actor: Principal, vendor: Vendor) -> VendorOut:
    """`platform_ids` are the vendor's active memberships the actor may know about."""
    memberships = select(VendorPlatform.platform_id).where(
        VendorPlatform.vendor_id == vendor.id, VendorPlatform.is_active == true()
    )
    if actor.role is Role.PLATFORM_ADMIN:
        memberships = memberships.where(VendorPlatform.platform_id == actor.platform_id)
    return VendorOut(
        id=vendor.id,
        slug=vendor.slug,
        name=vendor.name,
        is_active=vendor.is_active,
        is_verified=vendor.is_verified,
        timezone=vendor.timezone,
        currency=vendor.currency,
        created_at=vendor.created_at,
        platform_ids=list(session.scalars(memberships.order_by(VendorPlatform.platform_id))),
    )


def visible_vendor(session: Session, actor: Principal, vendor_id: int, *, current_member: bool) -> Vendor:
    """The vendor if the actor may see it (`current_member`: and act on it); otherwise the same 404
    as a vendor that does not exist."""
    require_role(actor, Role.SUPER_ADMIN, Role.PLATFORM_ADMIN)
    vendor = session.get(Vendor, vendor_id)
    if vendor is not None and actor.role is Role.PLATFORM_ADMIN:
        membership = session.get(VendorPlatform, (vendor_id, own_platform(actor)))
        if membership is None or (current_member and not membership.is_active):
            vendor = None
    if vendor is None:
        raise NotFoundError(f"vendor {vendor_id} not found")
    return vendor


def _existing_platforms(session: Session, platform_ids: Sequence[int]) -> None:
    for platform_id in platform_ids:
        if session.get(Platform, platform_id) is None:
            raise NotFoundError(f"platform {platform_id} not found")


class VendorService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        notices: ChangeNotices,
        ledger: SqlLedger,
        counts: TenancyCounts,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._notices = notices
        self._ledger = ledger
        self._counts = counts

    def create(self, actor: Principal, data: VendorCreate) -> VendorOut:
        platform_ids = sorted(set(data.platform_ids))
        for platform_id in platform_ids:
            require_platform_access(actor, platform_id)
        taken = f"a vendor with slug '{data.slug}' already exists"
        with conflict_on_duplicate(taken), self._sessions.begin() as session:
            _existing_platforms(session, platform_ids)
            if session.scalar(select(Vendor.id).where(Vendor.slug == data.slug)) is not None:
                raise ConflictError(taken)
            zone, currency = _home_settings(session, data)
            now = self._clock.now()
            vendor = Vendor(
                slug=data.slug,
                name=data.name,
                is_active=True,
                is_verified=False,
                timezone=zone,
                currency=currency,
                created_at=now,
            )
            session.add(vendor)
            session.flush()
            with self._counts.vendor_change(session, vendor.id):
                session.add_all(
                    VendorPlatform(vendor_id=vendor.id, platform_id=p, is_active=True, created_at=now)
                    for p in platform_ids
                )
            self._notices.after_commit(session, Change.tenancy())
            created = _vendor_out(session, actor, vendor)
        return created

    def get(self, actor: Principal, vendor_id: int) -> VendorOut:
        with self._sessions() as session:
            return _vendor_out(
                session, actor, visible_vendor(session, actor, vendor_id, current_member=False)
            )

    def list(self, actor: Principal, *, platform_id: int | None, limit: int, offset: int) -> VendorPage:
        """A super admin lists every vendor or one platform's; a platform admin its platform's."""
        require_role(actor, Role.SUPER_ADMIN, Role.PLATFORM_ADMIN)
        if actor.role is Role.PLATFORM_ADMIN:
            own = own_platform(actor)
            if platform_id is not None and platform_id != own:
                raise ForbiddenError(
                    f"platform admins can only list their own platform's vendors, not {platform_id}"
                )
            platform_id = own
        query = select(Vendor)
        if platform_id is not None:
            members = select(VendorPlatform.vendor_id).where(VendorPlatform.platform_id == platform_id)
            query = query.where(Vendor.id.in_(members))
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(query.order_by(Vendor.id).limit(limit).offset(offset)).all()
            items = [_vendor_out(session, actor, vendor) for vendor in rows]
        return VendorPage(items=items, total=total, limit=limit, offset=offset)

    def update(self, actor: Principal, vendor_id: int, data: VendorUpdate) -> VendorOut:
        """Name, flags and time zone belong to the vendor on every platform at once: super admins
        only. A new zone rebuilds the vendor's day figures in it, in the same transaction."""
        require_role(actor, Role.SUPER_ADMIN)
        zone = None if data.timezone is None else checked_time_zone(data.timezone)
        with self._sessions.begin() as session:
            if zone is not None:
                self._ledger.hold_folds(session)
            vendor = visible_vendor(session, actor, vendor_id, current_member=False)
            # The row is locked (FOR UPDATE) before anything changes it. An UPDATE first would take a
            # weaker lock, which the foreign-key locks of orders being written share, and then wait
            # for those orders to upgrade it, while they wait for it to take their own shared lock
            # on the row: a deadlock (tests/test_time_zone_races.py found it).
            with self._counts.vendor_change(session, vendor_id):
                if data.name is not None:
                    vendor.name = data.name
                if zone is not None and zone != vendor.timezone:
                    vendor.timezone = zone
                    session.flush()
                    self._ledger.rebucket_days(session, "vendor", vendor_id)
                if data.is_active is not None:
                    with self._ledger.membership_change(session, vendor_id):
                        vendor.is_active = data.is_active
                if data.is_verified is not None:
                    vendor.is_verified = data.is_verified
                if data.currency is not None:  # money is kept per currency: nothing to recompute
                    vendor.currency = checked_currency(data.currency)
            self._notices.after_commit(session, Change.tenancy())
            updated = _vendor_out(session, actor, vendor)
        return updated

    def attach(self, actor: Principal, platform_id: int, vendor_id: int) -> VendorOut:
        """Put a vendor on a platform (super admin), or bring a former member back (its platform's admin)."""
        require_platform_access(actor, platform_id)
        with self._sessions.begin() as session:
            _existing_platforms(session, [platform_id])
            vendor = visible_vendor(session, actor, vendor_id, current_member=False)
            membership = session.get(VendorPlatform, (vendor_id, platform_id))
            if membership is not None and membership.is_active:
                raise ConflictError(f"vendor {vendor_id} is already on platform {platform_id}")
            with (
                self._counts.vendor_change(session, vendor_id),
                self._ledger.membership_change(session, vendor_id),
            ):
                if membership is None:
                    membership = VendorPlatform(
                        vendor_id=vendor_id, platform_id=platform_id, created_at=self._clock.now()
                    )
                    session.add(membership)
                membership.is_active = True
            self._notices.after_commit(session, Change.tenancy())
            attached = _vendor_out(session, actor, vendor)
        return attached

    def detach(self, actor: Principal, platform_id: int, vendor_id: int) -> VendorOut:
        """End a membership; the row stays so the vendor can come back with its history."""
        require_platform_access(actor, platform_id)
        with self._sessions.begin() as session:
            membership = session.get(VendorPlatform, (vendor_id, platform_id))
            if membership is None or not membership.is_active:
                raise NotFoundError(f"vendor {vendor_id} is not on platform {platform_id}")
            with (
                self._counts.vendor_change(session, vendor_id),
                self._ledger.membership_change(session, vendor_id),
            ):
                membership.is_active = False
            self._notices.after_commit(session, Change.tenancy())
            detached = _vendor_out(
                session, actor, visible_vendor(session, actor, vendor_id, current_member=False)
            )
        return detached

    def add_domain(self, actor: Principal, vendor_id: int, data: DomainCreate) -> DomainOut:
        with (
            conflict_on_duplicate(f"domain '{data.domain}' is already in use"),
            self._sessions.begin() as session,
        ):
            visible_vendor(session, actor, vendor_id, current_member=True)
            check_vendor_domain(session, data.domain)
            domain = VendorDomain(vendor_id=vendor_id, domain=data.domain, created_at=self._clock.now())
            session.add(domain)
            session.flush()
            self._counts.domain_added(session, vendor_id)
            self._notices.after_commit(session, Change.tenancy())
            created = DomainOut(
                id=domain.id, vendor_id=vendor_id, domain=domain.domain, created_at=domain.created_at
            )
        return created


def _home_settings(session: Session, data: VendorCreate) -> tuple[str, str]:
    """The vendor's time zone and reporting currency: as given, or else its home platform's (the
    first it was created on), or the defaults on no platform yet (the API asks for one)."""
    zone = None if data.timezone is None else checked_time_zone(data.timezone)
    currency = None if data.currency is None else checked_currency(data.currency)
    if (zone is None or currency is None) and data.platform_ids:
        home = session.execute(
            select(Platform.timezone, Platform.currency).where(Platform.id == data.platform_ids[0])
        ).one()
        zone, currency = zone or home.timezone, currency or home.currency
    return zone or DEFAULT_TIME_ZONE, currency or DEFAULT_CURRENCY

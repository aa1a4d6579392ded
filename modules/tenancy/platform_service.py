"""Create, list and change platforms: the top tenants, each with its own domain, time zone and vendors."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from contracts.change_notices import Change, ChangeNotices
from contracts.currencies import checked_currency
from contracts.fields import checked_time_zone
from kernel.access import require_platform_access, require_role
from kernel.clock import Clock
from kernel.errors import ConflictError, NotFoundError
from kernel.identity import Principal, Role
from modules.tenancy.conflicts import conflict_on_duplicate
from modules.tenancy.domains import check_platform_domain
from modules.tenancy.ledger import SqlLedger
from modules.tenancy.models import Platform
from modules.tenancy.schemas import PlatformCreate, PlatformOut, PlatformPage, PlatformUpdate

__all__ = ("PlatformService", "platform_out")


def platform_out(platform: Platform) -> PlatformOut:
    return PlatformOut(
        id=platform.id,
        slug=platform.slug,
        name=platform.name,
        domain=platform.domain,
        timezone=platform.timezone,
        currency=platform.currency,
        created_at=platform.created_at,
    )


class PlatformService:
    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, notices: ChangeNotices, ledger: SqlLedger
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._notices = notices
        self._ledger = ledger

    def create(self, actor: Principal, data: PlatformCreate) -> PlatformOut:
        require_role(actor, Role.SUPER_ADMIN)
        zone, currency = checked_time_zone(data.timezone), checked_currency(data.currency)
        with (
            conflict_on_duplicate("the slug or the domain is already in use"),
            self._sessions.begin() as session,
        ):
            if session.scalar(select(Platform.id).where(Platform.slug == data.slug)) is not None:
                raise ConflictError(f"a platform with slug '{data.slug}' already exists")
            if data.domain is not None:
                check_platform_domain(session, data.domain)
            platform = Platform(
                slug=data.slug,
                name=data.name,
                domain=data.domain,
                timezone=zone,
                currency=currency,
                created_at=self._clock.now(),
            )
            session.add(platform)
            session.flush()
            self._notices.after_commit(session, Change.tenancy())
            created = platform_out(platform)
        return created

    def update(self, actor: Principal, platform_id: int, data: PlatformUpdate) -> PlatformOut:
        """Rename, or move to another time zone: its day buckets are rebuilt in the new zone in the same
        transaction, so its dashboards never mix the two (super admin, or this platform's admin)."""
        require_platform_access(actor, platform_id)
        zone = None if data.timezone is None else checked_time_zone(data.timezone)
        currency = None if data.currency is None else checked_currency(data.currency)
        with self._sessions.begin() as session:
            if zone is not None:
                self._ledger.hold_folds(session)
            platform = session.get(Platform, platform_id)
            if platform is None:
                raise NotFoundError(f"platform {platform_id} not found")
            if data.name is not None:
                platform.name = data.name
            if currency is not None:  # money is kept per currency: nothing to recompute
                platform.currency = currency
            if zone is not None and zone != platform.timezone:
                platform.timezone = zone
                session.flush()
                self._ledger.rebucket_days(session, "platform", platform_id)
            session.flush()
            self._notices.after_commit(session, Change.tenancy())
            updated = platform_out(platform)
        return updated

    def list(self, actor: Principal, *, limit: int, offset: int) -> PlatformPage:
        require_role(actor, Role.SUPER_ADMIN)
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(Platform)) or 0
            rows = session.scalars(select(Platform).order_by(Platform.id).limit(limit).offset(offset))
            return PlatformPage(
                items=[platform_out(p) for p in rows], total=total, limit=limit, offset=offset
            )

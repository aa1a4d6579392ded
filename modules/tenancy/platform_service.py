"""Create and list platforms: the top tenants, each with its own domain and vendors."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kernel.access import require_role
from kernel.clock import Clock
from kernel.contracts.tenancy import TenantDirectory
from kernel.errors import ConflictError
from kernel.identity import Principal, Role
from modules.tenancy.conflicts import conflict_on_duplicate
from modules.tenancy.domains import check_platform_domain
from modules.tenancy.models import Platform
from modules.tenancy.schemas import PlatformCreate, PlatformOut, PlatformPage

__all__ = ("PlatformService", "platform_out")


def platform_out(platform: Platform) -> PlatformOut:
    return PlatformOut(
        id=platform.id,
        slug=platform.slug,
        name=platform.name,
        domain=platform.domain,
        created_at=platform.created_at,
    )


class PlatformService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock, tenants: TenantDirectory) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tenants = tenants

    def create(self, actor: Principal, data: PlatformCreate) -> PlatformOut:
        require_role(actor, Role.SUPER_ADMIN)
        with (
            conflict_on_duplicate("the slug or the domain is already in use"),
            self._sessions.begin() as session,
        ):
            if session.scalar(select(Platform.id).where(Platform.slug == data.slug)) is not None:
                raise ConflictError(f"a platform with slug '{data.slug}' already exists")
            if data.domain is not None:
                check_platform_domain(session, data.domain)
            platform = Platform(
                slug=data.slug, name=data.name, domain=data.domain, created_at=self._clock.now()
            )
            session.add(platform)
            session.flush()
            created = platform_out(platform)
        self._tenants.forget()
        return created

    def list(self, actor: Principal, *, limit: int, offset: int) -> PlatformPage:
        require_role(actor, Role.SUPER_ADMIN)
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(Platform)) or 0
            rows = session.scalars(select(Platform).order_by(Platform.id).limit(limit).offset(offset))
            return PlatformPage(
                items=[platform_out(p) for p in rows], total=total, limit=limit, offset=offset
            )

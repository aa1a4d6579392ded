"""Create, list and publish content pages, for a vendor or for a platform.

A page belongs to one owner, a vendor or a platform, and every query is scoped to it, so another
owner's page is simply not found. Publishing stamps `published_at` from the clock; taking a page
back to draft clears it, so the dashboards count only pages that are out.

Each write records what it changes in the ledger in its own transaction: a vendor's pages
for the vendor (and so its platforms), a platform's pages for that platform alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from contracts.module_switches import ModuleSwitches
from contracts.tenancy import TenantDirectory
from kernel.access import require_platform_access
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import ConflictError, NotFoundError
from kernel.identity import Principal
from modules.cms.ledger_keys import MomentChanges, PageState, page_changes
from modules.cms.models import ContentPage
from modules.cms.schemas import PageCreate, PageOut, PagePage, PageStatus

__all__ = ("PageOwner", "PageService")


@dataclass(frozen=True, slots=True)
class PageOwner:
    """Exactly one of the two is set, as the table's `one_owner` check demands."""

    vendor_id: int | None = None
    platform_id: int | None = None

    def owns(self) -> ColumnElement[bool]:
        if self.vendor_id is not None:
            return ContentPage.vendor_id == self.vendor_id
        return ContentPage.platform_id == self.platform_id

    def record(self, ledger: LedgerWriter, db: Session, changes: MomentChanges) -> None:
        """Into the owner's figures; a vendor's reach its platforms, a platform's stay its own."""
        if self.platform_id is not None:
            for at, found in changes.items():
                ledger.record_for_platform(db, self.platform_id, found, at=at)
        elif self.vendor_id is not None:
            dated: list[tuple[datetime | None, dict[str, int]]] = [
                (at, found) for at, found in changes.items() if at is not None
            ]
            for index, (at, found) in enumerate(dated or [(None, {})]):  # undated go with the first
                undated = changes.get(None) if index == 0 else None
                ledger.record(db, self.vendor_id, found, at=at, undated=undated)


def _page_out(page: ContentPage) -> PageOut:
    return PageOut(
        id=page.id,
        vendor_id=page.vendor_id,
        platform_id=page.platform_id,
        slug=page.slug,
        title=page.title,
        body=page.body,
        status=cast("PageStatus", page.status),
        created_at=page.created_at,
        published_at=page.published_at,
    )


def _state(page: ContentPage) -> PageState:
    return PageState(page.status, page.published_at)


def _slug_taken(slug: str) -> ConflictError:
    return ConflictError(f"a page with slug '{slug}' already exists here; choose another slug")


class PageService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        tenants: TenantDirectory,
        switches: ModuleSwitches,
        ledger: LedgerWriter,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tenants = tenants
        self._switches = switches
        self._ledger = ledger

    def platform_owner(self, actor: Principal, platform_id: int) -> PageOwner:
        """The platform's pages are for its admins and super admins; an unknown platform is a 404."""
        require_platform_access(actor, platform_id)
        if self._tenants.platform_by_id(platform_id) is None:
            raise NotFoundError(f"there is no platform {platform_id}")
        # The route guard follows the request's platform; these routes name theirs in the path.
        if "cms" not in self._switches.enabled_codes(platform_id):
            raise NotFoundError("the 'cms' module is switched off for this platform")
        return PageOwner(platform_id=platform_id)

    def create(self, owner: PageOwner, data: PageCreate) -> PageOut:
        now = self._clock.now()
        try:
            with self._sessions.begin() as session:
                taken = select(ContentPage.id).where(owner.owns(), ContentPage.slug == data.slug)
                if session.scalar(taken) is not None:
                    raise _slug_taken(data.slug)
                page = ContentPage(
                    vendor_id=owner.vendor_id,
                    platform_id=owner.platform_id,
                    slug=data.slug,
                    title=data.title,
                    body=data.body,
                    status=data.status,
                    created_at=now,
                    published_at=now if data.status == "published" else None,
                )
                session.add(page)
                session.flush()  # a taken slug fails here, before the ledger counts the page
                owner.record(self._ledger, session, page_changes(None, _state(page)))
                return _page_out(page)
        except IntegrityError:  # a concurrent request took the slug after the check: same answer
            raise _slug_taken(data.slug) from None

    def list(self, owner: PageOwner, *, status: PageStatus | None, limit: int, offset: int) -> PagePage:
        query = select(ContentPage).where(owner.owns())
        if status is not None:
            query = query.where(ContentPage.status == status)
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(
                query.order_by(ContentPage.created_at.desc(), ContentPage.id.desc())
                .limit(limit)
                .offset(offset)
            )
            return PagePage(items=[_page_out(p) for p in rows], total=total, limit=limit, offset=offset)

    def set_status(self, owner: PageOwner, page_id: int, status: PageStatus) -> PageOut:
        """Publishing an already published page keeps its first `published_at`. The page is locked
        while it changes, so two requests flipping it at once cannot both count the same change."""
        with self._sessions.begin() as session:
            page = session.scalar(
                select(ContentPage).where(owner.owns(), ContentPage.id == page_id).with_for_update()
            )
            if page is None:
                raise NotFoundError(f"there is no page {page_id} here")
            if status != page.status:
                before = _state(page)
                page.status = status
                page.published_at = self._clock.now() if status == "published" else None
                owner.record(self._ledger, session, page_changes(before, _state(page)))
            return _page_out(page)

"""Content pages: the signed-in vendor's, and a platform's own (for its admins and super admins)."""

from __future__ import annotations

from litestar import Controller, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromQuery, JSONBody

from kernel.identity import Principal
from modules.cms.page_service import PageOwner, PageService
from modules.cms.routes.params import DEFAULT_LIMIT, Limit, Offset, PathId
from modules.cms.schemas import PageCreate, PageOut, PagePage, PageStatus, PageStatusUpdate

__all__ = ("PlatformPageController", "VendorPageController")


class VendorPageController(Controller):
    path = "/api/v1/vendor/cms/pages"
    tags = ["cms"]

    @post("/", summary="Create a page", sync_to_thread=True)
    def create_page(
        self,
        data: JSONBody[PageCreate],
        current_vendor_id: NamedDependency[int],
        page_service: NamedDependency[PageService],
    ) -> PageOut:
        """Create a page of the signed-in vendor; created as published, it is published now."""
        return page_service.create(PageOwner(vendor_id=current_vendor_id), data)

    @get("/", summary="List the vendor's pages", sync_to_thread=True)
    def list_pages(
        self,
        current_vendor_id: NamedDependency[int],
        page_service: NamedDependency[PageService],
        status: FromQuery[PageStatus | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> PagePage:
        """The vendor's pages, newest first."""
        owner = PageOwner(vendor_id=current_vendor_id)
        return page_service.list(owner, status=status, limit=limit, offset=offset)

    @patch("/{page_id:int}", summary="Publish or unpublish a page", sync_to_thread=True)
    def set_page_status(
        self,
        page_id: PathId,
        data: JSONBody[PageStatusUpdate],
        current_vendor_id: NamedDependency[int],
        page_service: NamedDependency[PageService],
    ) -> PageOut:
        """Publish a page, or take it back to draft; another vendor's page is a 404."""
        return page_service.set_status(PageOwner(vendor_id=current_vendor_id), page_id, data.status)


class PlatformPageController(Controller):
    path = "/api/v1/admin/platforms/{platform_id:int}/cms/pages"
    tags = ["cms"]

    @post("/", summary="Create a platform page", sync_to_thread=True)
    def create_platform_page(
        self,
        platform_id: PathId,
        data: JSONBody[PageCreate],
        principal: NamedDependency[Principal],
        page_service: NamedDependency[PageService],
    ) -> PageOut:
        """Create a page of the platform itself (super_admin, or this platform's admin)."""
        return page_service.create(page_service.platform_owner(principal, platform_id), data)

    @get("/", summary="List the platform's pages", sync_to_thread=True)
    def list_platform_pages(
        self,
        platform_id: PathId,
        principal: NamedDependency[Principal],
        page_service: NamedDependency[PageService],
        status: FromQuery[PageStatus | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> PagePage:
        """The platform's own pages, newest first; its vendors' pages are theirs."""
        owner = page_service.platform_owner(principal, platform_id)
        return page_service.list(owner, status=status, limit=limit, offset=offset)

    @patch("/{page_id:int}", summary="Publish or unpublish a platform page", sync_to_thread=True)
    def set_platform_page_status(
        self,
        platform_id: PathId,
        page_id: PathId,
        data: JSONBody[PageStatusUpdate],
        principal: NamedDependency[Principal],
        page_service: NamedDependency[PageService],
    ) -> PageOut:
        """Publish one of the platform's pages, or take it back to draft."""
        owner = page_service.platform_owner(principal, platform_id)
        return page_service.set_status(owner, page_id, data.status)

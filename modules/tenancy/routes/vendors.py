"""Vendors: create, list, read, update, and their custom domains."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, patch, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from contracts.fields import MAX_ID
from kernel.identity import Principal
from modules.tenancy.routes.params import DEFAULT_LIMIT, Limit, Offset, PathId
from modules.tenancy.schemas import DomainCreate, DomainOut, VendorCreate, VendorOut, VendorPage, VendorUpdate
from modules.tenancy.vendor_service import VendorService

__all__ = ("VendorController",)


class VendorController(Controller):
    path = "/admin/vendors"
    tags = ["vendors"]

    @post("/", summary="Create a vendor", sync_to_thread=True)
    def create_vendor(
        self,
        data: JSONBody[VendorCreate],
        principal: NamedDependency[Principal],
        vendor_service: NamedDependency[VendorService],
    ) -> VendorOut:
        """Create a vendor on one or more platforms (a platform admin: only its own platform)."""
        return vendor_service.create(principal, data)

    @get("/", summary="List vendors", sync_to_thread=True)
    def list_vendors(
        self,
        principal: NamedDependency[Principal],
        vendor_service: NamedDependency[VendorService],
        platform_id: Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> VendorPage:
        """List vendors, optionally of one platform (a platform admin always sees its own)."""
        return vendor_service.list(principal, platform_id=platform_id, limit=limit, offset=offset)

    @get(
        "/{vendor_id:int}",
        summary="Read a vendor",
        description="One vendor; a platform admin sees only its own platform in `platform_ids`.",
        sync_to_thread=True,
    )
    def get_vendor(
        self,
        vendor_id: PathId,
        principal: NamedDependency[Principal],
        vendor_service: NamedDependency[VendorService],
    ) -> VendorOut:
        return vendor_service.get(principal, vendor_id)

    @patch("/{vendor_id:int}", summary="Update a vendor", sync_to_thread=True)
    def update_vendor(
        self,
        vendor_id: PathId,
        data: JSONBody[VendorUpdate],
        principal: NamedDependency[Principal],
        vendor_service: NamedDependency[VendorService],
    ) -> VendorOut:
        """Rename, activate or deactivate, verify or unverify a vendor."""
        return vendor_service.update(principal, vendor_id, data)

    @post("/{vendor_id:int}/domains", summary="Give a vendor a custom domain", sync_to_thread=True)
    def add_domain(
        self,
        vendor_id: PathId,
        data: JSONBody[DomainCreate],
        principal: NamedDependency[Principal],
        vendor_service: NamedDependency[VendorService],
    ) -> DomainOut:
        """Serve the vendor's shop on a custom domain."""
        return vendor_service.add_domain(principal, vendor_id, data)

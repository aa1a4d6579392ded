"""Request and response bodies of tenancy's routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

from kernel.fields import Email, Hostname, Id, Name, Password, Slug
from kernel.identity import Role
from kernel.pagination import Page

__all__ = (
    "DomainCreate",
    "DomainOut",
    "ModuleSwitch",
    "PlatformCreate",
    "PlatformModuleOut",
    "PlatformModulesOut",
    "PlatformOut",
    "PlatformPage",
    "TokenRequest",
    "TokenResponse",
    "UserCreate",
    "UserOut",
    "VendorAttach",
    "VendorCreate",
    "VendorOut",
    "VendorPage",
    "VendorUpdate",
)


class TokenRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """No length floor on the password: a sign-in must not reveal the password rules."""

    email: Email
    password: Annotated[str, msgspec.Meta(max_length=256, pattern=r"^[^\x00]*$")]


class TokenResponse(msgspec.Struct, kw_only=True):
    access_token: str
    expires_in: int
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth token type, not a password


class PlatformCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    slug: Slug
    name: Name
    domain: Hostname | None = None


class PlatformOut(msgspec.Struct, kw_only=True):
    id: int
    slug: str
    name: str
    domain: str | None
    created_at: datetime


class PlatformPage(Page[PlatformOut]):
    pass


class VendorCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    slug: Slug
    name: Name
    platform_ids: Annotated[list[Id], msgspec.Meta(min_length=1, max_length=50)]


class VendorUpdate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: Name | None = None
    is_active: bool | None = None
    is_verified: bool | None = None


class VendorAttach(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    vendor_id: Id


class VendorOut(msgspec.Struct, kw_only=True):
    id: int
    slug: str
    name: str
    is_active: bool
    is_verified: bool
    created_at: datetime
    platform_ids: list[int]


class VendorPage(Page[VendorOut]):
    pass


class DomainCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    domain: Hostname


class DomainOut(msgspec.Struct, kw_only=True):
    id: int
    vendor_id: int
    domain: str
    created_at: datetime


class UserCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    email: Email
    password: Password
    role: Role
    platform_id: Id | None = None
    vendor_id: Id | None = None


class UserOut(msgspec.Struct, kw_only=True):
    id: int
    email: str
    role: Role
    platform_id: int | None
    vendor_id: int | None
    is_active: bool
    created_at: datetime


class ModuleSwitch(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    enabled: bool


class PlatformModuleOut(msgspec.Struct, kw_only=True):
    code: str
    name: str
    is_core: bool
    requires: list[str]
    required_by: list[str]
    enabled_in_settings: bool
    enabled: bool
    platform_override: bool | None
    metrics_category: str | None


class PlatformModulesOut(msgspec.Struct, kw_only=True):
    platform_id: int
    modules: list[PlatformModuleOut]

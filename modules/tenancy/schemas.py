"""Request and response bodies of tenancy's routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

from contracts.currencies import CurrencyCode
from contracts.fields import Email, Hostname, Id, Name, Password, Slug, TimeZoneName
from contracts.pagination import Page
from kernel.identity import Role

__all__ = (
    "DomainCreate",
    "DomainOut",
    "ModuleSwitch",
    "PlatformCreate",
    "PlatformModuleOut",
    "PlatformModulesOut",
    "PlatformOut",
    "PlatformPage",
    "PlatformUpdate",
    "TokenRequest",
    "TokenResponse",
    "UserCreate",
    "UserOut",
    "UserSwitch",
    "VendorAttach",
    "VendorCreate",
    "VendorOut",
    "VendorPage",
    "VendorUpdate",
)


_ZONE = "IANA time zone whose days its dashboards and figures count in"
_CURRENCY = (
    "ISO 4217 code its dashboards' money figures are published in; other currencies get rows of their own"
)


class TokenRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """No length floor on the password: a sign-in must not reveal the password rules."""

    email: Annotated[Email, msgspec.Meta(examples=["owner@demo.example.com"])]
    password: Annotated[
        str, msgspec.Meta(max_length=256, pattern=r"^[^\x00]*$", examples=["correct-horse-battery-staple"])
    ]


class TokenResponse(msgspec.Struct, kw_only=True):
    access_token: Annotated[
        str, msgspec.Meta(examples=["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzIn0.c2lnbmF0dXJl"])
    ]
    expires_in: Annotated[int, msgspec.Meta(description="Seconds the token stays valid", examples=[3600])]
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth token type, not a password


class PlatformCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    slug: Annotated[Slug, msgspec.Meta(examples=["outdoor"])]
    name: Annotated[Name, msgspec.Meta(examples=["Outdoor Market"])]
    domain: Annotated[Hostname | None, msgspec.Meta(examples=["outdoor.example.com"])] = None
    timezone: Annotated[TimeZoneName, msgspec.Meta(examples=["Europe/Paris"], description=_ZONE)] = "UTC"
    currency: Annotated[CurrencyCode, msgspec.Meta(examples=["EUR"], description=_CURRENCY)] = "EUR"


class PlatformUpdate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: Annotated[Name | None, msgspec.Meta(examples=["Outdoor Market"])] = None
    timezone: Annotated[
        TimeZoneName | None,
        msgspec.Meta(examples=["Europe/Paris"], description=f"{_ZONE}; changing it re-buckets its days"),
    ] = None
    currency: Annotated[CurrencyCode | None, msgspec.Meta(examples=["USD"], description=_CURRENCY)] = None


class PlatformOut(msgspec.Struct, kw_only=True):
    id: int
    slug: str
    name: str
    domain: str | None
    timezone: str
    currency: str
    created_at: datetime


class PlatformPage(Page[PlatformOut]):
    pass


class VendorCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    slug: Annotated[Slug, msgspec.Meta(examples=["alpine-outfitters"])]
    name: Annotated[Name, msgspec.Meta(examples=["Alpine Outfitters"])]
    platform_ids: Annotated[list[Id], msgspec.Meta(min_length=1, max_length=50, examples=[[1]])]
    timezone: Annotated[
        TimeZoneName | None,
        msgspec.Meta(examples=["Europe/Paris"], description=f"{_ZONE}; left out: its first platform's"),
    ] = None
    currency: Annotated[
        CurrencyCode | None,
        msgspec.Meta(examples=["EUR"], description=f"{_CURRENCY}; left out: its first platform's"),
    ] = None


class VendorUpdate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: Annotated[Name | None, msgspec.Meta(examples=["Alpine Outfitters GmbH"])] = None
    is_active: Annotated[bool | None, msgspec.Meta(examples=[True])] = None
    is_verified: Annotated[bool | None, msgspec.Meta(examples=[True])] = None
    timezone: Annotated[
        TimeZoneName | None,
        msgspec.Meta(examples=["Europe/Paris"], description=f"{_ZONE}; changing it re-buckets its days"),
    ] = None
    currency: Annotated[CurrencyCode | None, msgspec.Meta(examples=["USD"], description=_CURRENCY)] = None


class VendorAttach(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    vendor_id: Annotated[Id, msgspec.Meta(examples=[7])]


class VendorOut(msgspec.Struct, kw_only=True):
    id: int
    slug: str
    name: str
    is_active: bool
    is_verified: bool
    timezone: str
    currency: str
    created_at: datetime
    platform_ids: list[int]


class VendorPage(Page[VendorOut]):
    pass


class DomainCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    domain: Annotated[Hostname, msgspec.Meta(examples=["shop.alpine-outfitters.com"])]


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


class UserSwitch(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    is_active: Annotated[
        bool,
        msgspec.Meta(
            examples=[False],
            description="false: the account cannot sign in and its tokens are refused; true: back on",
        ),
    ]


class UserOut(msgspec.Struct, kw_only=True):
    id: int
    email: str
    role: Role
    platform_id: int | None
    vendor_id: int | None
    is_active: bool
    created_at: datetime


class ModuleSwitch(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    enabled: Annotated[bool, msgspec.Meta(examples=[False])]


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

"""Request and response bodies of the CMS routes, with every bound the database needs.

Patterns follow `contracts.fields`: no NUL (PostgreSQL refuses it), and nothing the regex engines of
the server and of schema readers disagree on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from contracts.fields import Name, Slug
from contracts.pagination import Page
from modules.cms.models import FILENAME_LENGTH, MEDIA_TYPE_LENGTH, PageStatus

__all__ = (
    "MAX_BODY_LENGTH",
    "MAX_MEDIA_BYTES",
    "MediaCreate",
    "MediaOut",
    "MediaPage",
    "PageCreate",
    "PageOut",
    "PagePage",
    "PageStatus",
    "PageStatusUpdate",
    "ThemeCreate",
    "ThemeOut",
    "ThemePage",
)

MAX_BODY_LENGTH = 100_000
MAX_MEDIA_BYTES = 5 * 1024**3  # 5 GiB: larger uploads belong to a video service, not the CMS

_RESTRICTED_NAME = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*"  # RFC 6838 restricted-name

Body = Annotated[
    str,
    msgspec.Meta(
        max_length=MAX_BODY_LENGTH,
        pattern=r"^[^\x00]*$",
        description="Page text",
        examples=["We ship within two working days; returns are free for 30 days."],
    ),
]
Filename = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=FILENAME_LENGTH,
        pattern=r"^(?!\.\.?$)[^\x00-\x1f\x7f/\\]+$",
        description="A file name, not a path: no slashes, no control characters, not '.' or '..'",
        examples=["tent-front.jpg"],
        extra={"expects": "be a file name like photo.png: no slashes or control characters, not '.' or '..'"},
    ),
]
MediaType = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=MEDIA_TYPE_LENGTH,
        pattern=rf"^{_RESTRICTED_NAME}/{_RESTRICTED_NAME}(?!\n)$",
        description="A media type such as image/png, without parameters; stored lower-case",
        examples=["image/jpeg"],
        extra={"expects": "be a media type like image/png, without parameters"},
    ),
]
Bytes = Annotated[
    int, msgspec.Meta(ge=0, le=MAX_MEDIA_BYTES, description="Size of the file in bytes", examples=[248731])
]


class PageCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    slug: Annotated[Slug, msgspec.Meta(examples=["shipping-and-returns"])]
    title: Annotated[Name, msgspec.Meta(examples=["Shipping and returns"])]
    body: Body = ""
    status: Annotated[PageStatus, msgspec.Meta(examples=["published"])] = "draft"


class PageStatusUpdate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    status: Annotated[PageStatus, msgspec.Meta(examples=["published"])]


class PageOut(msgspec.Struct, kw_only=True):
    id: int
    vendor_id: int | None
    platform_id: int | None
    slug: str
    title: str
    body: str
    status: PageStatus
    created_at: datetime
    published_at: datetime | None


class PagePage(Page[PageOut]):
    pass


class MediaCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    filename: Filename
    content_type: MediaType
    size_bytes: Bytes


class MediaOut(msgspec.Struct, kw_only=True):
    id: int
    vendor_id: int
    filename: str
    content_type: str
    size_bytes: int
    created_at: datetime


class MediaPage(Page[MediaOut]):
    pass


class ThemeCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: Annotated[Name, msgspec.Meta(examples=["Autumn 2026"])]
    is_active: Annotated[bool, msgspec.Meta(examples=[True])] = False


class ThemeOut(msgspec.Struct, kw_only=True):
    id: int
    vendor_id: int
    name: str
    is_active: bool
    created_at: datetime


class ThemePage(Page[ThemeOut]):
    pass

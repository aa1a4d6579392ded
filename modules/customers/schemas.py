"""Request and response bodies of the customers routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from contracts.fields import Email, Name
from contracts.pagination import Page

__all__ = ("CustomerCreate", "CustomerOut", "CustomerPage")


class CustomerCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    email: Annotated[Email, msgspec.Meta(examples=["ana@example.com"])]
    name: Annotated[Name | None, msgspec.Meta(examples=["Ana Silva"])] = None


class CustomerOut(msgspec.Struct, kw_only=True):
    id: int
    vendor_id: int
    email: str
    name: str | None
    created_at: datetime


class CustomerPage(Page[CustomerOut]):
    pass

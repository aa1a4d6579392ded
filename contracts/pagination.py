"""One page of a list, the same shape for every module's list route: a part of the API that every
module's schemas share, so it sits with the contracts between modules, not in the kernel."""

from __future__ import annotations

from typing import Generic, TypeVar

import msgspec

__all__ = ("DEFAULT_LIMIT", "MAX_LIMIT", "Page")

DEFAULT_LIMIT = 20
MAX_LIMIT = 100

T = TypeVar("T")


class Page(msgspec.Struct, Generic[T], kw_only=True):
    """`items` from `offset`, at most `limit` of them, out of `total`."""

    items: list[T]
    total: int
    limit: int
    offset: int

"""Bounds of the CMS path and query parameters, so the schema and the validation agree."""

from __future__ import annotations

from typing import Annotated

from litestar.params import PathParameter, QueryParameter

from contracts.fields import MAX_ID
from contracts.pagination import DEFAULT_LIMIT, MAX_LIMIT

__all__ = ("DEFAULT_LIMIT", "Limit", "Offset", "PathId")

PathId = Annotated[int, PathParameter(ge=1, le=MAX_ID)]
Limit = Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description="Items per page")]
Offset = Annotated[int, QueryParameter(ge=0, le=MAX_ID, description="Items to skip")]

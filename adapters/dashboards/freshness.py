"""Where an answer's figures were read and as of when they are complete, kept with the figures.

A dashboard, a series' days or a ranking is cached with the freshness of the read that made it, so
a cached answer states its own, not the moment it was served again (`adapters/replica/routing.py`
says where reads go).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from adapters.replica.routing import ReadFrom, ReadRoute

__all__ = ("Sourced",)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Sourced(Generic[T]):
    value: T
    read_from: ReadFrom
    fresh_as_of: datetime

    @classmethod
    def read(cls, value: T, route: ReadRoute) -> Sourced[T]:
        return cls(value, route.read_from, route.fresh_as_of)

    def fields(self) -> dict[str, Any]:
        """The answer's `read_from` and `fresh_as_of`."""
        return {"read_from": self.read_from, "fresh_as_of": self.fresh_as_of}

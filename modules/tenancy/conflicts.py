"""Turn a unique-constraint race into the same 409 the up-front check gives."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError

from kernel.errors import ConflictError

__all__ = ("conflict_on_duplicate",)


@contextmanager
def conflict_on_duplicate(message: str) -> Iterator[None]:
    """Two requests can pass the "is this slug free?" check together; the database decides."""
    try:
        yield
    except IntegrityError:
        raise ConflictError(message) from None

"""Safe retries: a request sent again with the same `Idempotency-Key` is answered, not done again.

A client that lost the answer to a POST (a timeout, a dropped connection) cannot know whether the
order was recorded; sending it again must not record it twice. The first request with a key claims
it, in the transaction that does the work, and stores its answer there: both commit together or
neither does (a request that failed leaves the key free to try again). A later request with the key
and the same request (same route, same body as decoded) gets the stored answer; with another
request it is a 409, never a silent replay of something else.

Two requests with one key at once: the claim is an insert that conflicts on (vendor, key). On
PostgreSQL the second insert waits for the first transaction and then conflicts, so it reads the
committed answer; SQLite runs one writer at a time. Keys are the vendor's own: two vendors may use
the same key for different orders.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar, cast

import msgspec
from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from kernel.errors import ConflictError, InvalidInputError
from kernel.persistence import upsert_into
from modules.orders.models import IdempotencyKey

__all__ = ("Claim", "IdempotencyKeys", "Request", "checked_key", "fingerprint", "once")

_MAX_KEY = 255
T = TypeVar("T")


def checked_key(key: str | None) -> str | None:
    """The header as given, or a 400 naming it: 1 to 255 visible ASCII characters."""
    if key is None:
        return None
    if not 0 < len(key) <= _MAX_KEY or not all(" " < character <= "~" for character in key):
        raise InvalidInputError(
            "Idempotency-Key",
            f"use 1 to {_MAX_KEY} visible ASCII characters (letters, digits, punctuation, no spaces), "
            "for example a UUID",
        )
    return key


def fingerprint(route: str, body: bytes) -> str:
    """What "the same request" means: the same route and the same body as the server decoded it."""
    return hashlib.sha256(route.encode() + b"\n" + body).hexdigest()


@dataclass(frozen=True, slots=True)
class Claim:
    """`answer` is the stored answer of an earlier request with the key, or None: this one does it."""

    vendor_id: int
    key: str
    answer: bytes | None


class IdempotencyKeys:
    def __init__(self) -> None:
        self._table = cast("Table", IdempotencyKey.__table__)

    def claim(self, session: Session, vendor_id: int, key: str, request: str, now: datetime) -> Claim:
        """Claims the key for this request in the session's transaction, or finds who had it."""
        table = self._table
        row = {"vendor_id": vendor_id, "key": key, "request": request, "created_at": now}
        claimed = session.connection().execute(
            upsert_into(session, table).values(row).on_conflict_do_nothing().returning(table.c.key)
        )
        if claimed.first() is not None:
            return Claim(vendor_id, key, None)
        earlier = (
            session.connection()
            .execute(
                select(table.c.request, table.c.answer).where(
                    table.c.vendor_id == vendor_id, table.c.key == key
                )
            )
            .one()
        )
        if earlier.request != request or earlier.answer is None:
            raise ConflictError(
                "Idempotency-Key: this key was already used for another request; "
                "use a new key for a new request"
            )
        return Claim(vendor_id, key, bytes(earlier.answer))

    def remember(self, session: Session, claim: Claim, answer: bytes) -> None:
        """The answer to give any later request with the claimed key; committed with the work."""
        table = self._table
        session.connection().execute(
            update(table)
            .where(table.c.vendor_id == claim.vendor_id, table.c.key == claim.key)
            .values(answer=answer)
        )


@dataclass(frozen=True, slots=True)
class Request:
    """A write that may carry a key: its transaction, whose key it is, and what it asks."""

    session: Session
    vendor_id: int
    key: str | None
    route: str
    body: Any
    now: datetime


def once(keys: IdempotencyKeys, request: Request, answer: type[T], work: Callable[[], T]) -> tuple[T, bool]:
    """`work()` in the request's transaction, its answer stored under the key; or, for a key already
    used with the same request, that stored answer and True. Without a key, just `work()`."""
    if request.key is None:
        return work(), False
    asked = fingerprint(request.route, msgspec.json.encode(request.body))
    claim = keys.claim(request.session, request.vendor_id, request.key, asked, request.now)
    if claim.answer is not None:
        return msgspec.json.decode(claim.answer, type=answer), True
    done = work()
    keys.remember(request.session, claim, msgspec.json.encode(done))
    return done, False

"""`external_id`: the vendor's own name for an order, so that the same order sent twice (a retry
without an `Idempotency-Key`, an import run again) is recorded once.

It rides on the idempotency keys (idempotency.py) under the key `external_id <id>`: an
`Idempotency-Key` header never holds a space, so the two never meet. The first request with an
external id claims it in the transaction that records the order and stores its answer; the same
request again (same route, same body) gets that answer and records nothing; another request with the
same external id is a 409 naming the order that has it. `orders.external_id` (unique per vendor)
holds it on the order itself, for the 409's message and as the database's own guarantee.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from sqlalchemy import select
from sqlalchemy.orm import Session

from kernel.errors import ConflictError
from modules.orders.idempotency import IdempotencyKeys, Request, fingerprint
from modules.orders.models import Order
from modules.orders.schemas import OrderOut

__all__ = ("external_key", "once_per_external_id", "order_named", "taken")


def external_key(external_id: str) -> str:
    return f"external_id {external_id}"


def order_named(session: Session, vendor_id: int, external_id: str) -> int | None:
    """The id of the vendor's order with this external id, if any."""
    found = select(Order.id).where(Order.vendor_id == vendor_id, Order.external_id == external_id)
    return session.scalar(found)


def taken(session: Session, vendor_id: int, external_id: str) -> ConflictError:
    order_id = order_named(session, vendor_id, external_id)
    where = f"order {order_id}" if order_id is not None else "an order being recorded now"
    return ConflictError(
        f"external_id: '{external_id}' is already {where} of this vendor, recorded with other details: "
        "use another external_id for another order"
    )


def once_per_external_id(
    keys: IdempotencyKeys,
    request: Request,
    external_id: str | None,
    work: Callable[[], tuple[OrderOut, bool]],
) -> tuple[OrderOut, bool]:
    """`work()`, or, for an external id already recorded with the same request, the first answer and
    True. `request.key` is the header's key, if any; this claims the external id's own."""
    if external_id is None:
        return work()
    asked = fingerprint(request.route, msgspec.json.encode(request.body))
    key = external_key(external_id)
    try:
        claim = keys.claim(request.session, request.vendor_id, key, asked, request.now)
    except ConflictError:
        raise taken(request.session, request.vendor_id, external_id) from None
    if claim.answer is not None:
        return msgspec.json.decode(claim.answer, type=OrderOut), True
    done, replayed = work()
    keys.remember(request.session, claim, msgspec.json.encode(done))
    return done, replayed

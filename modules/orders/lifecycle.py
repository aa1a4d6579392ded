"""An order's life: which status may follow which, and the moment each step is stamped.

    pending → paid → shipped → delivered
    pending or paid → cancelled
    paid, shipped or delivered → refunded

Cancelled and refunded are ends. A move is checked here and applied in the database as a compare
and set on the status it was checked against (`service.py`), so of two racing moves exactly one
wins and the other is told what the order can do now.

An order may be recorded in any status (a shop bringing its past orders, a till that took the
money): it is stamped as if it had walked the usual path to that status at that moment, so
"paid" always carries `paid_at`, "delivered" carries all three of its steps.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from kernel.errors import ConflictError
from modules.orders.models import OrderStatus

__all__ = ("MOVES", "STAMPS", "check_move", "next_steps", "stamps_on_arrival")

MOVES: Final[dict[str, tuple[OrderStatus, ...]]] = {
    "pending": ("paid", "cancelled"),
    "paid": ("shipped", "cancelled", "refunded"),
    "shipped": ("delivered", "refunded"),
    "delivered": ("refunded",),
    "cancelled": (),
    "refunded": (),
}
STAMPS: Final[dict[str, str]] = {
    "paid": "paid_at",
    "shipped": "shipped_at",
    "delivered": "delivered_at",
    "cancelled": "cancelled_at",
    "refunded": "refunded_at",
}
"""The column each status stamps when an order reaches it; pending stamps nothing but `created_at`."""

_PATH: Final[dict[str, tuple[str, ...]]] = {
    "pending": (),
    "paid": ("paid",),
    "shipped": ("paid", "shipped"),
    "delivered": ("paid", "shipped", "delivered"),
    "cancelled": ("cancelled",),
    "refunded": ("paid", "refunded"),
}


def next_steps(current: str) -> str:
    """What an order in `current` can do, as a 409 says it: "it can move to paid or cancelled"."""
    allowed = MOVES[current]
    if not allowed:
        return "which is final"
    listed = allowed[0] if len(allowed) == 1 else f"{', '.join(allowed[:-1])} or {allowed[-1]}"
    return f"it can move to {listed}"


def check_move(current: str, wanted: str) -> None:
    """Raises 409's error when an order in `current` may not move to `wanted`, naming what it may."""
    if wanted in MOVES[current]:
        return
    if not MOVES[current]:
        raise ConflictError(f"the order is {current}, which is final: it cannot move to {wanted}")
    raise ConflictError(f"the order is {current}: {next_steps(current)}, not to {wanted}")


def stamps_on_arrival(status: str, at: datetime) -> dict[str, datetime]:
    """The stamps of an order recorded straight in `status` at `at`: every step of its usual path."""
    return {STAMPS[step]: at for step in _PATH[status]}

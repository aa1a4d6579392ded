"""The world the series, top-vendors and CSV tests share, every figure worked out by hand.

Today is 2026-06-15 12:00 UTC. Platform main (UTC, EUR) has acme (UTC), bolt (Asia/Tokyo, nine hours
ahead) and crux (UTC); dull (UTC) on main sells nothing; eve is on platform eu only.

- acme: 06-01 10:00 EUR 1000 paid and 11:00 EUR 500 cancelled; 06-03 EUR 2000 paid, 500 of it refunded
  on 06-08 at 10:00; 06-05 USD 700 paid; 06-08 12:00 EUR 3000 paid. 2026-05-20 EUR 900 paid.
- bolt: 06-10 20:00 UTC EUR 4000 paid: 06-11 05:00 in Tokyo, so on bolt's 06-11 and main's 06-10.
- crux: 06-12 EUR 4000 paid (as much as bolt: the vendor id breaks the tie).
- eve: 06-02 EUR 99999 paid, on eu.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.api import Api
from tests.fakes.clock import FrozenClock

__all__ = ("TODAY", "series_world")

TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def _at(clock: FrozenClock, month: int, day: int, hour: int) -> None:
    clock.set(datetime(2026, month, day, hour, 0, tzinfo=UTC))


def series_world(api: Api, clock: FrozenClock) -> dict[str, Any]:
    root = api.super_admin()
    main, eu = api.platform(root, "main", "main.test"), api.platform(root, "eu", "eu.test")
    ids = {
        "acme": api.vendor(root, "acme", [main]),
        "bolt": api.vendor(root, "bolt", [main]),
        "crux": api.vendor(root, "crux", [main]),
        "dull": api.vendor(root, "dull", [main]),
        "eve": api.vendor(root, "eve", [eu]),
    }
    moved = api.client.patch(
        f"/api/v1/admin/vendors/{ids['bolt']}", json={"timezone": "Asia/Tokyo"}, headers=root
    )
    assert moved.status_code == 200, moved.text
    owners = {
        name: api.user(root, f"owner@{name}.test", "vendor_owner", vendor_id=vendor_id)
        for name, vendor_id in ids.items()
    }
    acme = owners["acme"]
    _at(clock, 5, 20, 10)
    api.order(acme, 900)
    _at(clock, 6, 1, 10)
    api.order(acme, 1000)
    _at(clock, 6, 1, 11)
    api.order(acme, 500, "cancelled")
    _at(clock, 6, 3, 9)
    refunded = api.order(acme, 2000)["id"]
    _at(clock, 6, 5, 9)
    api.order(acme, 700, currency="USD")
    _at(clock, 6, 8, 10)
    refund = {"amount_cents": 500, "reason": "damaged"}
    answer = api.client.post(f"/api/v1/vendor/orders/{refunded}/refunds", json=refund, headers=acme)
    assert answer.status_code == 201, answer.text
    _at(clock, 6, 8, 12)
    api.order(acme, 3000)
    _at(clock, 6, 10, 20)
    api.order(owners["bolt"], 4000)
    _at(clock, 6, 12, 9)
    api.order(owners["crux"], 4000)
    _at(clock, 6, 2, 9)
    api.order(owners["eve"], 99999)
    clock.set(TODAY)
    main_admin = api.user(root, "admin@main.test", "platform_admin", platform_id=main)
    return {
        "root": root,
        "main": main,
        "eu": eu,
        "main_admin": main_admin,
        **ids,
        **{f"{n}_owner": h for n, h in owners.items()},
    }

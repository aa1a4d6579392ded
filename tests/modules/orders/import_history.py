"""A small history to import, with every figure it makes worked out by hand (vendor time zone UTC).

acme: SHOP-1 delivered, 2 units of 1500 placed March 1st, 1000 refunded April 2nd (keeps 2000, 2 units);
SHOP-2 cancelled, 5000 placed March 15th 23:30 at -02:00, so March 16th in UTC; SHOP-3 refunded,
4000 placed April 1st, 1500 refunded April 5th and the rest (2500) on its refunded_at, April 10th;
SHOP-4 pending, 1200 placed May 1st, by SHOP-1's customer (a repeat customer).
bolt: SHOP-1 (another vendor's SHOP-1: external ids are each vendor's own), paid 2500 in February.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

ROWS: list[dict[str, Any]] = [
    {
        "vendor": "acme",
        "external_id": "SHOP-1",
        "customer_email": "Ana@Example.com",
        "status": "delivered",
        "lines": [{"sku": "TEE-M", "title": "Tee, M", "quantity": 2, "unit_price_cents": 1500}],
        "placed_at": "2026-03-01T10:00:00+01:00",
        "delivered_at": "2026-03-04T12:00:00+00:00",
        "refunds": [{"amount_cents": 1000, "reason": "late", "refunded_at": "2026-04-02T12:00:00Z"}],
    },
    {
        "vendor": "acme",
        "external_id": "SHOP-2",
        "customer_email": "bo@example.com",
        "status": "cancelled",
        "total_cents": 5000,
        "placed_at": "2026-03-15T23:30:00-02:00",
        "cancelled_at": "2026-03-17T08:00:00Z",
    },
    {
        "vendor": "acme",
        "external_id": "SHOP-3",
        "customer_email": "cy@example.com",
        "status": "refunded",
        "total_cents": 4000,
        "placed_at": "2026-04-01T08:00:00Z",
        "refunded_at": "2026-04-10T08:00:00Z",
        "refunds": [{"amount_cents": 1500, "refunded_at": "2026-04-05T08:00:00Z"}],
    },
    {
        "vendor": "acme",
        "external_id": "SHOP-4",
        "customer_email": "ana@example.com",
        "status": "pending",
        "total_cents": 1200,
        "placed_at": "2026-05-01T10:00:00Z",
    },
    {
        "vendor": "bolt",
        "external_id": "SHOP-1",
        "customer_email": "ana@example.com",
        "status": "paid",
        "total_cents": 2500,
        "placed_at": "2026-02-10T12:00:00Z",
    },
]

ACME_ALL_TIME = {
    "orders.total": 4,
    "orders.total_revenue": 3200,  # 2000 kept of SHOP-1, 1200 pending
    "orders.pending": 1,
    "orders.repeat_customers": 1,
}
ACME_MARCH = {"orders.period_orders": 2, "orders.period_revenue": 2000, "orders.period_units": 2}
ACME_MARCH |= {"orders.period_refunds": 0, "orders.period_refunded": 0}
ACME_APRIL = {"orders.period_orders": 1, "orders.period_revenue": 0, "orders.period_units": 0}
ACME_APRIL |= {"orders.period_refunds": 3, "orders.period_refunded": 5000}


def jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def as_csv(rows: list[dict[str, Any]]) -> str:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value) if isinstance(value, list) else str(value)

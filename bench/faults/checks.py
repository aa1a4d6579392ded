"""What a fault must not leave behind: connections the app no longer uses, and dashboards whose
order figures disagree with the orders table.

The figures are asked of the server (as users see them) and recomputed here with plain COUNT and
SUM over `orders`, as `modules/orders/figures.py` defines them; a platform's are its active vendors'.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import httpx
import psycopg

from bench.faults.scenarios import HARNESS
from bench.faults.world import Tokens
from bench.pg_cluster import TemporaryCluster
from bench.processes import BenchError, Server
from modules.orders.models import REVENUE_STATUSES

__all__ = ("app_connections", "wrong_figures")

_QUERY = {"period": "30d", "include_trends": "true"}


def _connect(cluster: TemporaryCluster) -> psycopg.Connection[Any]:
    dsn = f"host=127.0.0.1 port={cluster.port} user=postgres dbname={cluster.database} connect_timeout=5"
    return psycopg.connect(dsn, application_name=HARNESS, autocommit=True)


def app_connections(cluster: TemporaryCluster) -> dict[str, int]:
    """The app's backends on its database by state (`idle`, `active`, `idle in transaction`)."""
    query = (
        "SELECT coalesce(state, 'unknown'), count(*) FROM pg_stat_activity WHERE datname = %s"
        " AND backend_type = 'client backend' AND application_name <> %s GROUP BY 1"
    )
    with _connect(cluster) as connection:
        rows = connection.execute(query, (cluster.database, HARNESS)).fetchall()
    return {str(state): int(count) for state, count in rows}


_FIGURES = """
SELECT count(*),
       coalesce(sum(total_cents) FILTER (WHERE status = ANY(%(earning)s)), 0),
       count(*) FILTER (WHERE status = ANY(%(earning)s)),
       count(*) FILTER (WHERE status = 'pending'),
       count(*) FILTER (WHERE CAST(created_at AS DATE) BETWEEN %(first)s AND %(last)s),
       coalesce(sum(total_cents) FILTER (
           WHERE status = ANY(%(earning)s) AND CAST(created_at AS DATE) BETWEEN %(first)s AND %(last)s
       ), 0),
       (SELECT count(*) FROM (SELECT 1 FROM orders WHERE vendor_id = ANY(%(vendors)s)
                              GROUP BY vendor_id, customer_email HAVING count(*) >= 2) AS repeat)
FROM orders WHERE vendor_id = ANY(%(vendors)s)
"""


_MEMBERS = """
SELECT vendor_id FROM vendor_platforms JOIN vendors ON vendors.id = vendor_id
WHERE platform_id = %s AND vendor_platforms.is_active AND vendors.is_active
"""
"""A platform's figures are those of its active vendors with an active membership."""


def _expected(
    connection: psycopg.Connection[Any], vendors: Sequence[int], period: dict[str, Any]
) -> dict[str, int]:
    """Each orders figure of `vendors` together, from the raw table."""
    parameters = {
        "vendors": list(vendors),
        "earning": list(REVENUE_STATUSES),
        "first": date.fromisoformat(period["date_from"]),
        "last": date.fromisoformat(period["date_to"]),
    }
    row = connection.execute(_FIGURES, parameters).fetchone()
    assert row is not None  # an aggregate always answers one row
    total, revenue, earning, pending, in_period, period_revenue, repeat = (int(value) for value in row)
    average = (revenue * 2 + earning) // (earning * 2) if earning else 0
    return {
        "orders.total": total,
        "orders.total_revenue": revenue,
        "orders.average_order_value": average,
        "orders.pending": pending,
        "orders.repeat_customers": repeat,
        "orders.period_orders": in_period,
        "orders.period_revenue": period_revenue,
    }


def _served(client: httpx.Client, path: str, token: str, **query: str) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    answer = client.get(path, params=_QUERY | query, headers=headers)
    if answer.status_code != 200 or answer.json()["unavailable"]:
        raise BenchError(f"{path} after the fault: {answer.status_code} {answer.text[:300]}")
    return dict(answer.json())


def _differences(name: str, body: dict[str, Any], expected: dict[str, int]) -> list[str]:
    served = {metric["key"]: metric["value"] for metric in body["categories"].get("orders", [])}
    return [
        f"{name} {key}: served {served.get(key)}, orders table {value}"
        for key, value in expected.items()
        if served.get(key) != value
    ]


def wrong_figures(server: Server, tokens: Tokens, cluster: TemporaryCluster) -> list[str]:
    """Every orders figure of every vendor's dashboard and of the platform's that disagrees with
    the orders table, once the load has stopped; an empty list when all hold."""
    wrong: list[str] = []
    with httpx.Client(base_url=server.base_url, timeout=30) as client, _connect(cluster) as connection:
        for vendor_id, token in tokens.owners.items():
            body = _served(client, "/api/v1/vendor/dashboard/stats", token)
            wrong += _differences(
                f"vendor {vendor_id}", body, _expected(connection, [vendor_id], body["period"])
            )
        platform = str(tokens.platform_id)
        body = _served(client, "/api/v1/admin/dashboard/stats", tokens.admin, platform_id=platform)
        members = connection.execute(_MEMBERS, (tokens.platform_id,)).fetchall()
        expected = _expected(connection, [row[0] for row in members], body["period"])
        wrong += _differences(f"platform {tokens.platform_id}", body, expected)
    return wrong

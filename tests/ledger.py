"""Helpers shared by the figures-ledger tests: one way to check that a module's ledger figures equal
its raw-table figures, to dump the ledger's rows, and to set up the usual platforms and vendors.

Each module's ledger tests asked the same questions with their own copy of these; the questions
belong to the ledger, not to a module, so they live here once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from adapters.container import Container
from adapters.ledger import fold_ledger
from kernel.context import MetricsContext, Owner, Scope
from kernel.identity import SYSTEM
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics import MetricValue
from modules.tenancy.models import LedgerDay, LedgerTotal, Platform, Vendor
from modules.tenancy.schemas import PlatformCreate, VendorCreate
from tests.raw_reader import RawReader

Row = tuple[Any, ...]


def from_ledger(
    container: Container, module: str, owner: Owner, context: MetricsContext
) -> list[MetricValue]:
    """A module's figures for one owner as its dashboard shows them: its table over the ledger."""
    table: LedgerMetrics = getattr(container, module).ledger_metrics()
    with container.session_factory()() as session:
        reading = container.ledger().read(session, owner, table.keys, context, table.prefixes)
    return table.metrics(owner[0], reading, context)


def fast_equals_raw(
    container: Container, module: str, scope: Scope, owner: int, context: MetricsContext
) -> list[MetricValue]:
    """A module's figures from the ledger for one vendor or platform (`scope`), after asserting they
    equal its figures from the raw tables (its `ledger_sources` read by `RawReader`): both read in
    one session, so they see the same data. The context's dates are taken as the owner's local days,
    in its time zone as it stands, as its dashboard takes them."""
    code = getattr(container, module)
    table: LedgerMetrics = code.ledger_metrics()
    raw = RawReader(code.ledger_sources())
    with container.session_factory()() as session:
        owners = Vendor if scope == "vendor" else Platform
        zone = session.scalars(select(owners.timezone).where(owners.id == owner)).one()
        context = replace(context, timezone=zone)
        kept = table.metrics(
            scope,
            container.ledger().read(session, (scope, owner), table.keys, context, table.prefixes),
            context,
        )
        computed = table.metrics(
            scope, raw.read(session, (scope, owner), table.keys, context, table.prefixes), context
        )
    assert kept == computed, (module, scope, owner, context)
    return kept


def fast_equals_raw_everywhere(
    container: Container,
    module: str,
    vendors: Iterable[int],
    platforms: Iterable[int],
    contexts: Iterable[MetricsContext],
) -> None:
    """`fast_equals_raw` for every window, every vendor and every platform: a write or a membership
    change must leave no owner and no window where the ledger and the raw tables disagree."""
    vendors, platforms = list(vendors), list(platforms)
    for context in contexts:
        for vendor_id in vendors:
            fast_equals_raw(container, module, "vendor", vendor_id, context)
        for platform_id in platforms:
            fast_equals_raw(container, module, "platform", platform_id, context)


def ledger_tables(container: Container, prefix: str | None = None) -> list[list[Row]]:
    """The ledger's non-zero rows, `[totals, days]`, each in primary-key order, only keys starting
    with `prefix` if given: what a rebuild from the raw tables must leave exactly as it was (rows of
    zero are left out, since a rebuild need not keep them). Every delta is folded first: these are
    the rows as they stand once the writes so far are added in."""
    fold_ledger(container)
    with container.session_factory()() as session:
        tables: list[list[Row]] = []
        for model in (LedgerTotal, LedgerDay):
            query = select(model.__table__).where(model.value != 0)
            if prefix is not None:
                query = query.where(model.key.startswith(prefix))
            found = session.execute(query.order_by(*model.__table__.primary_key))
            tables.append([tuple(row) for row in found])
    return tables


def ledger_rows(container: Container, prefix: str | None = None) -> list[Row]:
    """`ledger_tables` as one list, totals then days."""
    totals, days = ledger_tables(container, prefix)
    return totals + days


def three_vendors(container: Container, *, domains: bool = True) -> dict[str, int]:
    """Platforms main and eu (with a domain `<slug>.test` unless `domains` is false) and vendors acme
    (on main), bolt (on main and eu) and crux (on eu), made through tenancy's services: the one
    world most ledger tests start from. Ids by slug."""
    ids: dict[str, int] = {}
    for slug in ("main", "eu"):
        data = PlatformCreate(slug=slug, name=slug.title(), domain=f"{slug}.test" if domains else None)
        ids[slug] = int(container.tenancy.platform_service().create(SYSTEM, data).id)
    for slug, on in (("acme", ["main"]), ("bolt", ["main", "eu"]), ("crux", ["eu"])):
        vendor = VendorCreate(slug=slug, name=slug.title(), platform_ids=[ids[p] for p in on])
        ids[slug] = int(container.tenancy.vendor_service().create(SYSTEM, vendor).id)
    return ids

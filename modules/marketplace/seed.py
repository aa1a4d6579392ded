"""Deterministic demo imports: a few per vendor over the seeded period, most completed (some with
bad rows, about half of those approved into the catalog), some failed with the reason a real file
would give.

Approved rows point at the products catalog's seeder made (`context.products`), with their prices,
so the demo's published rows name real catalog products.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta
from random import Random
from typing import Any

from sqlalchemy import func, insert, select

from contracts.seeding import SeedContext, SeededProduct, SeedPart
from modules.marketplace.models import ImportJob, ImportRowError, StagingProduct

__all__ = ("seed_marketplace",)

_FILE_ERRORS = (
    "the file is not UTF-8 text (line 4, byte 112); save it as 'CSV UTF-8'",
    "the header lacks the required column(s) price; it must name sku, title and price, and may name quantity",
    "the file has a header row but no data rows",
)
_ROW_ERRORS = ("price has more than 2 decimals", "title is empty", "quantity is not a whole number")
_TITLES = ("Mug", "Notebook", "Lamp", "Tote bag", "Poster", "Candle", "Scarf", "Teapot")
_VENDORS_PER_PART = 500


@dataclass
class _Rows:
    staging: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)


def _job(
    context: SeedContext, rng: Random, vendor_id: int, number: int, products: list[SeededProduct]
) -> dict[str, Any]:
    now = context.now
    created = now - timedelta(days=context.size.days * (1.0 - math.sqrt(rng.random())))
    finished = created + timedelta(seconds=rng.randint(1, 30))
    job: dict[str, Any] = {
        "vendor_id": vendor_id,
        "filename": f"products-{number:03d}.csv",
        "created_at": created,
        "finished_at": finished,
        "approved_at": None,
        "error": None,
        "rows_total": 0,
        "rows_valid": 0,
        "rows_invalid": 0,
        "stock_rows_set": None,
        "approval_note": None,
    }
    if rng.random() < 0.2:
        return job | {"status": "failed", "error": rng.choice(_FILE_ERRORS)}
    approve = bool(products) and rng.random() < 0.5
    valid = min(len(products), rng.randint(1, 8)) if approve else rng.randint(3, 12)
    invalid = rng.randint(0, 2)
    approved_at = min(now, finished + timedelta(hours=rng.randint(1, 48))) if approve else None
    return job | {
        "status": "completed",
        "rows_total": valid + invalid,
        "rows_valid": valid,
        "rows_invalid": invalid,
        "approved_at": approved_at,
        "stock_rows_set": None if approved_at is None else 0,
    }


def _quantity(drawn: int, *, published: bool) -> int | None:
    """Rows of seeded approved imports carry no quantity: inventory's seeder made that stock on its
    own, and an approval that had applied them would have set it. Staged rows keep one for the demo's
    approvals to set."""
    return None if published else drawn


def _job_rows(rng: Random, job_id: int, job: dict[str, Any], products: list[SeededProduct]) -> _Rows:
    rows = _Rows()
    lines = list(range(2, job["rows_total"] + 2))
    bad = set(rng.sample(lines, job["rows_invalid"]))
    good = [line for line in lines if line not in bad]
    chosen = rng.sample(products, len(good)) if job["approved_at"] is not None else []
    for index, line in enumerate(good):
        product = chosen[index] if chosen else None
        rows.staging.append(
            {
                "job_id": job_id,
                "vendor_id": job["vendor_id"],
                "sku": f"IMP-{job_id}-{line}" if product is None else f"P-{product.id}",
                "title": f"{rng.choice(_TITLES)} {line}",
                "price_cents": rng.randint(199, 9999) if product is None else product.price_cents,
                "quantity": _quantity(rng.randint(0, 200), published=product is not None),
                "line": line,
                "status": "staged" if product is None else "published",
                "product_id": None if product is None else product.id,
            }
        )
    rows.errors.extend(
        {"job_id": job_id, "vendor_id": job["vendor_id"], "line": line, "reason": rng.choice(_ROW_ERRORS)}
        for line in sorted(bad)
    )
    return rows


def _write(context: SeedContext, part: SeedPart, products: dict[int, list[SeededProduct]]) -> int:
    jobs: list[dict[str, Any]] = []
    for vendor in context.vendors[part.start : part.stop]:
        for number in range(1, part.rng.randint(2, 4) + 1):
            jobs.append(_job(context, part.rng, vendor.id, number, products.get(vendor.id, [])))
    if not jobs:
        return 0
    statement = insert(ImportJob).returning(ImportJob.id, sort_by_parameter_order=True)
    rows = _Rows()
    for job_id, job in zip(list(part.connection.scalars(statement, jobs)), jobs, strict=True):
        more = _job_rows(part.rng, job_id, job, products.get(job["vendor_id"], []))
        rows.staging.extend(more.staging)
        rows.errors.extend(more.errors)
    part.bulk(StagingProduct, rows.staging)
    part.bulk(ImportRowError, rows.errors)
    return len(jobs)


def seed_marketplace(context: SeedContext) -> None:
    products: dict[int, list[SeededProduct]] = {}
    for product in context.products:
        products.setdefault(product.vendor_id, []).append(product)
    for part in context.parts("marketplace", total=len(context.vendors), per_part=_VENDORS_PER_PART):
        _write(context, part, products)
    for kind, model in (("import_jobs", ImportJob), ("staging_products", StagingProduct)):
        context.counts[kind] = context.read(select(func.count()).select_from(model))[0][0]

"""Catalog's figures on both dashboards, read from the ledger: how many products, how many on sale
or featured, and how many were added in the period. `ledger_keys.py` says what each key holds.
"""

from __future__ import annotations

from kernel.ledger_metrics import LedgerMetrics, Metric
from modules.catalog.ledger_keys import ACTIVE, FEATURED, PRODUCTS

__all__ = ("CATALOG_METRICS",)

CATALOG_METRICS = LedgerMetrics(
    "catalog",
    Metric("products_total", "Products", PRODUCTS, "Products, active or not", icon="package"),
    Metric("products_active", "Active products", ACTIVE, "Products on sale", icon="package"),
    Metric(
        "products_featured", "Featured products", FEATURED, "Active products marked as featured", icon="star"
    ),
    Metric(
        "new_in_period",
        "New products",
        PRODUCTS,
        "Products added in the period, active or not",
        period=True,
        icon="package-plus",
    ),
)

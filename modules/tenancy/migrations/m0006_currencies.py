"""Currencies: platforms and vendors each get a reporting `currency` (ISO 4217, EUR until someone sets
it): the currency their dashboards' published money figures are in. And the ledger's keys sort
bytewise on PostgreSQL (COLLATE "C"), as SQLite's always did: money is kept under one key per
currency (`orders.currency.USD.revenue`), and a dashboard reads all of a category's currencies as
one range of keys, which is exactly the keys with that prefix only in a bytewise order.

Existing rows are EUR, the only currency orders took until now. `tessera db upgrade` rebuilds the
ledger after migrating, which moves the orders' money under their currency's keys.

Revision ID: tenancy_0006
Revises: tenancy_0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "tenancy_0006"
down_revision = "tenancy_0005"
branch_labels = None
depends_on = None

_LEDGER = ("figure_totals", "figure_days", "figure_deltas")


def upgrade() -> None:
    for table in ("platforms", "vendors"):
        op.add_column(table, sa.Column("currency", sa.String(3), nullable=False, server_default="EUR"))
    if op.get_bind().dialect.name == "postgresql":
        for table in _LEDGER:
            op.alter_column(table, "key", type_=sa.String(64, collation="C"), existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _LEDGER:
            op.alter_column(table, "key", type_=sa.String(64), existing_nullable=False)
    for table in ("vendors", "platforms"):
        op.drop_column(table, "currency")

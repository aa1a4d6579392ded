"""Every email that ordered from a vendor becomes one of its customers, at its first order; and the
ledger gets its new key, customers with orders (`orders.customers`).

Orders find their customer since this revision (`contracts.customers`); the orders recorded before
it did not. Their emails are added as customers of their vendor, each at its first order; an email
the vendor already has as a customer is left as it is. The customers table belongs to the customers
module, which may be off or not installed: without its table there is nothing to add (the ledger
rebuild that follows its first migration adds them). `tessera db upgrade` rebuilds the ledger after
a migration, which counts the new key for the orders so far and the customers added here.

Revision ID: orders_0009
Revises: orders_0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "orders_0009"
down_revision = "orders_0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not sa.inspect(op.get_bind()).has_table("customers"):
        return
    op.execute(
        "INSERT INTO customers (vendor_id, email, created_at) "
        "SELECT o.vendor_id, o.customer_email, min(o.created_at) FROM orders o "
        "WHERE NOT EXISTS (SELECT 1 FROM customers c "
        "WHERE c.vendor_id = o.vendor_id AND c.email = o.customer_email) "
        "GROUP BY o.vendor_id, o.customer_email"
    )


def downgrade() -> None:
    """The customers added stay: from then on they are customers like any other."""

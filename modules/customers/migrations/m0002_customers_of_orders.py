"""Every email that ordered from a vendor becomes one of its customers, at its first order.

Orders find their customer since this revision (`contracts.customers`); the orders recorded before
it, or while customers was off, did not. Their emails are added as customers of their vendor, each
at its first order; an email the vendor already has as a customer is left as it is. The orders table
belongs to the orders module, which may be off or not yet migrated: without it there is nothing to
add. `tessera db upgrade` rebuilds the ledger after a migration, so the customers' figures count them.

Revision ID: customers_0002
Revises: customers_0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "customers_0002"
down_revision = "customers_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not sa.inspect(op.get_bind()).has_table("orders"):
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

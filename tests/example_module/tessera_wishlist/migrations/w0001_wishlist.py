import sqlalchemy as sa
from alembic import op

revision, down_revision = "wishlist_0001", None  # the start of the module's own history


def upgrade() -> None:
    op.create_table(
        "wishlist_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vendor_id", sa.Integer(), sa.ForeignKey("vendors.id"), nullable=False, index=True),
        sa.Column("product", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )

"""Alembic environment shared by every module: each module runs it with its own version table.

Separate version tables keep modules independent: a module added later starts its own history,
and a module deleted from disk leaves nothing behind that confuses the others' upgrades.
"""

from __future__ import annotations

from alembic import context

from kernel.persistence import module_metadata

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    # Without a module's own metadata, still name constraints by the shared convention.
    target_metadata=config.attributes.get("target_metadata") or module_metadata(),
    version_table=config.attributes["version_table"],
    render_as_batch=connection.dialect.name == "sqlite",
)

with context.begin_transaction():
    context.run_migrations()

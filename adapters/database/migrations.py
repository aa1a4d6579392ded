"""Run each enabled module's Alembic migrations, in module start order.

Tenancy's tables exist before orders' foreign keys point at them because modules are migrated in
the order the module graph gives. Each module keeps its own version table
(`alembic_version_<code>`), so histories never tangle.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from kernel.module import ModuleDefinition

__all__ = ("MigrationState", "migration_states", "script_heads", "upgrade")

_SCRIPT_LOCATION = Path(__file__).with_name("alembic")


@dataclass(frozen=True, slots=True)
class MigrationState:
    code: str
    current: str | None
    head: str | None

    @property
    def is_current(self) -> bool:
        return self.current == self.head


def _version_table(code: str) -> str:
    return f"alembic_version_{code}"


def _config(definition: ModuleDefinition, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("path_separator", "os")  # folder names may contain spaces or commas
    config.set_main_option("script_location", str(_SCRIPT_LOCATION))
    config.set_main_option("version_locations", _folder(definition.migrations))
    config.attributes["connection"] = connection
    config.attributes["version_table"] = _version_table(definition.code)
    return config


def _folder(migrations: Path | str | None) -> str:
    """A package name is resolved here, at migration time, so that a definition stays cheap to import."""
    if isinstance(migrations, str):
        return str(importlib.resources.files(migrations))
    return str(migrations)


def _with_migrations(definitions: Sequence[ModuleDefinition]) -> list[ModuleDefinition]:
    return [definition for definition in definitions if definition.migrations is not None]


def upgrade(engine: Engine, definitions: Sequence[ModuleDefinition]) -> list[MigrationState]:
    """Bring every given module to its head revision; returns where each one started."""
    before = migration_states(engine, definitions)
    for definition in _with_migrations(definitions):
        with engine.begin() as connection:
            command.upgrade(_config(definition, connection), "head")
    return before


def script_heads(definitions: Sequence[ModuleDefinition]) -> dict[str, str | None]:
    """Each module's head revision, read from its migration scripts (which loads them all: slow)."""
    return {
        definition.code: ScriptDirectory.from_config(_config(definition)).get_current_head()
        for definition in _with_migrations(definitions)
    }


def migration_states(
    engine: Engine, definitions: Sequence[ModuleDefinition], heads: Mapping[str, str | None] | None = None
) -> list[MigrationState]:
    """`heads`: from `script_heads`, when the caller keeps them (they change only with the code)."""
    heads = script_heads(definitions) if heads is None else heads
    states = []
    with engine.connect() as connection:
        for definition in _with_migrations(definitions):
            context = MigrationContext.configure(
                connection, opts={"version_table": _version_table(definition.code)}
            )
            states.append(
                MigrationState(definition.code, context.get_current_revision(), heads[definition.code])
            )
    return states

"""Is the database ready to serve: reachable, and migrated to what the enabled modules expect?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from adapters.database.migrations import migration_states
from kernel.module import ModuleDefinition

__all__ = ("DatabaseReadiness", "Readiness")


@dataclass(frozen=True, slots=True)
class Readiness:
    ready: bool
    detail: str


class DatabaseReadiness:
    def __init__(self, engine: Engine, modules: Sequence[ModuleDefinition]) -> None:
        self._engine = engine
        self._modules = modules

    def check(self) -> Readiness:
        try:
            behind = [
                state.code for state in migration_states(self._engine, self._modules) if not state.is_current
            ]
        except SQLAlchemyError as error:
            return Readiness(False, f"database unreachable: {type(error).__name__}")
        if behind:
            return Readiness(False, f"migrations pending for {', '.join(behind)}: run `tessera db upgrade`")
        return Readiness(True, "database reachable and migrated")

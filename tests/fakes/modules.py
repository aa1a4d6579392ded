"""Module definitions for tests of the module graph and of bootstrap."""

from __future__ import annotations

from typing import Any

from dependency_injector import containers, providers

from kernel.module import ModuleDefinition
from tests.fakes.providers import FixedProvider


class FixedContainer(containers.DeclarativeContainer):
    metrics_provider = providers.Singleton(FixedProvider, "extra")


def _container() -> type[Any]:
    return FixedContainer


def module(code: str, *, requires: tuple[str, ...] = (), core: bool = False) -> ModuleDefinition:
    return ModuleDefinition(
        code=code,
        name=code.title(),
        description=f"the {code} module",
        is_core=core,
        requires=requires,
        container=_container,
    )

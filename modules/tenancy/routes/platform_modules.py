"""Which modules a platform runs: listed for its admins, switched at run time without a restart."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, put
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter

from kernel.identity import Principal
from modules.tenancy.module_switches import PlatformModuleService
from modules.tenancy.routes.params import PathId
from modules.tenancy.schemas import ModuleSwitch, PlatformModuleOut, PlatformModulesOut

__all__ = ("PlatformModuleController",)

ModuleCode = Annotated[str, PathParameter(pattern=r"^[a-z][a-z0-9_]{0,39}$", description="A module's code")]


class PlatformModuleController(Controller):
    path = "/admin/platforms/{platform_id:int}/modules"
    tags = ["platforms"]

    @get("/", summary="A platform's modules", sync_to_thread=True)
    def list_modules(
        self,
        platform_id: PathId,
        principal: NamedDependency[Principal],
        module_switches: NamedDependency[PlatformModuleService],
    ) -> PlatformModulesOut:
        """Every installed module with its state on this platform and what it requires
        (super_admin, or this platform's admin)."""
        return module_switches.states(principal, platform_id)

    @put("/{code:str}", summary="Switch a module on or off for a platform", sync_to_thread=True)
    def switch_module(
        self,
        platform_id: PathId,
        code: ModuleCode,
        data: JSONBody[ModuleSwitch],
        principal: NamedDependency[Principal],
        module_switches: NamedDependency[PlatformModuleService],
    ) -> PlatformModuleOut:
        """Switch an optional module on or off for this platform only; 409 names what is in the way."""
        return module_switches.switch(principal, platform_id, code, data.enabled)

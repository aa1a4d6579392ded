"""The platform's module switches, for its admins: every module with its state, one button each.

The page calls the same service as `PUT /api/v1/admin/platforms/{id}/modules/{code}`, so what the
API refuses (a core module, a module another one needs) is refused here with the same sentence.
"""

from __future__ import annotations

from typing import Any

from anyio import to_thread
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.response import Redirect, Template

from adapters.http.dashboard_params import requested_platform
from adapters.http.scopes import provide_principal
from adapters.web.page_services import PageServices
from adapters.web.params import PlatformChoice
from kernel.errors import ConflictError, InvalidInputError, NotFoundError
from kernel.identity import Role

__all__ = ("ModulePages",)

_SWITCH = {"on": True, "off": False}


class ModulePages(Controller):
    include_in_schema = False

    @get("/admin/modules")
    async def modules_page(
        self,
        request: Request[Any, Any, Any],
        pages: NamedDependency[PageServices],
        module_switches: NamedDependency[Any],
        platform_id: PlatformChoice = None,
    ) -> Template:
        return await _page(request, pages, module_switches, platform_id)

    @post("/admin/modules", status_code=303)
    async def switch(
        self,
        request: Request[Any, Any, Any],
        pages: NamedDependency[PageServices],
        module_switches: NamedDependency[Any],
        platform_id: PlatformChoice = None,
    ) -> Redirect | Template:
        principal = provide_principal(request)
        target = requested_platform(request, platform_id)
        form = await request.form()
        code, state = str(form.get("code") or ""), str(form.get("enabled") or "")
        try:
            if state not in _SWITCH:
                raise InvalidInputError("enabled", "choose on or off")
            await to_thread.run_sync(module_switches.switch, principal, target, code, _SWITCH[state])
        except (ConflictError, InvalidInputError, NotFoundError) as refused:
            status = 409 if isinstance(refused, ConflictError) else 400
            return await _page(request, pages, module_switches, platform_id, str(refused), status)
        suffix = f"?platform_id={platform_id}" if platform_id is not None else ""
        return Redirect(f"/admin/modules{suffix}", status_code=303)


async def _page(
    request: Request[Any, Any, Any],
    pages: PageServices,
    module_switches: Any,
    platform_id: int | None,
    message: str = "",
    status: int = 200,
) -> Template:
    principal = provide_principal(request)
    target = requested_platform(request, platform_id)
    platform = await pages.platform_ref(target)
    states = await to_thread.run_sync(module_switches.states, principal, target)
    platforms = await pages.platforms(principal, platform) if principal.role is Role.SUPER_ADMIN else []
    context = {
        "platform": platform,
        "modules": states.modules,
        "principal": principal,
        "message": message,
        "platforms": platforms,
        "platform_id": target,
        "chosen": platform_id,
    }
    return Template("modules.html", context=context, status_code=status)

"""Everything the app factory adds for the pages, in one place: routes, templates, static files,
the session cookie and CSRF protection. Pages need the core module (its sign-in and switches);
a container without it serves the API alone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anyio import to_thread
from litestar.di import Provide
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from adapters.container import Container
from adapters.http.thread_pools import ThreadPools
from adapters.web.csrf import csrf_middleware
from adapters.web.dashboard_pages import DashboardPages
from adapters.web.export_pages import ExportPages
from adapters.web.forms import PageFormMiddleware
from adapters.web.jinja import ENVIRONMENT
from adapters.web.module_pages import ModulePages
from adapters.web.page_services import PageServices
from adapters.web.session_cookie import SessionCookieMiddleware
from adapters.web.sign_in import SignInController
from contracts.cache_only import CacheMissError, cache_only
from kernel.access import require_role
from kernel.identity import Principal, Role

__all__ = ("PageAppConfig", "page_app_config")

_HERE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class PageAppConfig:
    route_handlers: list[Any]
    dependencies: dict[str, Provide]
    templates: TemplateConfig[JinjaTemplateEngine]
    outer_middleware: list[Any]
    """Before the JWT middleware: the form check, then the cookie handed over as the token."""
    inner_middleware: list[Any]
    """Last, next to the handler (where Litestar's `csrf_config` would put it): the CSRF check."""


def _templates() -> TemplateConfig[JinjaTemplateEngine]:
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(ENVIRONMENT))


def page_app_config(container: Container, pools: ThreadPools) -> PageAppConfig | None:
    if "tenancy" not in container.providers:
        return None
    tenancy = container.tenancy
    pages = PageServices(container, pools, _platform_list(tenancy))
    auth = container.settings().auth
    return PageAppConfig(
        route_handlers=[
            SignInController,
            DashboardPages,
            ExportPages,
            ModulePages,
            create_static_files_router(
                "/static", [_HERE / "static"], opt={"exclude_from_auth": True}, include_in_schema=False
            ),
        ],
        dependencies=_dependencies(container, pages),
        templates=_templates(),
        outer_middleware=[PageFormMiddleware(), SessionCookieMiddleware()],
        inner_middleware=[csrf_middleware(auth.jwt_secret, auth.secure_cookies)],
    )


def _dependencies(container: Container, pages: PageServices) -> dict[str, Provide]:
    """Each read from the container at request time, so an override in a test reaches the pages."""

    def provide_pages() -> PageServices:
        return pages

    def provide_user_service() -> Any:
        return container.tenancy.user_service()

    def provide_module_switches() -> Any:
        return container.tenancy.module_switches()

    def provide_token_issuer() -> Any:
        return container.token_issuer()

    def provide_secure_cookies() -> bool:
        return bool(container.settings().auth.secure_cookies)

    return {
        "pages": Provide(provide_pages, sync_to_thread=False),
        "user_service": Provide(provide_user_service, sync_to_thread=False),
        "module_switches": Provide(provide_module_switches, sync_to_thread=False),
        "token_issuer": Provide(provide_token_issuer, sync_to_thread=False),
        "secure_cookies": Provide(provide_secure_cookies, sync_to_thread=False),
    }


def _platform_list(tenancy: Any) -> Any:
    """The platforms a super admin picks from (the first 200, by id), from the tenant directory's
    cache: the picker is on every admin page view, and platforms change rarely (every process drops
    it when any of them creates or changes a platform). Answered on the event loop from the cache;
    a worker thread only on a miss (the hand-over cost more than the look-up)."""

    async def platforms(principal: Principal) -> list[Any]:
        require_role(principal, Role.SUPER_ADMIN)
        directory = tenancy.tenant_directory()
        try:
            with cache_only():
                return list(directory.platforms(200))
        except CacheMissError:
            return list(await to_thread.run_sync(directory.platforms, 200))

    return platforms

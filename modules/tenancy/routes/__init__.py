"""Tenancy's HTTP routes, handed their services by the module's own container.

Handlers also receive, by name, what the HTTP adapter offers every module: `principal` (the
signed-in user) and `platform_context` (the platform the request came through, if any).
"""

from __future__ import annotations

from typing import Any

from litestar import Router
from litestar.di import Provide

from contracts.security import TokenIssuer
from modules.tenancy.module_switches import PlatformModuleService
from modules.tenancy.platform_service import PlatformService
from modules.tenancy.routes.auth import AuthController
from modules.tenancy.routes.platform_modules import PlatformModuleController
from modules.tenancy.routes.platforms import PlatformController
from modules.tenancy.routes.users import UserController, VendorUserController
from modules.tenancy.routes.vendors import VendorController
from modules.tenancy.user_service import UserService
from modules.tenancy.vendor_service import VendorService

__all__ = ("build_routes",)


def build_routes(services: Any) -> list[Router]:
    """`services` is the built `TenancyContainer`; each provider is read per request, so overrides apply."""

    def provide_platform_service() -> PlatformService:
        return services.platform_service()  # type: ignore[no-any-return]

    def provide_vendor_service() -> VendorService:
        return services.vendor_service()  # type: ignore[no-any-return]

    def provide_user_service() -> UserService:
        return services.user_service()  # type: ignore[no-any-return]

    def provide_module_switches() -> PlatformModuleService:
        return services.module_switches()  # type: ignore[no-any-return]

    def provide_token_issuer() -> TokenIssuer:
        return services.token_issuer()  # type: ignore[no-any-return]

    return [
        Router(
            path="/api/v1",
            route_handlers=[
                AuthController,
                PlatformController,
                PlatformModuleController,
                VendorController,
                UserController,
                VendorUserController,
            ],
            dependencies={
                "platform_service": Provide(provide_platform_service, sync_to_thread=False),
                "vendor_service": Provide(provide_vendor_service, sync_to_thread=False),
                "user_service": Provide(provide_user_service, sync_to_thread=False),
                "module_switches": Provide(provide_module_switches, sync_to_thread=False),
                "token_issuer": Provide(provide_token_issuer, sync_to_thread=False),
            },
        )
    ]

"""The CMS routes, handed their services by the module's own container.

Vendor routes take the vendor from `current_vendor_id` (the HTTP adapter refuses non-vendor roles);
the platform's own pages take the signed-in `principal` and check its access to the platform.
"""

from __future__ import annotations

from typing import Any

from litestar import Router
from litestar.di import Provide

from modules.cms.media_service import MediaService
from modules.cms.page_service import PageService
from modules.cms.routes.media import MediaController
from modules.cms.routes.pages import PlatformPageController, VendorPageController
from modules.cms.routes.themes import ThemeController
from modules.cms.theme_service import ThemeService

__all__ = ("build_routes",)


def build_routes(services: Any) -> list[Router]:
    """`services` is the built `CmsContainer`; each provider is read per request, so overrides apply."""

    def provide_page_service() -> PageService:
        return services.page_service()  # type: ignore[no-any-return]

    def provide_media_service() -> MediaService:
        return services.media_service()  # type: ignore[no-any-return]

    def provide_theme_service() -> ThemeService:
        return services.theme_service()  # type: ignore[no-any-return]

    return [
        Router(
            path="/",
            route_handlers=[VendorPageController, PlatformPageController, MediaController, ThemeController],
            dependencies={
                "page_service": Provide(provide_page_service, sync_to_thread=False),
                "media_service": Provide(provide_media_service, sync_to_thread=False),
                "theme_service": Provide(provide_theme_service, sync_to_thread=False),
            },
        )
    ]

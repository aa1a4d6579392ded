"""The signed-in vendor's themes, and which one its storefront uses."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from modules.cms.routes.params import DEFAULT_LIMIT, Limit, Offset, PathId
from modules.cms.schemas import ThemeCreate, ThemeOut, ThemePage
from modules.cms.theme_service import ThemeService

__all__ = ("ThemeController",)


class ThemeController(Controller):
    path = "/api/v1/vendor/cms/themes"
    tags = ["cms"]

    @post("/", summary="Create a theme", sync_to_thread=True)
    def create_theme(
        self,
        data: JSONBody[ThemeCreate],
        current_vendor_id: NamedDependency[int],
        theme_service: NamedDependency[ThemeService],
    ) -> ThemeOut:
        """Create a theme; created active, it replaces the vendor's active theme."""
        return theme_service.create(current_vendor_id, data)

    @get("/", summary="List the vendor's themes", sync_to_thread=True)
    def list_themes(
        self,
        current_vendor_id: NamedDependency[int],
        theme_service: NamedDependency[ThemeService],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> ThemePage:
        """The vendor's themes, newest first."""
        return theme_service.list(current_vendor_id, limit=limit, offset=offset)

    @post("/{theme_id:int}/activate", summary="Activate a theme", status_code=200, sync_to_thread=True)
    def activate_theme(
        self,
        theme_id: PathId,
        current_vendor_id: NamedDependency[int],
        theme_service: NamedDependency[ThemeService],
    ) -> ThemeOut:
        """Make this theme the active one, switching the previous one off; another vendor's is a 404."""
        return theme_service.activate(current_vendor_id, theme_id)

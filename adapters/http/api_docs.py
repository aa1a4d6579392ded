"""The interactive API docs, served whole by the app itself so that `/schema/swagger` works offline.

Litestar's Swagger page loads Swagger UI's script, style sheet and a favicon from a CDN: without
network it is blank. Here those files come from the installed `swagger-ui-py` package and are
served under `/schema/swagger-ui/`, which the auth middleware already treats as public (`/schema`).

Why `swagger-ui-py` and not `swagger-ui-bundle`: the newest `swagger-ui-bundle` (1.1.0) ships
Swagger UI 4.15.5, which renders OpenAPI 3.0 only and answers Litestar's 3.1 document with "Unable
to render this definition". `swagger-ui-py` 25.7.1 ships Swagger UI 5.25.3 (Apache-2.0). Only its
static files are used, found without importing the package, so none of its Python code runs here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from litestar import Router
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router

__all__ = ("ASSETS_PATH", "swagger_assets", "swagger_ui")

ASSETS_PATH = "/schema/swagger-ui"
_DISTRIBUTION = "swagger-ui-py"


def swagger_ui() -> SwaggerRenderPlugin:
    """The Swagger page at `/schema/swagger`, every file it loads named by a path of this app."""
    return SwaggerRenderPlugin(
        js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
        css_url=f"{ASSETS_PATH}/swagger-ui.css",
        standalone_preset_js_url=f"{ASSETS_PATH}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{ASSETS_PATH}/favicon-32x32.png'>",
    )


def swagger_assets() -> Router:
    """Serve Swagger UI's files from the installed package; left out of the OpenAPI document."""
    return create_static_files_router(path=ASSETS_PATH, directories=[_static_directory()], name="swagger-ui")


def _static_directory() -> Path:
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or spec.origin is None:
        raise RuntimeError(f"Swagger UI's files are missing. Fix: pip install {_DISTRIBUTION}")
    return Path(spec.origin).parent / "static"

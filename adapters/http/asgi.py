"""Entry point for ASGI servers: `uvicorn --factory adapters.http.asgi:app_from_environment`.

Settings come from `$TESSERA_SETTINGS` (or ./settings.yaml) and `TESSERA_*` variables, which is how
`tessera serve --workers N` hands them to each worker process.
"""

from __future__ import annotations

from litestar import Litestar

from adapters.bootstrap import bootstrap
from adapters.http.app import create_app
from adapters.settings_file import load_settings

__all__ = ("app_from_environment",)


def app_from_environment() -> Litestar:
    return create_app(bootstrap(load_settings()))

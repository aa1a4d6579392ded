"""Entry point for ASGI servers: `uvicorn --factory adapters.http.asgi:app_from_environment`.

Settings come from `$TESSERA_SETTINGS` (or ./settings.yaml) and `TESSERA_*` variables, which is how
`tessera serve --workers N` hands them to each worker process. Each sets up its logging here, from
the settings' `logging` section, since a worker process starts with none.
"""

from __future__ import annotations

from litestar import Litestar

from adapters.bootstrap import bootstrap
from adapters.http.app import create_app
from adapters.logs.configuration import configure_logging
from adapters.settings_file import load_settings

__all__ = ("app_from_environment",)


def app_from_environment() -> Litestar:
    loaded = load_settings()
    configure_logging(loaded.settings.logging)
    return create_app(bootstrap(loaded))

"""Entry points for ASGI servers: the app of some settings, or of the environment's.

`tessera serve` hands each worker `app_from_settings` with the settings it read (adapters/http/
server.py). Any other ASGI server can run the app from `$TESSERA_SETTINGS` (or ./settings.yaml) and
`TESSERA_*` variables, e.g. `granian --interface asgi --factory adapters.http.asgi:app_from_environment`
or `uvicorn --factory adapters.http.asgi:app_from_environment`; the limits on clients in `server.*`
are then that server's to set (README, "Operating Tessera"). Each worker sets up its logging
here, from the settings' `logging` section, since a worker process starts with none.
"""

from __future__ import annotations

from litestar import Litestar

from adapters.bootstrap import bootstrap
from adapters.http.app import create_app
from adapters.http.startup_heap import freeze_startup_heap
from adapters.logs.configuration import configure_logging
from adapters.settings_file import LoadedSettings, load_settings

__all__ = ("app_from_environment", "app_from_settings")


def app_from_settings(loaded: LoadedSettings) -> Litestar:
    """A served worker's app: its start-up heap is frozen once it has started and again once warm
    (`startup_heap` says why; in-process apps, as tests build them, are left alone)."""
    configure_logging(loaded.settings.logging)
    app = create_app(bootstrap(loaded), warmed=freeze_startup_heap)
    app.on_startup.append(freeze_startup_heap)
    return app


def app_from_environment() -> Litestar:
    return app_from_settings(load_settings())

"""Tessera's real app with the naive providers in place of the modules' own, run one after another.

    granian --interface asgi --factory bench.naive_app:create --workers 2

Built the way `tessera serve --workers N` builds each worker's app (settings, `bootstrap`,
`create_app`; here from the environment), so the only differences from Tessera are the providers and
`metrics.max_workers: 1`: everything else a request pays for (auth, tenant context, serialisation)
is the same.
"""

from __future__ import annotations

import os

from dependency_injector import providers
from litestar import Litestar

from adapters.bootstrap import bootstrap
from adapters.http.app import create_app
from adapters.settings_file import load_settings
from bench.naive import naive_providers
from kernel.metrics_batch import OneProvider

__all__ = ("create",)


def create() -> Litestar:
    """The naive dashboard asks its providers in turn on one thread, as a plain loop would."""
    environ = {**os.environ, "TESSERA_METRICS__MAX_WORKERS": "1"}
    container = bootstrap(load_settings(environ=environ))
    categories = [m.metrics_category for m in container.enabled_modules() if m.metrics_category is not None]
    naive = [OneProvider(provider) for provider in naive_providers(categories)]
    container.metrics_batches.override(providers.Object(naive))
    return create_app(container)

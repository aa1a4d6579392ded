"""The app factory: a Litestar app built from a bootstrapped container, and nothing else.

Every service reaches Litestar through a small provider function registered with `Provide`, each
reading the container at request time, so a test that overrides a provider sees the override.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import Litestar, Router
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.routes import HTTPRoute

from adapters.container import Container
from adapters.database.engine import warm_up
from adapters.database.readiness import ReadinessProbe
from adapters.http.api_docs import swagger_assets, swagger_ui
from adapters.http.arrival import ArrivalMiddleware
from adapters.http.body_deadline import BodyDeadlineMiddleware
from adapters.http.dashboard import CSV_OPT, DashboardController, Dashboards
from adapters.http.errors import exception_handlers
from adapters.http.health import health, ready
from adapters.http.openapi import document_csv, document_errors, document_public
from adapters.http.request_checks import check_request
from adapters.http.scopes import (
    provide_current_vendor_id,
    provide_platform_context,
    provide_principal,
    provide_tenant_context,
    provide_vendor_context,
)
from adapters.http.strict_json import StrictJSONRequest
from adapters.http.struct_schemas import ExactStructSchemaPlugin
from adapters.http.tenant_context import TenantContextMiddleware
from adapters.http.tenant_rule import MODULE_OPT, tenant_rule
from adapters.http.thread_pools import ThreadPools
from adapters.http.tokens import JwtTokens
from adapters.ledger import fold_ledger
from adapters.ledger_folder import LedgerFolder
from adapters.prometheus.access import ScrapeAccess
from adapters.prometheus.requests import RequestMetrics
from adapters.prometheus.route import Scrapes, metrics
from adapters.web.page_errors import html_on_pages
from adapters.web.routes import page_app_config
from contracts.module_switches import ModuleSwitches
from kernel.module import ModuleDefinition
from kernel.settings import Settings

__all__ = ("create_app",)

VERSION = "0.1.0"
MAX_BODY_BYTES = 1_000_000
"""Every JSON body fits (a page's 100,000 characters, each escaped, is 600 KB); a larger one is a
413 before it is read whole. Routes that take files set their own (the marketplace's 5 MB)."""


def _module_routes(container: Container) -> list[Any]:
    """Each enabled module's routes; an optional module's marked with its code, for the tenant rule
    to answer 404 on a platform that switched it off."""
    routers: list[Any] = []
    definitions: list[ModuleDefinition] = container.enabled_modules()
    for definition in definitions:
        if definition.routes is None:
            continue
        handlers = list(definition.routes()(getattr(container, definition.code)()))
        if definition.is_core:
            routers.extend(handlers)
        else:
            routers.append(Router(path="/", route_handlers=handlers, opt={MODULE_OPT: definition.code}))
    return routers


def _dependencies(container: Container, pools: ThreadPools) -> dict[str, Provide]:
    def provide_dashboards() -> Dashboards:
        return Dashboards(
            container.dashboard_service(), container.dashboard_series(), container.tenant_directory(), pools
        )

    def provide_readiness() -> ReadinessProbe:
        return container.readiness_probe()

    scrapes = Scrapes(ScrapeAccess(container.settings().prometheus), container.prometheus())

    def provide_scrapes() -> Scrapes:
        return scrapes

    return {
        "dashboards": Provide(provide_dashboards, sync_to_thread=False),
        "readiness": Provide(provide_readiness, sync_to_thread=False),
        "scrapes": Provide(provide_scrapes, sync_to_thread=False),
        "principal": Provide(provide_principal, sync_to_thread=False),
        "tenant_context": Provide(provide_tenant_context, sync_to_thread=False),
        "platform_context": Provide(provide_platform_context, sync_to_thread=False),
        "vendor_context": Provide(provide_vendor_context, sync_to_thread=False),
        "current_vendor_id": Provide(provide_current_vendor_id, sync_to_thread=False),
    }


def create_app(container: Container, warmed: Callable[[], None] = lambda: None) -> Litestar:
    """`warmed` runs on a dashboard thread once the background warm-up is done."""

    def release_resources() -> None:
        """Dispose of the engine and stop the aggregator's worker threads."""
        container.shutdown_resources()

    tokens = container.tokens()
    settings = container.settings()
    pools = _thread_pools(settings)
    folding = _ledger_folding(container, settings)
    notices = container.change_notices()
    listening = container.change_listener()  # PostgreSQL's; SQLite's changes are read per request
    replica = container.replica_monitor()  # with `database.read_url` only
    pages = page_app_config(container, pools)
    app = Litestar(
        route_handlers=[
            health,
            ready,
            metrics,
            Router(path="/", route_handlers=[DashboardController]),
            *_module_routes(container),
            swagger_assets(),
            *(pages.route_handlers if pages else []),
        ],
        dependencies=_dependencies(container, pools) | (pages.dependencies if pages else {}),
        middleware=[
            ArrivalMiddleware(),
            BodyDeadlineMiddleware(settings.server.body_timeout_s),
            *(pages.outer_middleware if pages else []),
            tokens.middleware,
            TenantContextMiddleware(
                container.tenant_directory(),
                settings.platform.default,
                _module_switches(container),
                catch_up=notices.catch_up,
            ),
            *(pages.inner_middleware if pages else []),
        ],
        guards=[tenant_rule],
        exception_handlers=html_on_pages(exception_handlers()) if pages else exception_handlers(),
        template_config=pages.templates if pages else None,
        before_request=check_request,
        request_class=StrictJSONRequest,
        request_max_body_size=MAX_BODY_BYTES,
        plugins=[ExactStructSchemaPlugin()],
        openapi_config=OpenAPIConfig(
            title="Tessera",
            version=VERSION,
            description="A modular commerce platform: every module feeds the dashboards; none is required.",
            path="/schema",
            render_plugins=[swagger_ui()],
            use_handler_docstrings=True,  # a handler's docstring is its operation's description
            components=[tokens.openapi_components],
            security=[tokens.auth.security_requirement],
        ),
        on_startup=[
            pools.start,
            lambda: pools.in_background(lambda: _warm_up(container, warmed)),
            *([folding.start] if folding else []),
            *([listening.start] if listening else []),
            *([replica.start] if replica else []),
        ],
        on_shutdown=[
            *([replica.stop] if replica else []),
            *([listening.stop] if listening else []),
            *([folding.stop] if folding else []),
            pools.stop,
            release_resources,
        ],
        logging_config=None,  # the process's logging is set up in one place: adapters/logs
        debug=False,
    )
    # Around Litestar's exception handling and router, not as a middleware: middleware runs only
    # once a route matched, and requests no route matches must be counted too (requests.py).
    app.asgi_handler = RequestMetrics(app.asgi_handler, container.process_metrics())
    document_errors(app.openapi_schema)
    document_public(app.openapi_schema, _public_operations(app, tokens))
    document_csv(app.openapi_schema, _csv_operations(app))
    return app


def _warm_up(container: Container, warmed: Callable[[], None]) -> None:
    """Off the startup path: the first dashboard and the first `/ready` should not spend their budget
    on a first connect or on loading the migration scripts."""
    container.readiness().prepare()
    warm_up(container.metrics_engine())
    if (replica := container.replica_engine()) is not None:
        warm_up(replica)
    warmed()


def _thread_pools(settings: Settings) -> ThreadPools:
    """Request threads: one per pooled connection (pool and overflow). Dashboard threads: twice the
    aggregator's workers, so a burst of dashboards waits in the aggregator's queue, where each one's
    budget runs and what did not start in time is left out, not for a thread, where it would not."""
    return ThreadPools(
        request_threads=2 * settings.database.pool_size, dashboard_threads=2 * settings.metrics.max_workers
    )


def _ledger_folding(container: Container, settings: Settings) -> LedgerFolder | None:
    """Folds the ledger in the background, unless no module keeps one or it is switched off."""
    if "ledger" not in container.providers or settings.ledger.fold_interval_ms == 0:
        return None
    return LedgerFolder(lambda: fold_ledger(container), settings.ledger.fold_interval_ms / 1000)


def _module_switches(container: Container) -> ModuleSwitches | None:
    """The core module offers the switches; a container built from test modules may have none."""
    return container.module_switches() if "module_switches" in container.providers else None


def _csv_operations(app: Litestar) -> set[tuple[str, str]]:
    """`(path, method)` of every operation that also answers `text/csv`."""
    return {
        (route.path_format, method.lower())
        for route in app.routes
        if isinstance(route, HTTPRoute)
        for handler in route.route_handlers
        if handler.opt.get(CSV_OPT)
        for method in handler.http_methods
    }


def _public_operations(app: Litestar, tokens: JwtTokens) -> set[tuple[str, str]]:
    """`(path, method)` of every operation the auth middleware lets through without a token."""
    return {
        (route.path_format, method.lower())
        for route in app.routes
        if isinstance(route, HTTPRoute)
        for handler in route.route_handlers
        if tokens.is_public(route.path_format, handler.opt)
        for method in handler.http_methods
    }

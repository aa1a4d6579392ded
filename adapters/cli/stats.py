"""`tessera stats`: a dashboard in the terminal, or as the API's JSON with `--json`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Literal

import click
import msgspec
from rich.console import Console
from rich.table import Table

from adapters.cli.context import CliState, pass_state
from adapters.dashboards.schemas import PlatformDashboardOut, VendorDashboardOut
from adapters.dashboards.service import PeriodQuery
from contracts.tenancy import PlatformRef, VendorRef
from kernel.errors import NotFoundError
from kernel.metrics import MetricValue

__all__ = ("stats",)

_TRENDS = {"up": "▲", "down": "▼", "stable": "="}


def _value(metric: MetricValue) -> str:
    if metric.unit == "cents" and isinstance(metric.value, int):
        euros, cents = divmod(metric.value, 100)
        return f"€{euros:,}.{cents:02d}"
    if isinstance(metric.value, float):
        return f"{metric.value:,.1f}%" if metric.unit == "%" else f"{metric.value:,.2f}"
    return f"{metric.value:,}" if isinstance(metric.value, int) else str(metric.value)


def _trend(metric: MetricValue) -> str:
    if metric.trend is None:
        return ""
    value = "" if metric.trend_value is None else f" {metric.trend_value:+.1f}%"
    return f"{_TRENDS[metric.trend]}{value}"


def _print(title: str, dashboard: VendorDashboardOut | PlatformDashboardOut) -> None:
    period = dashboard.period
    table = Table(
        title=f"{title} · {period.date_from} → {period.date_to} ({period.name}, {dashboard.timezone} days)"
    )
    for column in ("category", "metric", "value", "trend", "key"):
        table.add_column(column, justify="right" if column in ("value", "trend") else "left")
    for category, metrics in dashboard.categories.items():
        for metric in metrics:
            table.add_row(category, metric.label, _value(metric), _trend(metric), metric.key)
    console = Console()
    if not console.is_terminal:  # piped or captured: never cut the keys short
        console = Console(width=160)
    console.print(table)
    if dashboard.unavailable:
        console.print(f"[yellow]unavailable: {', '.join(dashboard.unavailable)}[/yellow]")


def _period_options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--period", default=None, help="e.g. 7d, 30d (the default), 90d, 12m; not with --from"),
        click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), default=None),
        click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), default=None),
        click.option("--trends", is_flag=True, help="Compare with the previous period."),
        click.option("--json", "as_json", is_flag=True, help="Print the API's JSON."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _query(
    period: str | None, date_from: datetime | None, date_to: datetime | None, trends: bool
) -> PeriodQuery:
    def day(value: datetime | None) -> date | None:
        return value.date() if value is not None else None

    return PeriodQuery(period, day(date_from), day(date_to), trends)


@click.group()
def stats() -> None:
    """Dashboards in the terminal."""


def _dashboard_command(scope: Literal["vendor", "platform"]) -> click.Command:
    """`tessera stats vendor SLUG` and `tessera stats platform SLUG`: one command per scope."""

    @click.command(scope, help=f"One {scope}'s dashboard, with every module on for the platform.")
    @click.argument("slug")
    @_period_options
    @pass_state
    def command(
        state: CliState,
        slug: str,
        period: str | None,
        date_from: datetime | None,
        date_to: datetime | None,
        trends: bool,
        as_json: bool,
        platform: str | None = None,
    ) -> None:
        query = _query(period, date_from, date_to, trends)
        container = state.container()
        dashboard: VendorDashboardOut | PlatformDashboardOut
        try:
            directory, service = container.tenant_directory(), container.dashboard_service()
            if scope == "platform":
                dashboard = service.platform(
                    _found(directory.platform_by_slug(slug), "platform", slug), query
                )
            else:
                vendor_id = _found(directory.vendor_by_slug(slug), "vendor", slug)
                seen_from = (
                    _found(directory.platform_by_slug(platform), "platform", platform) if platform else None
                )
                dashboard = service.vendor(vendor_id, query, seen_from)
        finally:
            container.shutdown_resources()
        if as_json:
            click.echo(msgspec.json.format(msgspec.json.encode(dashboard)).decode())
        else:
            _print(f"{scope} {slug}", dashboard)

    if scope == "vendor":
        command = click.option(
            "--platform", default=None, help="Seen through this platform (slug): its module switches apply."
        )(command)
    return command


def _found(tenant: PlatformRef | VendorRef | None, kind: str, slug: str) -> int:
    if tenant is None:
        raise NotFoundError(f"no {kind} with slug '{slug}'")
    return tenant.id


stats.add_command(_dashboard_command("vendor"))
stats.add_command(_dashboard_command("platform"))

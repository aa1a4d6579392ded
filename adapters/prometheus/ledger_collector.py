"""Read at scrape time: every platform's all-time figures and the fold's backlog.

Counted in a process, these would differ between granian's workers and restart from nothing with
each; read from the ledger when Prometheus asks, every worker answers the same numbers, and none
keeps any. Three statements a scrape, whatever the number of platforms, vendors or orders:
every platform's module switches (`EveryPlatformSwitches`), every platform's totals of every ledger
category's keys (`LedgerCensus.platforms`), and the backlog (`LedgerCensus.backlog`).

Which figures: for each platform, the categories of the modules on for it (the same switches its
dashboard obeys, read for every platform at once), and of each category's table the figures that
are no period's sum, as the platform dashboard shows them (`LedgerMetrics.all_time`): totals, and
levels such as orders awaiting payment. A period's sum is left out: Prometheus keeps the history
and takes rates of the totals itself (`rate(tessera_figure{key="orders.total_orders"}[1d])`).
Labels are bounded by the operators' platforms and the modules' tables: `platform` (its slug),
`category`, `key` (the dashboard's key), and for money `currency`; never a vendor or a customer. Money is in
`tessera_money_minor_units` apart from counts, so no one sums cents and counts in one query.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.orm import Session

from adapters.database.outages import OUTAGES
from contracts.ledger_census import FoldBacklog, LedgerCensus, PlatformTotals
from contracts.module_switches import EveryPlatformSwitches
from kernel.contracts.ledger import LedgerReading
from kernel.ledger_metrics import LedgerMetrics

__all__ = ("LedgerCollector",)

logger = logging.getLogger("tessera.prometheus")


class LedgerCollector(Collector):
    def __init__(
        self,
        sessions: Callable[[], Session],
        census: LedgerCensus,
        tables: Sequence[LedgerMetrics],
        categories: Mapping[str, str],
        switches: EveryPlatformSwitches | None = None,
    ) -> None:
        """`categories`: each enabled module's code and its metrics category."""
        self._sessions = sessions
        self._census = census
        self._tables = tuple(tables)
        self._categories = dict(categories)
        self._switches = switches
        self._keys = sorted({key for table in self._tables for key in table.keys})
        self._prefixes = sorted({prefix for table in self._tables for prefix in table.prefixes})

    def describe(self) -> Iterator[GaugeMetricFamily]:
        """The families without samples. Registering a collector in a registry that describes itself
        calls this, or else `collect`: that would read the whole ledger when the app is built, and
        fail it on a database not yet migrated."""
        yield _up()
        yield from _backlog(None)
        yield from _figure_families()

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = _up()
        try:
            with self._sessions() as db:
                switched = None if self._switches is None else self._switches.every_platform(db)
                platforms = self._census.platforms(db, self._keys, self._prefixes)
                backlog = self._census.backlog(db)
        except OUTAGES as error:
            logger.warning("a scrape could not read the ledger: %s", str(error).partition("\n")[0])
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from _backlog(backlog)
        yield from self._figures(platforms, switched)

    def _figures(
        self, platforms: list[PlatformTotals], switched: Mapping[int, frozenset[str]] | None
    ) -> Iterator[GaugeMetricFamily]:
        counts, money = _figure_families()
        for platform in platforms:
            reading = LedgerReading(totals=platform.totals)
            codes = None if switched is None else switched.get(platform.platform_id)
            for table in self._on_for(codes):
                category = table.metrics_category
                for figure in table.all_time("platform", reading, platform.currency):
                    if isinstance(figure.value, bool) or not isinstance(figure.value, int | float):
                        continue  # a figure in words has no number to export
                    if figure.currency is not None:
                        money.add_metric([platform.slug, category, figure.key, figure.currency], figure.value)
                    else:
                        counts.add_metric([platform.slug, category, figure.key], figure.value)
        yield counts
        yield money

    def _on_for(self, codes: frozenset[str] | None) -> list[LedgerMetrics]:
        """The tables of the modules on for a platform, as its dashboard asks them. None (no switches,
        or a platform made between the two reads, so with none of its own): every enabled module's."""
        if codes is None:
            return list(self._tables)
        on = {category for code, category in self._categories.items() if code in codes}
        return [table for table in self._tables if table.metrics_category in on]


def _up() -> GaugeMetricFamily:
    return GaugeMetricFamily(
        "tessera_ledger_up", "1 when this scrape read the ledger; 0 when the database did not answer"
    )


def _figure_families() -> tuple[GaugeMetricFamily, GaugeMetricFamily]:
    """Counts, and money apart from them."""
    labels = ["platform", "category", "key"]
    counts = GaugeMetricFamily(
        "tessera_figure", "A platform's all-time figure, as its dashboard shows it", labels=labels
    )
    money = GaugeMetricFamily(
        "tessera_money_minor_units",
        "A platform's all-time money figure, in minor units of its currency (cents of EUR)",
        labels=[*labels, "currency"],
    )
    return counts, money


def _backlog(backlog: FoldBacklog | None) -> Iterator[GaugeMetricFamily]:
    """The backlog's families, with its values; None: their skeletons, both."""
    yield GaugeMetricFamily(
        "tessera_ledger_unfolded_deltas",
        "Changes written and not yet folded into the ledger's rows (ledger.fold_interval_ms)",
        value=None if backlog is None else backlog.deltas,
    )
    if backlog is None or backlog.oldest_id is not None:
        yield GaugeMetricFamily(
            "tessera_ledger_oldest_unfolded_delta_id",
            "Id of the oldest change not yet folded: while it stays put with changes waiting, "
            "no process is folding",
            value=None if backlog is None else backlog.oldest_id,
        )

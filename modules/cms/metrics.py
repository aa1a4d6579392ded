"""CMS figures for a vendor or a platform, from the figures ledger: pages, published pages, media
and themes. A platform counts the pages, media and themes of the vendors active on it, plus the
pages it owns itself; `modules/cms/figures.py` says what the ledger holds.

Media sizes are summed as integer bytes; megabytes are derived from them here, rounded once.
"""

from __future__ import annotations

from kernel.context import MetricsContext
from kernel.contracts.figures import LedgerFigures
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics import MetricValue, with_trend
from modules.cms.figures import KEYS, MEDIA_BYTES, MEDIA_FILES, PAGES, PUBLISHED, THEMES

__all__ = ("CmsMetricsProvider",)

_BYTES_PER_MB = 1_000_000


class CmsMetricsProvider(LedgerMetrics):
    metrics_category = "cms"
    keys = KEYS

    def metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        size = figures.total(MEDIA_BYTES)
        return [
            self.count(
                "pages_total",
                figures.total(PAGES),
                "Pages",
                icon="file-text",
                description="Content pages, drafts and published, all time",
            ),
            self.count(
                "pages_published",
                figures.total(PUBLISHED),
                "Published pages",
                icon="file-check",
                description="Pages that are published",
            ),
            with_trend(
                self.count(
                    "pages_published_in_period",
                    figures.in_window(PUBLISHED),
                    "Pages published in period",
                    icon="file-check",
                    description="Published pages whose publication falls in the period",
                ),
                figures.before_window(PUBLISHED),
                context.include_trends,
            ),
            self.count(
                "media_files",
                figures.total(MEDIA_FILES),
                "Media files",
                icon="image",
                description="Media files recorded, all time",
            ),
            self._measure(
                "media_bytes", size, "Media size in bytes", "bytes", "Total size of the media files, in bytes"
            ),
            self._measure(
                "media_size_mb",
                round(size / _BYTES_PER_MB, 2),
                "Media size in MB",
                "MB",
                "Total size of the media files in megabytes (1 MB = 1,000,000 bytes), to two decimals",
            ),
            self.count(
                "themes",
                figures.total(THEMES),
                "Themes",
                icon="palette",
                description="Storefront themes, active or not",
            ),
        ]

    def _measure(self, name: str, value: int | float, label: str, unit: str, description: str) -> MetricValue:
        return MetricValue(
            key=f"{self.metrics_category}.{name}",
            value=value,
            label=label,
            category=self.metrics_category,
            icon="hard-drive",
            description=description,
            unit=unit,
        )

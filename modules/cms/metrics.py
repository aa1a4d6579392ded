"""CMS figures on both dashboards, read from the ledger: pages, published pages, media and themes. A
platform counts the pages, media and themes of the vendors active on it, plus the pages it owns
itself; `ledger_keys.py` says what each key holds.

Media sizes are summed as integer bytes; megabytes are derived from them here, rounded once.
"""

from __future__ import annotations

from kernel.contracts.ledger import LedgerReading
from kernel.ledger_metrics import LedgerMetrics, Metric
from modules.cms.ledger_keys import MEDIA_BYTES, MEDIA_FILES, PAGES, PUBLISHED, THEMES

__all__ = ("CMS_METRICS",)

_BYTES_PER_MB = 1_000_000


def _megabytes(reading: LedgerReading) -> float:
    return round(reading.total(MEDIA_BYTES) / _BYTES_PER_MB, 2)


CMS_METRICS = LedgerMetrics(
    "cms",
    Metric("pages_total", "Pages", PAGES, "Content pages, drafts and published, all time", icon="file-text"),
    Metric("pages_published", "Published pages", PUBLISHED, "Pages that are published", icon="file-check"),
    Metric(
        "pages_published_in_period",
        "Pages published in period",
        PUBLISHED,
        "Published pages whose publication falls in the period",
        period=True,
        icon="file-check",
    ),
    Metric("media_files", "Media files", MEDIA_FILES, "Media files recorded, all time", icon="image"),
    Metric(
        "media_bytes",
        "Media size in bytes",
        MEDIA_BYTES,
        "Total size of the media files, in bytes",
        unit="bytes",
        icon="hard-drive",
    ),
    Metric(
        "media_size_mb",
        "Media size in MB",
        _megabytes,
        "Total size of the media files in megabytes (1 MB = 1,000,000 bytes), to two decimals",
        unit="MB",
        icon="hard-drive",
    ),
    Metric("themes", "Themes", THEMES, "Storefront themes, active or not", icon="palette"),
)

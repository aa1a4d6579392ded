"""What the CMS keeps in the ledger (`kernel.contracts.ledger`): the changes each write
makes, and the same rows computed from the raw tables.

Keys: `pages` (every page), `pages_published` (pages that are published, each on the local day of
its `published_at`, so "published in the period" is a sum of days), `media_files`, `media_bytes`
and `themes`. Only `pages_published` has days; the rest are all-time totals. A vendor's pages, media
and themes count for the vendor (and so for its platforms); a platform's own pages count for that
platform only.

A page is published exactly when it has a `published_at` (the page service stamps and clears them
together), so a page taken back to draft leaves the day it was published on, and publishing it
again counts it on the new day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from sqlalchemy import DateTime, SelectBase, String, func, literal, null, select, union_all
from sqlalchemy.orm import InstrumentedAttribute

from kernel.contracts.ledger import LedgerSource
from modules.cms.models import ContentPage, MediaFile, Theme

__all__ = (
    "MEDIA_BYTES",
    "MEDIA_FILES",
    "NEW_THEME",
    "PAGES",
    "PUBLISHED",
    "THEMES",
    "CmsLedgerSource",
    "MomentChanges",
    "PageState",
    "new_media_changes",
    "page_changes",
)

PAGES, PUBLISHED, MEDIA_FILES, MEDIA_BYTES, THEMES = (
    f"cms.{name}" for name in ("pages", "pages_published", "media_files", "media_bytes", "themes")
)
NEW_THEME: Mapping[str, int] = MappingProxyType({THEMES: 1})

MomentChanges = dict[datetime | None, dict[str, int]]
"""Changes per moment they belong to (the ledger puts each in its owners' local days); `None` holds
the changes that have no day."""


@dataclass(frozen=True, slots=True)
class PageState:
    status: str
    published_at: datetime | None


def _add(into: MomentChanges, at: datetime | None, key: str, value: int) -> None:
    found = into.setdefault(at, {})
    found[key] = found.get(key, 0) + value


def _contribute(page: PageState | None, sign: int, into: MomentChanges) -> None:
    """Add (sign 1) or take away (-1) what one page in this state counts for."""
    if page is None:
        return
    _add(into, None, PAGES, sign)
    if page.status == "published":
        _add(into, page.published_at, PUBLISHED, sign)


def page_changes(before: PageState | None, after: PageState | None) -> MomentChanges:
    """What a page going from `before` to `after` changes (None: the page does not exist): its
    figures afterwards minus its figures before, so any change of status or date is exact."""
    changes: MomentChanges = {}
    _contribute(after, 1, changes)
    _contribute(before, -1, changes)
    return {at: kept for at, found in changes.items() if (kept := {k: v for k, v in found.items() if v})}


def new_media_changes(size_bytes: int) -> dict[str, int]:
    return {MEDIA_FILES: 1, MEDIA_BYTES: size_bytes}


class CmsLedgerSource(LedgerSource):
    def vendor_rows(self) -> SelectBase:
        no_day = null().cast(DateTime)
        media = [
            select(MediaFile.vendor_id, literal(key, String), no_day, value).group_by(MediaFile.vendor_id)
            for key, value in ((MEDIA_FILES, func.count()), (MEDIA_BYTES, func.sum(MediaFile.size_bytes)))
        ]
        themes = select(Theme.vendor_id, literal(THEMES, String), no_day, func.count()).group_by(
            Theme.vendor_id
        )
        return union_all(*_page_rows(ContentPage.vendor_id), *media, themes)

    def platform_rows(self) -> SelectBase:
        """A plain SELECT over the union, not the union itself: the ledger puts these rows in a
        union of its own, and SQLite refuses a parenthesised union inside another."""
        return select(union_all(*_page_rows(ContentPage.platform_id)).subquery())


def _page_rows(owner: InstrumentedAttribute[int | None]) -> list[SelectBase]:
    """Pages and published pages per `owner` (the vendor or the platform column); the other
    owner's pages have NULL there and are left out."""
    at = ContentPage.published_at.label("at")
    pages = (
        select(owner, literal(PAGES, String), null().cast(DateTime), func.count())
        .where(owner.is_not(None))
        .group_by(owner)
    )
    published = (
        select(owner, literal(PUBLISHED, String), at, func.count())
        .where(owner.is_not(None), ContentPage.status == "published")
        .group_by(owner, at)
    )
    return [pages, published]

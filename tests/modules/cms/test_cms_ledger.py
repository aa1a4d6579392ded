"""CMS figures from the ledger on both databases: equal to the raw tables for every vendor and
platform and window, after every membership change, unchanged by a rebuild; and by hand where a
delta is tricky: a page unpublished and republished on other days, platform pages, media sizes.

Platforms main and eu; acme on main, bolt on main and eu, crux on eu. Today is 2026-06-15 12:00
UTC: the 30-day window is 05-17..06-15 and the one before it 04-17..05-16.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import partial
from typing import Any

import pytest

from adapters.container import Container
from kernel.context import MetricsContext, Scope
from kernel.errors import ConflictError, NotFoundError
from kernel.identity import SYSTEM
from modules.cms.page_service import PageOwner
from modules.cms.schemas import MediaCreate, PageCreate, PageStatus, ThemeCreate
from modules.tenancy.schemas import VendorUpdate
from tests.fakes.clock import FrozenClock
from tests.ledger import fast_equals_raw, fast_equals_raw_everywhere, ledger_rows, three_vendors
from tests.races import run_together

TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
GIB = 1024**3
WINDOWS = [
    MetricsContext(date(2026, 5, 17), date(2026, 6, 15), "30d", include_trends=True),
    MetricsContext(date(2026, 6, 9), date(2026, 6, 15), "7d", include_trends=True),
    MetricsContext(date(2026, 5, 1), date(2026, 5, 31), "custom", include_trends=True),
    MetricsContext(date(2026, 3, 1), date(2026, 4, 30), "custom"),
]
VENDORS, PLATFORMS = ("acme", "bolt", "crux"), ("main", "eu")


class Cms:
    """Writes through the CMS services at chosen instants."""

    def __init__(self, container: Container, clock: FrozenClock, ids: dict[str, int]) -> None:
        self.container, self.clock, self.ids = container, clock, ids
        self.pages: dict[tuple[str, str], int] = {}

    def owner(self, name: str) -> PageOwner:
        key = "platform_id" if name in PLATFORMS else "vendor_id"
        return PageOwner(**{key: self.ids[name]})

    def page(self, name: str, when: datetime, slug: str, status: PageStatus = "draft") -> int:
        self.clock.set(when)
        data = PageCreate(slug=slug, title=slug.title(), status=status)
        self.pages[name, slug] = int(self.container.cms.page_service().create(self.owner(name), data).id)
        return self.pages[name, slug]

    def status(self, name: str, when: datetime, page_id: int, status: PageStatus) -> None:
        self.clock.set(when)
        self.container.cms.page_service().set_status(self.owner(name), page_id, status)

    def media(self, name: str, size: int) -> None:
        data = MediaCreate(filename="f.bin", content_type="application/octet-stream", size_bytes=size)
        self.container.cms.media_service().create(self.ids[name], data)

    def theme(self, name: str, theme: str, active: bool) -> int:
        return int(
            self.container.cms.theme_service()
            .create(self.ids[name], ThemeCreate(name=theme, is_active=active))
            .id
        )


def at(month: int, day: int, hour: int = 9, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


@pytest.fixture
def cms(container: Container, clock: FrozenClock) -> Cms:
    ids = three_vendors(container, domains=False)
    cms = Cms(container, clock, ids)
    about = cms.page("acme", at(5, 10), "about", "published")  # in the previous window...
    cms.status("acme", at(6, 1), about, "draft")  # ...taken back to draft...
    cms.status("acme", at(6, 12), about, "published")  # ...and published again in this one
    cms.page("acme", at(5, 16, 23, 59, 59), "news", "published")  # last second of the previous window
    faq = cms.page("acme", at(5, 20), "faq")
    cms.status("acme", at(6, 14), faq, "published")
    cms.status("acme", at(6, 15, 8), faq, "draft")  # out again: counted nowhere
    cms.status("acme", at(6, 15, 9), faq, "draft")  # already a draft: nothing changes
    cms.page("bolt", at(6, 2), "about", "published")
    cms.page("crux", at(4, 20), "about", "published")
    cms.page("main", at(6, 14), "terms", "published")
    privacy = cms.page("main", at(6, 1), "privacy")
    cms.status("main", at(6, 15, 10), privacy, "published")
    eu_terms = cms.page("eu", at(4, 20), "terms", "published")
    cms.status("eu", at(6, 1), eu_terms, "draft")
    cms.clock.set(TODAY)
    for name, size in (("acme", 1_500_000), ("acme", 845_678), ("acme", 0), ("bolt", 999), ("crux", 5 * GIB)):
        cms.media(name, size)
    classic = cms.theme("acme", "Classic", True)
    cms.theme("acme", "Bold", True)  # switches Classic off
    cms.container.cms.theme_service().activate(ids["acme"], classic)  # and back: still two themes
    cms.theme("bolt", "Plain", False)
    return cms


def _scope(name: str) -> Scope:
    return "platform" if name in PLATFORMS else "vendor"


def _figures(cms: Cms, name: str, context: MetricsContext = WINDOWS[0]) -> dict[str, Any]:
    return {
        metric.key: metric.value
        for metric in fast_equals_raw(cms.container, "cms", _scope(name), cms.ids[name], context)
    }


def _trend(cms: Cms, name: str, context: MetricsContext = WINDOWS[0]) -> tuple[Any, Any]:
    fast = fast_equals_raw(cms.container, "cms", _scope(name), cms.ids[name], context)
    metric = next(m for m in fast if m.key == "cms.pages_published_in_period")
    return metric.trend, metric.trend_value


def _assert_ledger_is_the_raw_tables(cms: Cms) -> None:
    vendors, platforms = (cms.ids[name] for name in VENDORS), (cms.ids[name] for name in PLATFORMS)
    fast_equals_raw_everywhere(cms.container, "cms", vendors, platforms, WINDOWS)


def test_a_republished_page_counts_on_its_new_day_only(cms: Cms) -> None:
    acme = _figures(cms, "acme")
    assert (acme["cms.pages_total"], acme["cms.pages_published"]) == (3, 2)  # about, news; faq is a draft
    assert acme["cms.pages_published_in_period"] == 1  # about, on 06-12
    assert _trend(cms, "acme") == ("stable", 0.0)  # news on 05-16 in the previous window; about left it
    assert _figures(cms, "acme", WINDOWS[1])["cms.pages_published_in_period"] == 1  # 06-09..06-15
    assert _figures(cms, "acme", WINDOWS[2])["cms.pages_published_in_period"] == 1  # May: news only
    may_first_half = MetricsContext(date(2026, 5, 1), date(2026, 5, 15), "custom")
    assert _figures(cms, "acme", may_first_half)["cms.pages_published_in_period"] == 0  # not 05-10 now
    june_14 = MetricsContext(date(2026, 6, 14), date(2026, 6, 15), "custom")
    assert _figures(cms, "acme", june_14)["cms.pages_published_in_period"] == 0  # faq came and went


def test_platform_pages_count_on_their_platform_only(cms: Cms) -> None:
    main, eu = _figures(cms, "main"), _figures(cms, "eu")
    assert (main["cms.pages_total"], main["cms.pages_published"]) == (3 + 1 + 2, 2 + 1 + 2)
    assert main["cms.pages_published_in_period"] == 1 + 1 + 2  # about 06-12, bolt 06-02, terms, privacy
    assert (eu["cms.pages_total"], eu["cms.pages_published"]) == (1 + 1 + 1, 1 + 1)  # eu's terms: draft
    assert eu["cms.pages_published_in_period"] == 1  # bolt's; crux's 04-20 and eu's own are not
    assert _trend(cms, "eu") == ("stable", 0.0)  # crux's about in the previous window
    assert _figures(cms, "bolt")["cms.pages_total"] == 1  # platform pages are no vendor's


def test_media_sizes_add_up_exactly(cms: Cms) -> None:
    acme, crux, main = _figures(cms, "acme"), _figures(cms, "crux"), _figures(cms, "main")
    assert (acme["cms.media_files"], acme["cms.media_bytes"], acme["cms.media_size_mb"]) == (
        3,
        2_345_678,
        2.35,
    )
    assert (crux["cms.media_bytes"], crux["cms.media_size_mb"]) == (5_368_709_120, 5368.71)
    assert (main["cms.media_files"], main["cms.media_bytes"]) == (4, 2_346_677)
    eu = _figures(cms, "eu")
    assert (eu["cms.media_bytes"], eu["cms.media_size_mb"]) == (5_368_710_119, 5368.71)
    assert (acme["cms.themes"], _figures(cms, "bolt")["cms.themes"], main["cms.themes"]) == (2, 1, 3)


def test_ledger_follows_memberships_and_vendor_activity(cms: Cms) -> None:
    _assert_ledger_is_the_raw_tables(cms)
    service = cms.container.tenancy.vendor_service()
    service.detach(SYSTEM, cms.ids["main"], cms.ids["bolt"])
    assert _figures(cms, "main")["cms.pages_total"] == 3 + 2
    service.update(SYSTEM, cms.ids["crux"], VendorUpdate(is_active=False))
    cms.page("crux", at(6, 15, 11), "faq", "published")  # while inactive: on no platform
    cms.media("crux", 1)
    eu = _figures(cms, "eu")
    assert (eu["cms.pages_total"], eu["cms.media_bytes"]) == (1 + 1, 999)  # bolt's and eu's own
    _assert_ledger_is_the_raw_tables(cms)
    service.update(SYSTEM, cms.ids["crux"], VendorUpdate(is_active=True))
    service.attach(SYSTEM, cms.ids["main"], cms.ids["crux"])
    main = _figures(cms, "main")
    assert (main["cms.pages_published_in_period"], main["cms.media_bytes"]) == (
        1 + 2 + 1,
        2_345_678 + 5 * GIB + 1,
    )
    _assert_ledger_is_the_raw_tables(cms)


def test_refused_writes_count_nothing(cms: Cms) -> None:
    before = ledger_rows(cms.container)
    with pytest.raises(ConflictError):
        cms.page("acme", at(6, 15), "about", "published")  # the slug is taken
    with pytest.raises(ConflictError):
        cms.page("main", at(6, 15), "terms", "published")
    with pytest.raises(NotFoundError):
        cms.status("bolt", at(6, 15), cms.pages["acme", "about"], "draft")  # acme's, asked as bolt
    assert ledger_rows(cms.container) == before


def test_a_rebuild_from_the_raw_tables_changes_nothing(cms: Cms) -> None:
    cms.container.tenancy.vendor_service().detach(SYSTEM, cms.ids["eu"], cms.ids["bolt"])
    kept = ledger_rows(cms.container)
    with cms.container.session_factory()() as session, session.begin():
        cms.container.ledger().rebuild(session, cms.container.all_ledger_sources())
    assert ledger_rows(cms.container) == kept
    assert any(
        row[:3] == ("p", cms.ids["main"], "cms.pages_published") and isinstance(row[3], date) for row in kept
    )


@pytest.mark.postgres
def test_racing_status_flips_count_each_change_once(cms: Cms) -> None:
    if cms.container.engine().dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing can race")
    service = cms.container.cms.page_service()
    pages = [(cms.owner("acme"), cms.pages["acme", "about"]), (cms.owner("main"), cms.pages["main", "terms"])]

    def flip(status: PageStatus) -> None:
        for _ in range(20):
            for owner, page_id in pages:
                service.set_status(owner, page_id, status)

    statuses: tuple[PageStatus, ...] = ("draft", "published")
    run_together(*(partial(flip, status) for status in statuses * 3))
    _assert_ledger_is_the_raw_tables(cms)
    kept = ledger_rows(cms.container)
    with cms.container.session_factory()() as session, session.begin():
        cms.container.ledger().rebuild(session, cms.container.all_ledger_sources())
    assert ledger_rows(cms.container) == kept

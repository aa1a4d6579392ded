"""A module from another package: the example in `tests/example_module` is built and installed for
real, found through its `tessera.modules` entry point, migrated into a fresh database and served.

pip builds it without network (setuptools comes with the dev extras) into a temporary folder that is
on `sys.path` only while this file's tests run. Every figure is worked out by hand. Today is
2026-06-15 (UTC): the 30-day window is 2026-05-17..2026-06-15, the previous one 2026-04-17..2026-05-16.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from litestar.testing import TestClient
from sqlalchemy import create_engine

from adapters.container import Container
from adapters.database.migrations import migration_states
from adapters.http.app import create_app
from adapters.module_discovery import ENTRY_POINT_GROUP
from tests.api import Api, figures, trends
from tests.database import BACKENDS, empty_database, migrated
from tests.fakes.clock import FrozenClock

EXAMPLE = Path(__file__).parents[1] / "example_module"
PACKAGE = "tessera_wishlist"
WISHLIST_SETTINGS = {"modules": {"wishlist": {"enabled": True}}}
VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"
WISHES = "/api/v1/vendor/wishlist"
TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def _forget_package() -> None:
    for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
        del sys.modules[name]


def _advertised() -> set[str]:
    return {entry_point.name for entry_point in entry_points(group=ENTRY_POINT_GROUP)}


@pytest.fixture(scope="module")
def installed_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Build and install the package once for this file, then leave the process as it found it."""
    work = tmp_path_factory.mktemp("wishlist")
    source = work / "source"  # a copy, because building writes build/ and *.egg-info beside the sources
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
    target = work / "site-packages"
    pip = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index"]
    built = subprocess.run(  # noqa: S603 - this interpreter's pip, on a copy of our own files
        [*pip, "--disable-pip-version-check", "--quiet", "--target", str(target), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    already = "wishlist" in _advertised()  # e.g. someone followed the README in this environment
    sys.path.insert(0, str(target))  # first, so this copy is the one imported and advertised
    importlib.invalidate_caches()
    try:
        yield target
    finally:
        sys.path.remove(str(target))
        sys.path_importer_cache.pop(str(target), None)
        _forget_package()
        importlib.invalidate_caches()
    assert ("wishlist" in _advertised()) is already


@pytest.fixture(scope="module", params=BACKENDS)
def wishlist_database(
    request: pytest.FixtureRequest, installed_package: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A fresh database migrated with the wishlist module: the suite's shared one never had it."""
    with migrated(request.param, tmp_path_factory, **WISHLIST_SETTINGS) as url:
        yield url


@pytest.fixture
def database_url(wishlist_database: str) -> Iterator[str]:
    """Replaces the shared fixture for this file, so `make_container` builds over the fresh database."""
    yield wishlist_database
    empty_database(wishlist_database)


def _served(container: Container) -> TestClient:
    return TestClient(create_app(container), base_url="http://testserver.local")


@pytest.fixture
def api(make_container: Callable[..., Container]) -> Iterator[Api]:
    """The real app, with settings that name the wishlist module."""
    container = make_container(WISHLIST_SETTINGS)
    with _served(container) as client:
        yield Api(client, container)


# (when, product) per vendor
ACME = [
    (datetime(2026, 3, 1, 10, 0), "Tent"),  # before both windows
    (datetime(2026, 5, 16, 23, 59, 59), "Stove"),  # last second of the previous window
    (datetime(2026, 5, 17, 0, 0, 0), "Lamp"),  # first second of this window
    (datetime(2026, 6, 15, 9, 0), "Rope"),
]
BOLT = [(datetime(2026, 6, 1, 8, 0), "Kettle")]
CRUX = [(datetime(2026, 4, 20, 8, 0), "Mug"), (datetime(2026, 6, 10, 8, 0), "Cup")]  # previous, this


@pytest.fixture
def world(api: Api, clock: FrozenClock) -> dict:
    """acme on main, bolt on main and eu, crux on eu; each vendor's owner made its wishes."""
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    eu = api.platform(root, "eu", "eu.test")
    vendors = {"acme": [main], "bolt": [main, eu], "crux": [eu]}
    ids = {name: api.vendor(root, name, platforms) for name, platforms in vendors.items()}
    owners = {
        name: api.user(root, f"owner@{name}.test", "vendor_owner", vendor_id=vendor_id)
        for name, vendor_id in ids.items()
    }
    for name, wishes in (("acme", ACME), ("bolt", BOLT), ("crux", CRUX)):
        for when, product in wishes:
            clock.set(when.replace(tzinfo=UTC))
            assert api.post(WISHES, owners[name], product=product) == {"product": product}
    clock.set(TODAY)
    return {"root": root, "main": main, "eu": eu, "ids": ids, "owners": owners}


def test_the_installed_package_is_loaded_and_migrated_like_a_built_in_module(
    make_container: Callable[..., Container], installed_package: Path
) -> None:
    container = make_container(WISHLIST_SETTINGS)
    assert container.installed_modules()["wishlist"].source == "package tessera-wishlist"
    assert installed_package in Path(str(sys.modules[PACKAGE].__file__)).parents  # not tests/example_module
    states = migration_states(container.engine(), container.enabled_modules())
    assert [(s.current, s.head) for s in states if s.code == "wishlist"] == [
        ("wishlist_0001", "wishlist_0001")
    ]


def test_its_migration_builds_exactly_the_table_its_model_describes(database_url: str) -> None:
    metadata = importlib.import_module(PACKAGE).Base.metadata
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "include_name": lambda name, kind, _: kind != "table" or name in metadata.tables,
                },
            )
            diffs = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    # The foreign key to tenancy's vendors is in the migration only: the model never imports tenancy.
    assert [(d[0], d[1].referred_table.name) for d in diffs] == [("remove_fk", "vendors")]


def test_wishes_appear_in_the_vendor_and_the_platform_dashboards(api: Api, world: dict) -> None:
    acme = api.stats(VENDOR, world["owners"]["acme"], include_trends="true")
    assert figures(acme, "wishlist") == {"wishlist.items_total": 4, "wishlist.items_added": 2}  # Lamp, Rope
    assert trends(acme, "wishlist") == {
        "wishlist.items_total": (None, None),
        "wishlist.items_added": ("up", 100.0),  # 2 against Stove alone
    }
    bolt = api.stats(VENDOR, world["owners"]["bolt"], include_trends="true")
    assert figures(bolt, "wishlist") == {"wishlist.items_total": 1, "wishlist.items_added": 1}
    assert trends(bolt, "wishlist")["wishlist.items_added"] == ("up", None)  # nothing before: no percentage

    main = api.stats(ADMIN, world["root"], platform_id=world["main"], include_trends="true")
    assert figures(main, "wishlist") == {"wishlist.items_total": 5, "wishlist.items_added": 3}  # acme + bolt
    assert trends(main, "wishlist")["wishlist.items_added"] == ("up", 200.0)  # 3 against 1
    eu = api.stats(ADMIN, world["root"], platform_id=world["eu"], include_trends="true")
    assert figures(eu, "wishlist") == {"wishlist.items_total": 3, "wishlist.items_added": 2}  # bolt + crux
    assert trends(eu, "wishlist")["wishlist.items_added"] == ("up", 100.0)  # Kettle, Cup against Mug
    assert main["unavailable"] == eu["unavailable"] == []


def test_a_custom_period_moves_the_window(api: Api, world: dict) -> None:
    day = api.stats(VENDOR, world["owners"]["acme"], date_from="2026-05-16", date_to="2026-05-16")
    assert figures(day, "wishlist") == {"wishlist.items_total": 4, "wishlist.items_added": 1}  # Stove only


def test_platform_figures_count_only_vendors_active_on_the_platform(api: Api, world: dict) -> None:
    root, ids = world["root"], world["ids"]
    left = api.client.delete(f"/api/v1/admin/platforms/{world['main']}/vendors/{ids['bolt']}", headers=root)
    assert left.status_code == 200, left.text
    off = api.client.patch(f"/api/v1/admin/vendors/{ids['crux']}", json={"is_active": False}, headers=root)
    assert off.status_code == 200, off.text
    main = api.stats(ADMIN, root, platform_id=world["main"])
    assert figures(main, "wishlist") == {"wishlist.items_total": 4, "wishlist.items_added": 2}  # acme only
    eu = api.stats(ADMIN, root, platform_id=world["eu"])
    assert figures(eu, "wishlist") == {"wishlist.items_total": 1, "wishlist.items_added": 1}  # bolt only


def test_its_route_refuses_bad_wishes_and_non_vendors(api: Api, world: dict) -> None:
    owner = world["owners"]["acme"]
    for body, field in (({"product": ""}, "product"), ({"product": "a\x00b"}, "product"), ({}, "product")):
        refused = api.client.post(WISHES, json=body, headers=owner)
        assert refused.status_code == 400, refused.text
        assert field in refused.text
    assert api.client.post(WISHES, json={"product": "Tent", "price": 1}, headers=owner).status_code == 400
    assert api.client.post(WISHES, json={"product": "Tent"}, headers=world["root"]).status_code == 403
    assert figures(api.stats(VENDOR, owner), "wishlist")["wishlist.items_total"] == 4  # nothing added


def test_without_it_in_settings_the_installed_package_is_not_even_imported(
    make_container: Callable[..., Container],
) -> None:
    _forget_package()
    container = make_container()
    assert "wishlist" in _advertised()  # installed and visible ...
    assert "wishlist" not in container.installed_modules()  # ... but not named, so never loaded
    assert PACKAGE not in sys.modules
    with _served(container) as client:
        api = Api(client, container)
        root = api.super_admin()
        main = api.platform(root, "main")
        owner = api.user(root, "owner@acme.test", "vendor_owner", vendor_id=api.vendor(root, "acme", [main]))
        assert api.client.post(WISHES, json={"product": "Tent"}, headers=owner).status_code == 404
        assert "wishlist" not in api.stats(VENDOR, owner)["categories"]
        assert "wishlist" not in api.stats(ADMIN, root, platform_id=main)["categories"]

"""The ledger under concurrency, on PostgreSQL, where transactions really run side by side:
writes never wait for each other (they only append deltas), folds, rebuilds, orders and membership
changes racing lose and double nothing, and a folder killed in the middle of its transaction leaves
every delta in place for the next one.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from adapters.container import Container
from adapters.ledger import fold_ledger, rebuild_ledger
from kernel.identity import SYSTEM
from modules.orders.ledger_keys import new_order_changes
from modules.orders.schemas import OrderCreate
from tests.fakes.clock import FrozenClock
from tests.ledger import fast_equals_raw, ledger_tables, three_vendors
from tests.races import run_together
from tests.test_ledger_folding import TODAY, WINDOWS, _deltas, _figures, _orders

pytestmark = pytest.mark.postgres


@pytest.fixture
def container(make_container: Callable[..., Container]) -> Container:
    """Exactness, not bounds: on a loaded test machine a rebuild or a membership change can hold a
    row past the 2 s lock budget, and the order waiting for it would (rightly) give up."""
    return make_container({"database": {"lock_timeout_ms": 60_000}})


@pytest.fixture
def world(container: Container, clock: FrozenClock) -> dict[str, int]:
    if container.engine().dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing can wait or race")
    clock.set(TODAY)
    ids = three_vendors(container)
    _orders(container, clock, ids)
    return ids


def test_a_write_never_waits_for_another_write_or_a_fold(container: Container, world: dict[str, int]) -> None:
    """acme and bolt share platform main: each write used to update main's rows and hold them until
    it committed. Now a second write, of another vendor or the same, finishes at once."""
    ledger, sessions = container.ledger(), container.session_factory()
    changes, at = new_order_changes("paid", 500, 0, "EUR"), datetime(2026, 6, 15, 12, tzinfo=UTC)
    with sessions() as first, first.begin(), sessions() as folding, folding.begin():
        ledger.record(first, world["acme"], changes, at=at, undated={"orders.currency.EUR.earning": 1})
        assert ledger.fold(folding, 3) == 3  # a fold under way, not committed either
        for vendor in (world["bolt"], world["acme"]):
            with sessions() as second, second.begin():
                second.execute(text("SET LOCAL lock_timeout = '200ms'"))
                ledger.record(second, vendor, changes, at=at, undated={"orders.currency.EUR.earning": 1})


def test_orders_memberships_folds_and_rebuilds_racing_lose_nothing(
    container: Container, world: dict[str, int]
) -> None:
    service, orders = container.tenancy.vendor_service(), container.orders.order_service()

    def place(vendor: int, start: int) -> None:
        for n in range(start, start + 40):
            order = OrderCreate(total_cents=n, status="paid", customer_email=f"{n % 7}@x.test")
            orders.create(vendor, order)

    def toggle() -> None:
        for _ in range(12):
            service.attach(SYSTEM, world["main"], world["crux"])
            service.detach(SYSTEM, world["main"], world["crux"])

    def rebuild_twice() -> None:
        for _ in range(2):
            time.sleep(0.2)
            rebuild_ledger(container)

    run_together(
        lambda: place(world["acme"], 100),
        lambda: place(world["bolt"], 200),
        lambda: place(world["crux"], 300),
        toggle,
        rebuild_twice,
        meanwhile=lambda: fold_ledger(container, batch=50),
    )
    _figures(container, world)  # equal to the raw tables, folded or not
    main = fast_equals_raw(container, "orders", "platform", world["main"], WINDOWS[0])
    assert {metric.key: metric.value for metric in main}["orders.total"] == 6 + 80  # acme's and bolt's
    fold_ledger(container)
    _figures(container, world)
    kept = ledger_tables(container)
    rebuild_ledger(container)
    assert ledger_tables(container) == kept


def _waiting_on_figure_totals(container: Container) -> int | None:
    """The pid of a backend waiting for a lock on figure_totals, if any."""
    with container.engine().connect() as connection:
        return connection.execute(
            text("SELECT pid FROM pg_locks WHERE relation = 'figure_totals'::regclass AND NOT granted")
        ).scalar()


def _gone(container: Container, pid: int) -> bool:
    with container.engine().connect() as connection:
        found = connection.execute(text("SELECT 1 FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid})
        return found.first() is None


def test_a_folder_killed_mid_fold_loses_and_doubles_nothing(
    container: Container, world: dict[str, int], database_url: str, tmp_path: Path
) -> None:
    before, pending = _figures(container, world), _deltas(container)
    settings = tmp_path / "settings.yaml"
    settings.write_text(f"database:\n  url: {database_url}\n")
    tessera = Path(sys.executable).with_name("tessera")
    with container.engine().connect() as holder:
        holder.execute(text("LOCK TABLE figure_totals IN ACCESS EXCLUSIVE MODE"))
        command = [str(tessera), "--settings", str(settings), "db", "fold"]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # noqa: S603
        deadline, pid = time.monotonic() + 60, None
        while pid is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            pid = _waiting_on_figure_totals(container)
        assert pid is not None, process.communicate()[0]  # it deleted its deltas and waits to add them
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        holder.rollback()
    deadline = time.monotonic() + 30
    while not _gone(container, pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(container, pid)  # its transaction ended when it found its client gone: rolled back
    assert _deltas(container) == pending
    assert _figures(container, world) == before
    assert fold_ledger(container) == pending
    assert _figures(container, world) == before

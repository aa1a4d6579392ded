"""Owners' last write positions, as the change notices carry them: kept for a bounded time, the
newest position per owner, and read off a stamped line."""

from __future__ import annotations

from adapters.change_notices.hub import ChangeHub, NoChannel
from adapters.change_notices.lines import decode, encode, unstamped
from adapters.replica.positions import UNKNOWN, WrittenPositions, lsn_number
from contracts.change_notices import Change
from tests.fakes.clock import Stopwatch


def test_an_lsn_is_read_as_the_number_postgresql_compares() -> None:
    assert lsn_number("0/0") == 0
    assert lsn_number("16/B374D848") == (0x16 << 32) | 0xB374D848
    assert lsn_number("1/0") > lsn_number("0/FFFFFFFF")


def test_each_owner_keeps_its_newest_write_for_the_bound_and_no_longer() -> None:
    clock = Stopwatch()
    positions = WrittenPositions(6.0, clock=clock)
    positions.record([("vendor", 3), ("platform", 1)], 500)
    positions.record([("vendor", 3)], 400)  # an older stamp heard late does not move it back
    assert (
        positions.last(("vendor", 3)),
        positions.last(("platform", 1)),
        positions.last(("vendor", 4)),
    ) == (
        500,
        500,
        None,
    )
    clock.advance(6.5)
    assert positions.last(("vendor", 3)) is None
    positions.record([("vendor", 4)], UNKNOWN)
    assert len(positions) == 1  # the old ones went when the next was recorded


def test_past_its_size_the_oldest_owners_go_first() -> None:
    positions = WrittenPositions(60.0, max_entries=2, clock=Stopwatch())
    for vendor_id in (1, 2, 3):
        positions.record([("vendor", vendor_id)], vendor_id)
    assert [positions.last(("vendor", v)) for v in (1, 2, 3)] == [None, 2, 3]


def test_a_stamped_line_is_the_line_and_its_position() -> None:
    [line] = encode("3f9a0c1e22b4", Change.ledger([("vendor", 3), ("platform", 1)]), 7900)
    line_back, position = unstamped(f"{line};16/B374D848")
    assert (line_back, position) == (line, (0x16 << 32) | 0xB374D848)
    assert decode(line_back) == ("3f9a0c1e22b4", Change.ledger([("vendor", 3), ("platform", 1)]))
    assert unstamped(line) == (line, None)
    assert unstamped(f"{line};not-a-position") == (f"{line};not-a-position", None)


def test_another_process_s_ledger_line_records_its_owners_at_its_stamp_or_unknown_without_one() -> None:
    positions = WrittenPositions(6.0, clock=Stopwatch())
    hub = ChangeHub(lambda: [], NoChannel(), positions=positions)
    [stamped] = encode("elsewhere001", Change.ledger([("vendor", 3)]), 7900)
    hub.receive(f"{stamped};0/2A")
    [unstamped_line] = encode("elsewhere001", Change.ledger([("vendor", 4)]), 7900)
    hub.receive(unstamped_line)
    [own] = encode(hub.origin, Change.ledger([("vendor", 5)]), 7900)
    hub.receive(f"{own};0/2B")  # its own lines were recorded when it sent them
    [tenancy] = encode("elsewhere001", Change.tenancy(), 7900)
    hub.receive(f"{tenancy};0/2C")
    assert [positions.last(("vendor", v)) for v in (3, 4, 5)] == [0x2A, UNKNOWN, None]
    assert len(positions) == 2


def test_a_process_that_may_have_missed_notices_counts_every_owner_unknown_for_the_bound() -> None:
    """A listener that reconnected (or first connected) applies `all`: writes it was not told of
    may be anywhere, so every owner reads the primary until the replica's bound covers them."""
    clock = Stopwatch()
    positions = WrittenPositions(6.0, clock=clock)
    hub = ChangeHub(lambda: [], NoChannel(), positions=positions)
    positions.record([("vendor", 3)], 0x2A)
    hub.apply(Change.everything())
    assert [positions.last(("vendor", v)) for v in (3, 9)] == [UNKNOWN, UNKNOWN]
    clock.advance(6.1)
    assert [positions.last(("vendor", v)) for v in (3, 9)] == [None, None]
    hub.apply(Change.tenancy())  # any other change leaves the positions as they are
    assert positions.last(("vendor", 9)) is None

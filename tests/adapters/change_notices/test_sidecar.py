"""SQLite's channel: the lines one process writes into `<database>.changes` are read by every other
process serving the file, in order, on its next request; one that fell behind the ring, or finds the
file started over, drops everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.change_notices.hub import ChangeHub
from adapters.change_notices.lines import encode
from adapters.change_notices.sidecar import SLOTS, SidecarChannel, sidecar_file
from contracts.change_notices import Change


class Received:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str) -> None:
        self.lines.append(line)


def _database(tmp_path: Path) -> Path:
    database = tmp_path / "tessera.db"
    database.touch()
    return database


def test_lines_written_by_one_process_are_read_by_another_in_order_once(tmp_path: Path) -> None:
    """A reader's first look opens the file: its caches are empty then, so nothing before counts."""
    path = _database(tmp_path)
    assert sidecar_file(path) == tmp_path / "tessera.db.changes"
    writer, reader = SidecarChannel(path), SidecarChannel(path)
    received = Received()
    reader.catch_up(received)
    assert received.lines == []
    writer.publish(["v1;a;switch;platform:1", "v1;a;account;user:7"])
    writer.publish(["v1;a;tenancy;"])
    reader.catch_up(received)
    reader.catch_up(received)
    assert received.lines == ["v1;a;switch;platform:1", "v1;a;account;user:7", "v1;a;tenancy;"]
    late = SidecarChannel(path)  # a process starting now: what was written before is not its concern
    late.catch_up(received)
    assert len(received.lines) == 3
    for channel in (writer, reader, late):
        channel.close()


def test_a_reader_that_fell_behind_the_ring_drops_everything(tmp_path: Path) -> None:
    path = _database(tmp_path)
    writer, reader = SidecarChannel(path), SidecarChannel(path)
    received = Received()
    reader.catch_up(received)
    writer.publish([f"v1;a;switch;platform:{n}" for n in range(1, SLOTS + 2)])
    reader.catch_up(received)
    assert received.lines == ["v1;;all;"]
    writer.publish(["v1;a;switch;platform:5"])
    reader.catch_up(received)
    assert received.lines == ["v1;;all;", "v1;a;switch;platform:5"]
    writer.close()
    reader.close()


def test_a_file_started_over_drops_everything_for_those_already_reading(tmp_path: Path) -> None:
    path = _database(tmp_path)
    writer, reader = SidecarChannel(path), SidecarChannel(path)
    writer.publish(["v1;a;tenancy;"])
    reader.catch_up(Received())
    with sidecar_file(path).open("r+b") as file:  # as another version of Tessera would find it
        file.write(b"SOMETHING ELSE")
    another = SidecarChannel(path)
    another.catch_up(Received())  # opens the file, finds it is not its own: starts it over
    another.close()
    received = Received()
    reader.catch_up(received)
    assert received.lines == ["v1;;all;"]
    writer.close()
    reader.close()


def test_each_hub_applies_the_others_lines_and_skips_its_own(tmp_path: Path) -> None:
    path = _database(tmp_path)
    heard: dict[str, list[Change]] = {"a": [], "b": []}

    def hub(name: str) -> ChangeHub:
        class Cache:
            def changed(self, change: Change) -> None:
                heard[name].append(change)

        return ChangeHub(lambda: [Cache()], SidecarChannel(path))

    a, b = hub("a"), hub("b")
    a.catch_up()  # each process's first request opens the file
    b.catch_up()
    channel = SidecarChannel(path)
    channel.publish(encode(a.origin, Change.switch(3), channel.line_limit))
    a.catch_up()
    b.catch_up()
    assert heard == {"a": [], "b": [Change.switch(3)]}
    channel.close()


def test_before_the_database_exists_nothing_is_looked_for(tmp_path: Path) -> None:
    """Its requests answer 503 (the database is not there): no file is made, nothing is logged."""
    channel = SidecarChannel(tmp_path / "missing" / "tessera.db")
    channel.catch_up(Received())
    channel.close()
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_cannot_be_opened_is_logged_and_the_request_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = _database(tmp_path)
    sidecar_file(database).mkdir()  # not a file it can open
    channel = SidecarChannel(database)
    received = Received()
    channel.catch_up(received)
    assert received.lines == []
    assert [record.getMessage() for record in caplog.records] == [
        f"cannot read other processes' changes from {sidecar_file(database)}: Is a directory"
    ]
    channel.close()

"""The SQLite channel: a small shared file next to the database, `<database>.changes`, that every
process serving the file writes its changes into and reads the others' from, on each request.

SQLite serves one machine, possibly from several worker processes, and has no NOTIFY. The file is
a ring of the last `SLOTS` lines (`lines.py`) and a sequence number, memory-mapped by each process.
A writer takes an exclusive `flock`, puts each line in the next slot and then moves the sequence
on. A request first reads the sequence alone, without a lock: the same as last time (nearly always)
costs an 8-byte read and a compare, on the event loop. Only when it moved does the request take
a shared lock and read the new slots. A reader that fell more than `SLOTS` lines behind, or finds
the file reset, cannot know what it missed and drops every cache.

Why not counters per kind (and owners hashed into slots): the lines are the same ones PostgreSQL
carries, exact to the platform, user and owner, so a change drops what it changed and no more, and
both channels share one reader.
"""

from __future__ import annotations

import fcntl
import logging
import mmap
import os
import struct
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from adapters.change_notices.lines import VERSION

__all__ = ("SLOTS", "SidecarChannel", "sidecar_file")

logger = logging.getLogger("tessera.changes")

SLOTS = 1024
"""Lines kept: a process that sees no request while more are written drops every cache instead."""
_SLOT_BYTES = 256
_MAGIC = b"TSRCHG01"
_HEAD = 64  # magic, sequence, and room
_SEQUENCE = struct.Struct("<Q")  # at offset 8
_ENTRY = struct.Struct("<QH")  # the slot's sequence number, the line's length
_SIZE = _HEAD + SLOTS * _SLOT_BYTES
_EVERYTHING = f"{VERSION};;all;"


def sidecar_file(database: Path) -> Path:
    return database.with_name(database.name + ".changes")


class SidecarChannel:
    """The file is opened on first use, not when the app is built: an app is built (for its OpenAPI
    document, say) where no database may be. Until the database file exists, no process can have
    changed anything, and requests (answered 503) look for nothing."""

    line_limit = _SLOT_BYTES - _ENTRY.size

    def __init__(self, database: Path) -> None:
        self._database = database
        self._path = sidecar_file(database)
        self._threads = threading.Lock()  # `flock` is the file's: it keeps out other processes only
        self._ring: _Ring | None = None
        self._seen = 0

    def publish(self, lines: Sequence[str]) -> None:
        ring = self._opened()
        with ring.locked(fcntl.LOCK_EX):
            sequence = ring.sequence()
            for line in lines:
                sequence += 1
                ring.write(sequence, line.encode())
            ring.set_sequence(sequence)

    def catch_up(self, receive: Callable[[str], None]) -> None:
        if self._ring is None and not self._database.exists():
            return
        try:
            ring = self._opened()
        except OSError as error:  # e.g. the database's directory is not there (yet)
            logger.warning("cannot read other processes' changes from %s: %s", self._path, error.strerror)
            return
        if ring.sequence() == self._seen:  # nearly always: nothing new, and no lock taken
            return
        with ring.locked(fcntl.LOCK_SH):
            sequence, lines = ring.sequence(), []
            if not self._seen < sequence <= self._seen + SLOTS:
                lines = [_EVERYTHING]  # fell behind the ring, or the file was started over
            for number in range(self._seen + 1, sequence + 1) if not lines else ():
                lines.append(ring.line(number, self.line_limit))
            self._seen = sequence
        for line in lines:
            receive(line)

    def close(self) -> None:
        with self._threads:
            ring, self._ring = self._ring, None
        if ring is not None:
            ring.close()

    def _opened(self) -> _Ring:
        ring = self._ring
        if ring is None:
            with self._threads:
                if self._ring is None:
                    self._ring = _Ring(self._path, self._threads)
                    self._seen = self._ring.sequence()  # what came before this process is not its concern
                ring = self._ring
        return ring


class _Ring:
    """The mapped file: its sequence number and its slots, and the lock around them."""

    def __init__(self, path: Path, threads: threading.Lock) -> None:
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        self._threads = threads
        with self.locked(fcntl.LOCK_EX, threads_held=True):
            if os.fstat(self._fd).st_size != _SIZE or os.pread(self._fd, len(_MAGIC), 0) != _MAGIC:
                # a new file, or another version's: started over, so readers find the sequence
                # gone back and drop everything (never emptied first: a mapped page past the end
                # of a file is a crash for whoever reads it)
                os.ftruncate(self._fd, _SIZE)
                os.pwrite(self._fd, _MAGIC.ljust(_HEAD, b"\0"), 0)
        self._map = mmap.mmap(self._fd, _SIZE)

    def sequence(self) -> int:
        return int(_SEQUENCE.unpack_from(self._map, 8)[0])

    def set_sequence(self, sequence: int) -> None:
        _SEQUENCE.pack_into(self._map, 8, sequence)

    def write(self, number: int, data: bytes) -> None:
        offset = _slot(number)
        self._map[offset : offset + _ENTRY.size + len(data)] = _ENTRY.pack(number, len(data)) + data

    def line(self, number: int, limit: int) -> str:
        offset = _slot(number)
        written, length = _ENTRY.unpack_from(self._map, offset)
        if written != number or length > limit:
            return _EVERYTHING
        start = offset + _ENTRY.size
        return self._map[start : start + length].decode(errors="replace")

    @contextmanager
    def locked(self, how: int, *, threads_held: bool = False) -> Iterator[None]:
        """Held for a few memory copies: a writer never blocks a request for longer."""
        if not threads_held:
            self._threads.acquire()
        try:
            fcntl.flock(self._fd, how)
            try:
                yield
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            if not threads_held:
                self._threads.release()

    def close(self) -> None:
        self._map.close()
        os.close(self._fd)


def _slot(number: int) -> int:
    return _HEAD + (number % SLOTS) * _SLOT_BYTES

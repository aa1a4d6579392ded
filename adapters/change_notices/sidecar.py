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
import mmap
import os
import struct
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from adapters.change_notices.lines import VERSION

__all__ = ("SLOTS", "SidecarChannel", "sidecar_file")

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
    line_limit = _SLOT_BYTES - _ENTRY.size

    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        self._threads = threading.Lock()  # `flock` is the file's: it keeps out other processes only
        with self._locked(fcntl.LOCK_EX):
            if os.fstat(self._fd).st_size != _SIZE or os.pread(self._fd, len(_MAGIC), 0) != _MAGIC:
                # a new file, or another version's: started over, so readers find the sequence
                # gone back and drop everything (never emptied first: a mapped page past the end
                # of a file is a crash for whoever reads it)
                os.ftruncate(self._fd, _SIZE)
                os.pwrite(self._fd, _MAGIC.ljust(_HEAD, b"\0"), 0)
        self._map = mmap.mmap(self._fd, _SIZE)
        self._seen = self._sequence()

    def publish(self, lines: Sequence[str]) -> None:
        with self._locked(fcntl.LOCK_EX):
            sequence = self._sequence()
            for line in lines:
                sequence += 1
                data = line.encode()
                offset = _slot(sequence)
                self._map[offset : offset + _ENTRY.size + len(data)] = _ENTRY.pack(sequence, len(data)) + data
            _SEQUENCE.pack_into(self._map, 8, sequence)

    def catch_up(self, receive: Callable[[str], None]) -> None:
        if self._sequence() == self._seen:  # nearly always: nothing new, and no lock taken
            return
        with self._locked(fcntl.LOCK_SH):
            sequence, lines = self._sequence(), []
            if not self._seen < sequence <= self._seen + SLOTS:
                lines = [_EVERYTHING]  # fell behind the ring, or the file was started over
            for number in range(self._seen + 1, sequence + 1) if not lines else ():
                lines.append(self._line(number))
            self._seen = sequence
        for line in lines:
            receive(line)

    def close(self) -> None:
        self._map.close()
        os.close(self._fd)

    def _sequence(self) -> int:
        return int(_SEQUENCE.unpack_from(self._map, 8)[0])

    def _line(self, number: int) -> str:
        offset = _slot(number)
        written, length = _ENTRY.unpack_from(self._map, offset)
        if written != number or length > self.line_limit:
            return _EVERYTHING
        start = offset + _ENTRY.size
        return self._map[start : start + length].decode(errors="replace")

    @contextmanager
    def _locked(self, how: int) -> Iterator[None]:
        """Held for a few memory copies: a writer never blocks a request for longer."""
        with self._threads:
            fcntl.flock(self._fd, how)
            try:
                yield
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)


def _slot(number: int) -> int:
    return _HEAD + (number % SLOTS) * _SLOT_BYTES

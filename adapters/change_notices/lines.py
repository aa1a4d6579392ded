"""A change as one short line of text, the same on every channel: `v1;<origin>;<kind>;<keys>`.

`origin` names the process (the hub) that made the change, so that it skips its own lines; `keys`
are `scope:id` joined by commas (`v1;3f9a0c1e22b4;ledger;platform:1,vendor:3`). A change whose keys
do not fit one line (PostgreSQL's NOTIFY takes at most 8000 bytes) is told in several lines, each a
whole change of some of the keys. A line this version cannot read (a newer version, a damaged
file) is told as `all`: dropping every cache is always safe, only slower.

With a replica to read from (`database.read_url`), PostgreSQL adds the primary's WAL position after
the write as a fifth field (`…;platform:1,vendor:3;16/B374D848`, postgres.py): `unstamped` splits it
off before `decode`, for read-your-writes (adapters/replica/positions.py).
"""

from __future__ import annotations

from adapters.replica.positions import lsn_number
from contracts.change_notices import KINDS, Change, ChangeKind

__all__ = ("VERSION", "decode", "encode", "unstamped")

VERSION = "v1"
_KINDS: dict[str, ChangeKind] = {kind: kind for kind in KINDS}


def encode(origin: str, change: Change, limit: int) -> list[str]:
    """The lines telling `change`, none longer than `limit` bytes (ASCII: characters are bytes)."""
    head = f"{VERSION};{origin};{change.kind};"
    keys = [f"{scope}:{key_id}" for scope, key_id in change.keys]
    if len(head) + max(map(len, keys), default=0) > limit:
        raise ValueError(f"a change line needs more than {limit} bytes")
    lines, current = [], ""
    for key in keys:
        joined = f"{current},{key}" if current else key
        if current and len(head) + len(joined) > limit:
            lines.append(head + current)
            joined = key
        current = joined
    lines.append(head + current)
    return lines


def decode(line: str) -> tuple[str, Change]:
    """`(origin, change)`; a line that is not one of ours (another version, damaged) is `all`."""
    parts = line.split(";")
    kind = _KINDS.get(parts[2]) if len(parts) == 4 and parts[0] == VERSION else None
    if kind is None:
        return "", Change.everything()
    origin, listed = parts[1], parts[3]
    keys = []
    for key in filter(None, listed.split(",")):
        scope, _, key_id = key.partition(":")
        if not scope or not key_id.isdigit():
            return "", Change.everything()
        keys.append((scope, int(key_id)))
    return origin, Change.of(kind, keys)


def unstamped(line: str) -> tuple[str, int | None]:
    """The line without its WAL position, and the position (None if it carries none)."""
    head, _, position = line.rpartition(";")
    if line.count(";") != 4 or "/" not in position:
        return line, None
    try:
        return head, lsn_number(position)
    except ValueError:
        return line, None

"""What a write tells every process's caches: "once this transaction commits, these things changed".

Each server process keeps per-process caches in front of the database (tenant look-ups, module
switches, dashboards). A process that writes must not be the only one to drop them: another process,
on this machine or another node, would answer from what it cached before the write until its TTL ran
out. So a service records what its transaction changes (`ChangeNotices.after_commit`), and once the
transaction commits every process is told (`adapters/change_notices`): this one at once, the others
through the database. A transaction that rolls back tells nothing. Each cache hears every change as a
`ChangeListener` and drops what it kept of it; the TTLs stay only as a backstop for a lost message.

Kinds, and what their keys name:
- `ledger`: the owners whose figures moved (`("vendor", id)`, `("platform", id)`): cached dashboards;
- `tenancy`: platforms, vendors, memberships or domains changed (no keys): every tenant look-up;
- `switch`: the platforms whose module switches changed (`("platform", id)`);
- `account`: the users whose account changed (`("user", id)`): their token is checked again;
- `all`: anything may have changed (no keys): a process that may have missed messages drops all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ("KINDS", "Change", "ChangeKind", "ChangeListener", "ChangeNotices")

ChangeKind = Literal["ledger", "tenancy", "switch", "account", "all"]
KINDS: tuple[ChangeKind, ...] = ("ledger", "tenancy", "switch", "account", "all")

Key = tuple[str, int]
"""`(scope, id)`: `("vendor", 3)`, `("platform", 1)`, `("user", 12)`."""


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    keys: tuple[Key, ...] = ()
    """Sorted and without repeats; empty for `tenancy` and `all`."""

    @classmethod
    def of(cls, kind: ChangeKind, keys: Iterable[Key] = ()) -> Change:
        return cls(kind, tuple(sorted(set(keys))))

    @classmethod
    def ledger(cls, owners: Iterable[Key]) -> Change:
        return cls.of("ledger", owners)

    @classmethod
    def tenancy(cls) -> Change:
        return cls("tenancy")

    @classmethod
    def switch(cls, platform_id: int) -> Change:
        return cls("switch", (("platform", platform_id),))

    @classmethod
    def account(cls, user_id: int) -> Change:
        return cls("account", (("user", user_id),))

    @classmethod
    def everything(cls) -> Change:
        return cls("all")

    def ids(self, scope: str) -> list[int]:
        """The ids of one scope among the keys (`change.ids("platform")`)."""
        return [key_id for key_scope, key_id in self.keys if key_scope == scope]


@runtime_checkable
class ChangeNotices(Protocol):
    def after_commit(self, db: Session, change: Change) -> None:
        """Tell every process of `change` once `db`'s transaction commits; nothing if it rolls back.
        Call it inside the transaction that makes the change. Quick, and never raises."""
        ...


@runtime_checkable
class ChangeListener(Protocol):
    def changed(self, change: Change) -> None:
        """Drop what was cached of `change` (it is committed). Quick: it runs on the writer's thread,
        on the thread that listens for other processes' changes, or on the event loop."""
        ...

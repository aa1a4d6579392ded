"""The last complete answer of each dashboard, for serving while the database does not answer.

Off by default (`metrics.serve_stale_s` = 0): a dashboard whose every category failed to reach the
database answers 503. With it set, such a dashboard is answered from the last complete one computed
in this process for the same owner, period and categories, if it is at most that old, marked
`stale` with its age. Kept apart from the dashboard cache on purpose: the cache decides what may
be served *instead of* asking (fresh answers only); this decides what may be served when asking
failed, and it keeps an answer however often writes change the figures since.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from datetime import datetime
from typing import Generic, TypeVar

__all__ = ("LastGood",)

T = TypeVar("T")


class LastGood(Generic[T]):
    def __init__(self, max_age_s: float, *, max_entries: int = 10_000) -> None:
        self.max_age_s = max_age_s
        self._max = max_entries
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[T, datetime]] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self.max_age_s > 0

    def remember(self, key: Hashable, value: T, at: datetime) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._entries[key] = (value, at)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def recall(self, key: Hashable, now: datetime) -> tuple[T, datetime] | None:
        """The last answer for `key` and when it was computed, if it is young enough."""
        if not self.enabled:
            return None
        with self._lock:
            found = self._entries.get(key)
        if found is None or (now - found[1]).total_seconds() > self.max_age_s:
            return None
        return found

"""Fold and rebuild the ledger (see `kernel.contracts.ledger` and modules/tenancy/ledger/).

Writes append deltas; folding adds them into the ledger's rows, a batch per transaction, until none
are left. Rebuilding computes the ledger afresh from every enabled module's `LedgerSource` after what
arrives in bulk and does not go through the writes: seeded rows, and rows that existed before a
module's keys were first kept (a migration).
"""

from __future__ import annotations

import time

from sqlalchemy.exc import DBAPIError

from adapters.container import Container
from modules.tenancy.ledger import FoldInProgressError

__all__ = ("FOLD_BATCH", "fold_ledger", "rebuild_ledger")

FOLD_BATCH = 5000
"""Deltas per fold transaction: a few milliseconds of work, so a fold holds its rows only briefly."""
_REBUILD_ATTEMPTS = 100
_REBUILD_PAUSE_S = 0.05
_SERIALIZATION_FAILURE = "40001"


def fold_ledger(container: Container, batch: int = FOLD_BATCH) -> int:
    """Fold every delta there is, batch by batch; how many. Stops early when another process is
    folding (it folds the rest)."""
    if "ledger" not in container.providers:
        return 0
    ledger, folded = container.ledger(), 0
    while True:
        with container.session_factory()() as session, session.begin():
            step: int = ledger.fold(session, batch)
        folded += step
        if step < batch:
            return folded


def rebuild_ledger(container: Container) -> bool:
    """False when no enabled module keeps a ledger (the core module provides it). One transaction,
    tried again while a fold holds it off (see modules/tenancy/ledger/rebuild.py)."""
    if "ledger" not in container.providers:
        return False
    for attempt in range(_REBUILD_ATTEMPTS):
        try:
            with container.session_factory()() as session, session.begin():
                container.ledger().rebuild(session, container.all_ledger_sources())
            return True
        except FoldInProgressError:
            pass
        except DBAPIError as error:
            if (
                getattr(error.orig, "sqlstate", None) != _SERIALIZATION_FAILURE
                or attempt + 1 == _REBUILD_ATTEMPTS
            ):
                raise
        time.sleep(_REBUILD_PAUSE_S)
    raise FoldInProgressError(f"the ledger was still being folded after {_REBUILD_ATTEMPTS} attempts")

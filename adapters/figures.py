"""Fold and rebuild the figures ledger (see `kernel.contracts.figures` and modules/tenancy/ledger.py).

Writes append deltas; folding adds them into the ledger's rows, a batch per transaction, until none
are left. Rebuilding computes the ledger afresh from every enabled module's `FigureSource` after what
arrives in bulk and does not go through the writes: seeded rows, and rows that existed before a
module's figures were first kept (a migration).
"""

from __future__ import annotations

import time

from sqlalchemy.exc import DBAPIError

from adapters.container import Container
from modules.tenancy.ledger_rebuild import FoldInProgressError

__all__ = ("FOLD_BATCH", "fold_figures", "rebuild_figures")

FOLD_BATCH = 5000
"""Deltas per fold transaction: a few milliseconds of work, so a fold holds its rows only briefly."""
_REBUILD_ATTEMPTS = 100
_REBUILD_PAUSE_S = 0.05
_SERIALIZATION_FAILURE = "40001"


def fold_figures(container: Container, batch: int = FOLD_BATCH) -> int:
    """Fold every delta there is, batch by batch; how many. Stops early when another process is
    folding (it folds the rest)."""
    if "figure_ledger" not in container.providers:
        return 0
    ledger, folded = container.figure_ledger(), 0
    while True:
        with container.session_factory()() as session, session.begin():
            step: int = ledger.fold(session, batch)
        folded += step
        if step < batch:
            return folded


def rebuild_figures(container: Container) -> bool:
    """False when no enabled module keeps a ledger (the core module provides it). One transaction,
    tried again while a fold holds it off (see modules/tenancy/ledger_rebuild.py)."""
    if "figure_ledger" not in container.providers:
        return False
    for attempt in range(_REBUILD_ATTEMPTS):
        try:
            with container.session_factory()() as session, session.begin():
                container.figure_ledger().rebuild(session, container.figure_sources())
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
    raise FoldInProgressError(f"the figures were still being folded after {_REBUILD_ATTEMPTS} attempts")

"""Rebuild the figures ledger from the raw tables (see `kernel.contracts.figures`).

Writes keep the ledger in step one by one; what arrives in bulk does not go through them: seeded
rows, and rows that existed before a module's figures were first kept (a migration). After those,
the ledger is computed afresh from every enabled module's `FigureSource`, in one transaction.
"""

from __future__ import annotations

from adapters.container import Container

__all__ = ("rebuild_figures",)


def rebuild_figures(container: Container) -> bool:
    """False when no enabled module keeps a ledger (the core module provides it)."""
    if "figure_ledger" not in container.providers:
        return False
    with container.session_factory()() as session, session.begin():
        container.figure_ledger().rebuild(session, container.figure_sources())
    return True

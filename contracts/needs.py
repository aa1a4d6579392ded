"""What a module's container takes from the composition root, declared in one line.

`session_factory, clock, ledger = needs(sessionmaker, Clock, LedgerWriter)` in a module container's
body declares three `providers.Dependency`, each checked against its type; the root
(`adapters/bootstrap.py`) passes the providers of the same names, and a need nothing provides stops
start-up naming the module and the need. The names are the attributes they are assigned to, so a
module's needs read in its container alone (dependency-injector's `decoupled-packages` pattern),
in a line instead of one per need.
"""

from __future__ import annotations

from typing import Any

from dependency_injector import providers

__all__ = ("needs",)


def needs(*kinds: type[Any]) -> tuple[providers.Dependency[Any], ...]:
    """One `providers.Dependency(instance_of=kind)` per kind, in order."""
    return tuple(providers.Dependency(instance_of=kind) for kind in kinds)

"""Customers' providers; the ledger comes from tenancy through `core`. `ledger_sources` and
`ledger_metrics` join the lists tenancy collects."""

from __future__ import annotations

from dependency_injector import containers, providers

from modules.customers.ledger_keys import CUSTOMERS_SOURCE
from modules.customers.metrics import CUSTOMERS_METRICS
from modules.customers.service import CustomerService

__all__ = ("CustomersContainer",)


class CustomersContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    customer_service = providers.Singleton(
        CustomerService, sessions=core.session_factory, clock=core.clock, ledger=core.ledger
    )
    ledger_sources = providers.Object(CUSTOMERS_SOURCE)
    ledger_metrics = providers.Object(CUSTOMERS_METRICS)

"""Customers' providers. What it needs from the root it declares as dependencies, passed by name at
start (adapters/bootstrap.py): sessions, the clock and tenancy's ledger. `ledger_sources` and
`ledger_metrics` join the lists tenancy collects, `customer_books` the one orders collects (each new
order finds or adds its customer through it)."""

from __future__ import annotations

from dependency_injector import containers, providers
from sqlalchemy.orm import sessionmaker

from contracts.needs import needs
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from modules.customers.customer_book import SqlCustomerBook
from modules.customers.ledger_keys import CUSTOMERS_SOURCE
from modules.customers.metrics import CUSTOMERS_METRICS
from modules.customers.service import CustomerService

__all__ = ("CustomersContainer",)


class CustomersContainer(containers.DeclarativeContainer):
    session_factory, clock, ledger = needs(sessionmaker, Clock, LedgerWriter)

    customer_service = providers.Singleton(
        CustomerService, sessions=session_factory, clock=clock, ledger=ledger
    )
    customer_books = providers.Singleton(SqlCustomerBook, ledger=ledger)
    ledger_sources = providers.Object(CUSTOMERS_SOURCE)
    ledger_metrics = providers.Object(CUSTOMERS_METRICS)

"""Customers' providers; the vendor directory comes from tenancy through the root's `core`."""

from __future__ import annotations

from dependency_injector import containers, providers

from modules.customers.metrics import CustomersMetricsProvider
from modules.customers.service import CustomerService

__all__ = ("CustomersContainer",)


class CustomersContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    customer_service = providers.Singleton(CustomerService, sessions=core.session_factory, clock=core.clock)
    metrics_provider = providers.Singleton(CustomersMetricsProvider, vendors=core.vendor_directory)

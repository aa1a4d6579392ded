"""The signed-in vendor's customers. `current_vendor_id` is offered by the HTTP adapter after it has
checked the caller is a vendor user, so another vendor's customers are never in reach."""

from __future__ import annotations

from typing import Annotated, Any, get_args

import msgspec
from litestar import Controller, Router, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody, QueryParameter

from contracts.fields import MAX_ID, Email
from contracts.pagination import DEFAULT_LIMIT, MAX_LIMIT
from modules.customers.schemas import CustomerCreate, CustomerOut, CustomerPage
from modules.customers.service import CustomerService

__all__ = ("CustomerController", "build_routes")

# The kernel's email bounds restated for a query parameter: Litestar does not read a msgspec.Meta
# there, and a NUL byte in a filter would reach PostgreSQL, which refuses it.
_EMAIL: msgspec.Meta = get_args(Email)[1]
EmailFilter = Annotated[
    str | None,
    QueryParameter(
        min_length=_EMAIL.min_length,
        max_length=_EMAIL.max_length,
        pattern=_EMAIL.pattern,
        description="Only the customer with this email, whatever its case",
    ),
]


class CustomerController(Controller):
    path = "/api/v1/vendor/customers"
    tags = ["customers"]

    @post("/", summary="Record a customer", sync_to_thread=True)
    def create_customer(
        self,
        data: JSONBody[CustomerCreate],
        current_vendor_id: NamedDependency[int],
        customer_service: NamedDependency[CustomerService],
    ) -> CustomerOut:
        """Record a customer of the signed-in vendor; an email already recorded for it is a 409."""
        return customer_service.create(current_vendor_id, data)

    @get("/", summary="List the vendor's customers", sync_to_thread=True)
    def list_customers(
        self,
        current_vendor_id: NamedDependency[int],
        customer_service: NamedDependency[CustomerService],
        email: EmailFilter = None,
        limit: Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
        offset: Annotated[int, QueryParameter(ge=0, le=MAX_ID)] = 0,
    ) -> CustomerPage:
        """The vendor's customers, newest first; `email` finds one whatever its case."""
        return customer_service.list(current_vendor_id, email=email, limit=limit, offset=offset)


def build_routes(services: Any) -> list[Router]:
    def provide_customer_service() -> CustomerService:
        return services.customer_service()  # type: ignore[no-any-return]

    return [
        Router(
            path="/",
            route_handlers=[CustomerController],
            dependencies={"customer_service": Provide(provide_customer_service, sync_to_thread=False)},
        )
    ]

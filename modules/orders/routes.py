"""The signed-in vendor's orders. `current_vendor_id` is offered by the HTTP adapter after it has
checked the caller is a vendor user and that the request's host does not name another vendor."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from litestar import Controller, Response, Router, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery, HeaderParameter, JSONBody, PathParameter, QueryParameter
from litestar.status_codes import HTTP_201_CREATED

from contracts.fields import MAX_ID
from contracts.pagination import DEFAULT_LIMIT, MAX_LIMIT
from contracts.tenancy import PlatformRef
from modules.orders.idempotency import checked_key
from modules.orders.import_routes import OrderImportController
from modules.orders.order_import import OrderImportService
from modules.orders.refunds import RefundService
from modules.orders.schemas import (
    OrderCreate,
    OrderMove,
    OrderOut,
    OrderPage,
    OrderStatus,
    RefundCreate,
    RefundOut,
)
from modules.orders.service import OrderService

__all__ = ("OrderController", "build_routes")

T = TypeVar("T")
IdempotencyKeyHeader = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        required=False,
        description="Any 1 to 255 visible ASCII characters (a UUID, say), new for each new write: the "
        "same write sent again with it is answered as the first time and done once",
        # Documented, and checked by `checked_key`, whose error names the header in a sentence
        schema_extra={"minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
    ),
]


def _created(answer: T, replayed: bool) -> Response[T]:
    """201 either way (a retry sees what the first request saw); `Idempotent-Replayed` tells them apart."""
    headers = {"Idempotent-Replayed": "true"} if replayed else {}
    return Response(answer, status_code=HTTP_201_CREATED, headers=headers)


def _platform_id(platform: PlatformRef | None) -> int | None:
    """The request's platform, whose module switches say whether stock follows the order."""
    return platform.id if platform is not None else None


class OrderController(Controller):
    path = "/api/v1/vendor/orders"
    tags = ["orders"]

    @post("/", summary="Record an order", sync_to_thread=True)
    def create_order(
        self,
        data: JSONBody[OrderCreate],
        current_vendor_id: NamedDependency[int],
        order_service: NamedDependency[OrderService],
        platform_context: NamedDependency[PlatformRef | None],
        idempotency_key: IdempotencyKeyHeader = None,
    ) -> Response[OrderOut]:
        """Record an order for the signed-in vendor; the server stamps its time. Sent again with the
        same `Idempotency-Key` and the same body, it answers as the first time and records nothing.
        Recorded paid, shipped or delivered, its product lines take their units out of stock
        (inventory): too few is a 409."""
        key, platform = checked_key(idempotency_key), _platform_id(platform_context)
        order, replayed = order_service.record(current_vendor_id, data, key, platform)
        return _created(order, replayed)

    @get("/", summary="List the vendor's orders", sync_to_thread=True)
    def list_orders(
        self,
        current_vendor_id: NamedDependency[int],
        order_service: NamedDependency[OrderService],
        status: FromQuery[OrderStatus | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
        offset: Annotated[int, QueryParameter(ge=0, le=MAX_ID)] = 0,
    ) -> OrderPage:
        """The vendor's orders, newest first."""
        return order_service.list(current_vendor_id, status=status, limit=limit, offset=offset)

    @get("/{order_id:int}", summary="Show an order", sync_to_thread=True)
    def get_order(
        self,
        order_id: Annotated[int, PathParameter(ge=1, le=MAX_ID)],
        current_vendor_id: NamedDependency[int],
        order_service: NamedDependency[OrderService],
    ) -> OrderOut:
        """One of the vendor's orders with the moment of each step of its life; another vendor's is a 404."""
        return order_service.get(current_vendor_id, order_id)

    @patch("/{order_id:int}", summary="Move an order to its next status", sync_to_thread=True)
    def move_order(
        self,
        order_id: Annotated[int, PathParameter(ge=1, le=MAX_ID)],
        data: JSONBody[OrderMove],
        current_vendor_id: NamedDependency[int],
        order_service: NamedDependency[OrderService],
        platform_context: NamedDependency[PlatformRef | None],
    ) -> OrderOut:
        """pending → paid → shipped → delivered; pending or paid → cancelled; paid, shipped or
        delivered → refunded. Any other move is a 409 naming the ones the order can make; so is a
        move that loses a race with another move of the same order. With inventory on, paying takes
        the product lines' units out of stock (too few: a 409), cancelling a paid order puts them
        back, and so does a move to refunded with `"restock": true`."""
        return order_service.move(current_vendor_id, order_id, data, _platform_id(platform_context))

    @post("/{order_id:int}/refunds", summary="Refund an order in whole or in part", sync_to_thread=True)
    def refund_order(
        self,
        order_id: Annotated[int, PathParameter(ge=1, le=MAX_ID)],
        data: JSONBody[RefundCreate],
        current_vendor_id: NamedDependency[int],
        refund_service: NamedDependency[RefundService],
        platform_context: NamedDependency[PlatformRef | None],
        idempotency_key: IdempotencyKeyHeader = None,
    ) -> Response[RefundOut]:
        """Give back `amount_cents` of a paid, shipped or delivered order; what is left to refund is
        its total less its earlier refunds, and more is a 409. A refund of all that is left moves the
        order to refunded. With an `Idempotency-Key` already used for the same refund, it answers
        as the first time and gives nothing back again. With `"restock": true` the units the order
        took out of stock go back (once per order; `restocked_units` says how many)."""
        key, platform = checked_key(idempotency_key), _platform_id(platform_context)
        refund, replayed = refund_service.record(current_vendor_id, order_id, data, key, platform)
        return _created(refund, replayed)


def build_routes(services: Any) -> list[Router]:
    def provide_order_service() -> OrderService:
        return services.order_service()  # type: ignore[no-any-return]

    def provide_refund_service() -> RefundService:
        return services.refund_service()  # type: ignore[no-any-return]

    def provide_order_import() -> OrderImportService:
        return services.order_import()  # type: ignore[no-any-return]

    return [
        Router(
            path="/",
            route_handlers=[OrderController, OrderImportController],
            dependencies={
                "order_service": Provide(provide_order_service, sync_to_thread=False),
                "refund_service": Provide(provide_refund_service, sync_to_thread=False),
                "order_import": Provide(provide_order_import, sync_to_thread=False),
            },
        )
    ]

"""The signed-in vendor's stock. `current_vendor_id` is offered by the HTTP adapter after it has
checked the caller is a vendor user and that the request's host does not name another vendor."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Router, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody, PathParameter, QueryParameter

from contracts.fields import MAX_ID
from contracts.pagination import DEFAULT_LIMIT, MAX_LIMIT
from modules.inventory.schemas import StockAdjust, StockCreate, StockOut, StockPage
from modules.inventory.service import StockService

__all__ = ("StockController", "build_routes")


class StockController(Controller):
    path = "/api/v1/vendor/inventory/stock"
    tags = ["inventory"]

    @post("/", summary="Record stock of a product", sync_to_thread=True)
    def create_stock(
        self,
        data: JSONBody[StockCreate],
        current_vendor_id: NamedDependency[int],
        stock_service: NamedDependency[StockService],
    ) -> StockOut:
        """Record stock of one of the vendor's products at a location; a second row for the same
        product and location is a 409, a product the vendor does not own a 404."""
        return stock_service.create(current_vendor_id, data)

    @get("/", summary="List the vendor's stock", sync_to_thread=True)
    def list_stock(
        self,
        current_vendor_id: NamedDependency[int],
        stock_service: NamedDependency[StockService],
        product_id: Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
        offset: Annotated[int, QueryParameter(ge=0, le=MAX_ID)] = 0,
    ) -> StockPage:
        """The vendor's stock rows, newest first, optionally of one product."""
        return stock_service.list(current_vendor_id, product_id=product_id, limit=limit, offset=offset)

    @post("/{stock_id:int}/adjust", summary="Adjust stock", status_code=200, sync_to_thread=True)
    def adjust_stock(
        self,
        stock_id: Annotated[int, PathParameter(ge=1, le=MAX_ID)],
        data: JSONBody[StockAdjust],
        current_vendor_id: NamedDependency[int],
        stock_service: NamedDependency[StockService],
    ) -> StockOut:
        """Add or take out units (and optionally set the reorder threshold); stock never goes below 0."""
        return stock_service.adjust(current_vendor_id, stock_id, data)


def build_routes(services: Any) -> list[Router]:
    def provide_stock_service() -> StockService:
        return services.stock_service()  # type: ignore[no-any-return]

    return [
        Router(
            path="/",
            route_handlers=[StockController],
            dependencies={"stock_service": Provide(provide_stock_service, sync_to_thread=False)},
        )
    ]

"""The signed-in vendor's products. `current_vendor_id` is offered by the HTTP adapter after it has
checked the caller is a vendor user and that the request's host does not name another vendor."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Router, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery, JSONBody, PathParameter, QueryParameter

from contracts.fields import MAX_ID
from contracts.pagination import DEFAULT_LIMIT, MAX_LIMIT
from modules.catalog.schemas import ProductCreate, ProductOut, ProductPage, ProductUpdate
from modules.catalog.service import ProductService

__all__ = ("ProductController", "build_routes")


class ProductController(Controller):
    path = "/api/v1/vendor/catalog/products"
    tags = ["catalog"]

    @post("/", summary="Add a product", sync_to_thread=True)
    def create_product(
        self,
        data: JSONBody[ProductCreate],
        current_vendor_id: NamedDependency[int],
        product_service: NamedDependency[ProductService],
    ) -> ProductOut:
        """Add a product; a sku the vendor already uses is a 409."""
        return product_service.create(current_vendor_id, data)

    @get("/", summary="List the vendor's products", sync_to_thread=True)
    def list_products(
        self,
        current_vendor_id: NamedDependency[int],
        product_service: NamedDependency[ProductService],
        is_active: FromQuery[bool | None] = None,
        is_featured: FromQuery[bool | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
        offset: Annotated[int, QueryParameter(ge=0, le=MAX_ID)] = 0,
    ) -> ProductPage:
        """The vendor's products, newest first."""
        return product_service.list(
            current_vendor_id, is_active=is_active, is_featured=is_featured, limit=limit, offset=offset
        )

    @patch("/{product_id:int}", summary="Update a product", sync_to_thread=True)
    def update_product(
        self,
        product_id: Annotated[int, PathParameter(ge=1, le=MAX_ID)],
        data: JSONBody[ProductUpdate],
        current_vendor_id: NamedDependency[int],
        product_service: NamedDependency[ProductService],
    ) -> ProductOut:
        """Change a product's title, price or flags; another vendor's product is a 404."""
        return product_service.update(current_vendor_id, product_id, data)


def build_routes(services: Any) -> list[Router]:
    def provide_product_service() -> ProductService:
        return services.product_service()  # type: ignore[no-any-return]

    return [
        Router(
            path="/",
            route_handlers=[ProductController],
            dependencies={"product_service": Provide(provide_product_service, sync_to_thread=False)},
        )
    ]

"""A platform admin brings its vendors' past orders in: the same import as `tessera import orders`,
for the vendors active on the admin's platform (or any platform, for a super admin)."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter
from litestar.status_codes import HTTP_200_OK

from contracts.fields import MAX_ID
from kernel.identity import Principal
from modules.orders.import_schemas import MAX_IMPORT_ROWS, ImportOut, OrderImportIn
from modules.orders.order_import import OrderImportService

__all__ = ("OrderImportController",)

_MAX_BODY_BYTES = MAX_IMPORT_ROWS * 2_000
"""A full list fits: an order with a handful of lines is well under 2 kB of JSON (the API's usual
bound of 1 MB would cut an import at a few thousand orders)."""


class OrderImportController(Controller):
    path = "/api/v1/admin/platforms/{platform_id:int}/orders/import"
    tags = ["orders"]

    @post(
        "/",
        summary="Import past orders",
        status_code=HTTP_200_OK,
        sync_to_thread=True,
        request_max_body_size=_MAX_BODY_BYTES,
    )
    def import_orders(
        self,
        platform_id: Annotated[int, PathParameter(ge=1, le=MAX_ID)],
        data: JSONBody[OrderImportIn],
        principal: NamedDependency[Principal],
        order_import: NamedDependency[OrderImportService],
    ) -> ImportOut:
        """Past orders of the platform's vendors, with their own dates, statuses, lines and refunds,
        imported whole or not at all: any bad row is a 400 listing every bad row by its line (the
        Nth order is line N) and nothing is imported. Orders whose `external_id` is already there
        with the same details are skipped, so sending the same list again imports nothing twice."""
        return order_import.import_rows(principal, data.orders, platform_id)

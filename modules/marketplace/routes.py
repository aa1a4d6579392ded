"""The signed-in vendor's product imports: upload a CSV, follow the job, review it, approve it.

`current_vendor_id` is offered by the HTTP adapter after it has checked the caller is a vendor
user; a job of another vendor is "not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Controller, Router, get, post
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency, Provide
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromQuery, PathParameter, QueryParameter

from contracts.fields import MAX_ID
from contracts.pagination import DEFAULT_LIMIT, MAX_LIMIT
from contracts.tenancy import PlatformRef
from modules.marketplace.approval import ImportApproval
from modules.marketplace.schemas import (
    ApprovalOut,
    ImportJobOut,
    ImportJobPage,
    JobStatus,
    RowErrorPage,
    StagingProductPage,
)
from modules.marketplace.service import MAX_FILE_BYTES, ImportService

__all__ = ("ImportController", "ImportUpload", "build_routes")

JobId = Annotated[int, PathParameter(ge=1, le=MAX_ID)]
Limit = Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description="Items per page")]
Offset = Annotated[int, QueryParameter(ge=0, le=MAX_ID, description="Items to skip")]
# Room for the multipart envelope around the largest file accepted; bigger bodies are cut off early.
_MAX_BODY_BYTES = MAX_FILE_BYTES + 64 * 1024
_A_CSV_FILE = (
    "sku,title,price,quantity\nTENT-2P-GREEN,Two-person tent,249.00,12\nMAT-XL,Sleeping mat XL,39.90,40\n"
)


@dataclass
class ImportUpload:
    """The multipart form: one `file` field holding a UTF-8 CSV file (a BOM is fine).

    A dataclass rather than a msgspec Struct, because msgspec cannot describe an `UploadFile`. The
    schema says the file may not be empty; its 5 MB ceiling stays out of it, because schemathesis
    cannot build a file that breaks it and then reports the valid file it sends instead as accepted.
    """

    file: Annotated[UploadFile, Body(schema_extra={"minLength": 1, "examples": [_A_CSV_FILE]})]


class ImportController(Controller):
    path = "/api/v1/vendor/marketplace/imports"
    tags = ["marketplace"]

    @post(
        "/",
        summary="Import products from a CSV file",
        sync_to_thread=True,
        request_max_body_size=_MAX_BODY_BYTES,
    )
    def upload_import(
        self,
        data: Annotated[ImportUpload, Body(media_type=RequestEncodingType.MULTI_PART)],
        current_vendor_id: NamedDependency[int],
        import_service: NamedDependency[ImportService],
    ) -> ImportJobOut:
        """Import a CSV of products (columns sku, title, price and optionally quantity) at most 5 MB.

        The answer is the finished job: `completed` with its row counts, bad rows listed under
        `/errors`; or `failed` with `error` saying why the file as a whole could not be read.
        """
        with data.file.file as upload:  # closing it removes the temporary file a large upload spills to
            content = upload.read(MAX_FILE_BYTES + 1)
        return import_service.upload(current_vendor_id, data.file.filename, content)

    @get("/", summary="List the vendor's imports", sync_to_thread=True)
    def list_imports(
        self,
        current_vendor_id: NamedDependency[int],
        import_service: NamedDependency[ImportService],
        status: FromQuery[JobStatus | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> ImportJobPage:
        """The vendor's imports, newest first."""
        return import_service.list(current_vendor_id, status=status, limit=limit, offset=offset)

    @get(
        "/{job_id:int}",
        summary="Read an import",
        description="One of the vendor's imports, with its row counts; another vendor's is a 404.",
        sync_to_thread=True,
    )
    def get_import(
        self,
        job_id: JobId,
        current_vendor_id: NamedDependency[int],
        import_service: NamedDependency[ImportService],
    ) -> ImportJobOut:
        return import_service.get(current_vendor_id, job_id)

    @get("/{job_id:int}/errors", summary="List an import's bad rows", sync_to_thread=True)
    def list_import_errors(
        self,
        job_id: JobId,
        current_vendor_id: NamedDependency[int],
        import_service: NamedDependency[ImportService],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> RowErrorPage:
        """The import's bad rows, in file order: line number (header = line 1) and reason."""
        return import_service.errors(current_vendor_id, job_id, limit=limit, offset=offset)

    @get("/{job_id:int}/rows", summary="List an import's staged rows", sync_to_thread=True)
    def list_import_rows(
        self,
        job_id: JobId,
        current_vendor_id: NamedDependency[int],
        import_service: NamedDependency[ImportService],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> StagingProductPage:
        """The import's valid rows in file order, staged until the import is approved."""
        return import_service.rows(current_vendor_id, job_id, limit=limit, offset=offset)

    @post("/{job_id:int}/approve", summary="Approve an import", status_code=200, sync_to_thread=True)
    def approve_import(
        self,
        job_id: JobId,
        current_vendor_id: NamedDependency[int],
        import_approval: NamedDependency[ImportApproval],
        platform_context: NamedDependency[PlatformRef | None],
    ) -> ApprovalOut:
        """Publish a completed import's staged rows into the catalog, all or nothing; 409 otherwise.

        Quantities set the products' stock when inventory is on for the request's platform;
        otherwise `job.approval_note` says they were not applied."""
        platform_id = platform_context.id if platform_context is not None else None
        return import_approval.approve(current_vendor_id, job_id, platform_id)


def build_routes(services: Any) -> list[Router]:
    def provide_import_service() -> ImportService:
        return services.import_service()  # type: ignore[no-any-return]

    def provide_import_approval() -> ImportApproval:
        return services.import_approval()  # type: ignore[no-any-return]

    return [
        Router(
            path="/",
            route_handlers=[ImportController],
            dependencies={
                "import_service": Provide(provide_import_service, sync_to_thread=False),
                "import_approval": Provide(provide_import_approval, sync_to_thread=False),
            },
        )
    ]

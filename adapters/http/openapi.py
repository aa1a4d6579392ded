"""Document the API's error responses once, for every operation, in the served OpenAPI schema.

Errors are mapped in one place (`errors.py`), so they are documented in one place too: every API
operation can answer 400, 403, 404 and 409 with an `ErrorBody`, and 401 unless it is public.
"""

from __future__ import annotations

from litestar.openapi.spec import (
    OpenAPI,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Reference,
    Schema,
)

__all__ = ("document_errors",)

_ERRORS = {
    "400": "A parameter or the body is invalid; `extra` names each field at fault",
    "401": "No token, or a token that is forged or expired",
    "403": "Signed in, but this role or tenant may not do this",
    "404": "Not found, or belongs to another tenant",
    "409": "Clashes with existing data",
}

_ERROR_BODY = Schema(
    type=OpenAPIType.OBJECT,
    required=["status_code", "detail"],
    properties={
        "status_code": Schema(type=OpenAPIType.INTEGER),
        "detail": Schema(type=OpenAPIType.STRING),
        "extra": Schema(
            one_of=[
                Schema(type=OpenAPIType.NULL),
                Schema(
                    type=OpenAPIType.ARRAY,
                    items=Schema(
                        type=OpenAPIType.OBJECT,
                        required=["key", "message"],
                        properties={
                            "key": Schema(type=OpenAPIType.STRING),
                            "message": Schema(type=OpenAPIType.STRING),
                            "source": Schema(
                                one_of=[Schema(type=OpenAPIType.STRING), Schema(type=OpenAPIType.NULL)]
                            ),
                        },
                    ),
                ),
            ]
        ),
    },
    title="ErrorBody",
)


def _operations(openapi: OpenAPI) -> list[tuple[str, Operation]]:
    found = []
    for path, item in (openapi.paths or {}).items():
        for method in ("get", "put", "post", "delete", "patch"):
            operation = getattr(item, method, None)
            if isinstance(operation, Operation):
                found.append((path, operation))
    return found


def document_errors(openapi: OpenAPI) -> None:
    openapi.components.schemas["ErrorBody"] = _ERROR_BODY
    reference = Reference(ref="#/components/schemas/ErrorBody")
    for path, operation in _operations(openapi):
        if not path.startswith("/api/"):
            continue
        public = operation.security == []
        responses = operation.responses if operation.responses is not None else {}
        for status, description in _ERRORS.items():
            if status == "401" and public:
                continue
            responses[status] = OpenAPIResponse(
                description=description, content={"application/json": OpenAPIMediaType(schema=reference)}
            )
        operation.responses = responses

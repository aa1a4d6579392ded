"""Document what the route handlers cannot say themselves, once, in the served OpenAPI schema.

Errors are mapped in one place (`errors.py`), so they are documented in one place too: every API
operation can answer 400, 401, 403, 404, 409 and 503 with an `ErrorBody` (the sign-in route answers
401 to wrong credentials; 503 is the database not answering). And the operations the auth
middleware lets through without a token say so with an empty `security`: Litestar drops a
handler's `security=[]`, which would leave them under the schema-wide bearer requirement. The
dashboards, which answer CSV to `Accept: text/csv`, list it beside JSON (a handler declares one
return type, the JSON body's).
"""

from __future__ import annotations

from collections.abc import Collection

from litestar.openapi.spec import (
    OpenAPI,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Reference,
    Schema,
)

__all__ = ("document_csv", "document_errors", "document_public")

_ERRORS = {
    "400": "A parameter or the body is invalid; `extra` names each field at fault",
    "401": "No token, a token that is forged or expired, or (signing in) wrong credentials",
    "403": "Signed in, but this role or tenant may not do this",
    "404": "Not found, or belongs to another tenant",
    "409": "Clashes with existing data",
    "503": "The database is not answering; nothing was changed: retry after `Retry-After` seconds",
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


def _operations(openapi: OpenAPI) -> list[tuple[str, str, Operation]]:
    found = []
    for path, item in (openapi.paths or {}).items():
        for method in ("get", "put", "post", "delete", "patch"):
            operation = getattr(item, method, None)
            if isinstance(operation, Operation):
                found.append((path, method, operation))
    return found


def document_errors(openapi: OpenAPI) -> None:
    openapi.components.schemas["ErrorBody"] = _ERROR_BODY
    reference = Reference(ref="#/components/schemas/ErrorBody")
    for path, _, operation in _operations(openapi):
        if not path.startswith("/api/"):
            continue
        responses = operation.responses if operation.responses is not None else {}
        for status, description in _ERRORS.items():
            responses[status] = OpenAPIResponse(
                description=description, content={"application/json": OpenAPIMediaType(schema=reference)}
            )
        operation.responses = responses


def document_public(openapi: OpenAPI, public: Collection[tuple[str, str]]) -> None:
    """`public` holds the `(path, method)` of each operation needing no token, e.g. `("/health", "get")`."""
    for path, method, operation in _operations(openapi):
        if (path, method) in public:
            operation.security = []


def document_csv(openapi: OpenAPI, answering: Collection[tuple[str, str]]) -> None:
    """`answering` holds the `(path, method)` of each operation whose 200 may also be `text/csv`."""
    for path, method, operation in _operations(openapi):
        ok = (operation.responses or {}).get("200")
        if (path, method) in answering and isinstance(ok, OpenAPIResponse):
            ok.content = {
                **(ok.content or {}),
                "text/csv": OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING)),
            }
            ok.description = f"{ok.description}; CSV (a download) when Accept asks for text/csv"

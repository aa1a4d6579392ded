"""Upload helpers for marketplace's API tests."""

from __future__ import annotations

from typing import Any

from tests.api import Api
from tests.removal import REMOVED

IMPORTS = "/api/v1/vendor/marketplace/imports"
INVENTORY_ON = "inventory" not in REMOVED
"""False when the removability matrix took inventory away (settings, platform switch or disk)."""
NOT_APPLIED = "quantities not applied: the inventory module is off for this platform"


def stock_outcome(rows: int) -> dict[str, Any]:
    """What an approved job says of a file whose quantities set `rows` stock rows, inventory permitting."""
    if INVENTORY_ON:
        return {"stock_rows_set": rows, "approval_note": None}
    return {"stock_rows_set": 0, "approval_note": NOT_APPLIED}


def upload(api: Api, headers: dict[str, str], content: bytes | str, filename: str = "products.csv") -> Any:
    """POST a file as a browser form would; returns the raw response."""
    body = content.encode() if isinstance(content, str) else content
    return api.client.post(IMPORTS, files={"file": (filename, body, "text/csv")}, headers=headers)


def imported(api: Api, headers: dict[str, str], content: bytes | str, filename: str = "products.csv") -> Any:
    """The job of an upload that must be accepted (201), whatever its outcome."""
    response = upload(api, headers, content, filename)
    assert response.status_code == 201, response.text
    return response.json()


def get(api: Api, headers: dict[str, str], path: str = "", **params: Any) -> Any:
    response = api.client.get(f"{IMPORTS}{path}", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def csv_of(valid: int, invalid: int = 0, prefix: str = "SKU") -> str:
    """A file of `valid` good rows then `invalid` rows with an empty title."""
    good = "".join(f"{prefix}-{n},Product {n},{n}.50,{n}\n" for n in range(1, valid + 1))
    bad = "".join(f"{prefix}-BAD-{n},,1.00,1\n" for n in range(1, invalid + 1))
    return f"sku,title,price,quantity\n{good}{bad}"


def approve(api: Api, headers: dict[str, str], job_id: int) -> Any:
    return api.client.post(f"{IMPORTS}/{job_id}/approve", headers=headers)

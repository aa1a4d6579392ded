"""Approving an import publishes its staged rows into the catalog, through catalog's real API and
contract, on both databases; anything but a completed, unapproved import with rows is a 409."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dependency_injector import providers
from sqlalchemy.orm import Session

from contracts.catalog import ProductDraft, ProductPublisher, PublishedProducts
from kernel.errors import ConflictError
from tests.api import Api
from tests.fakes.clock import FrozenClock
from tests.modules.marketplace.uploads import approve, csv_of, get, imported, stock_outcome

PRODUCTS = "/api/v1/vendor/catalog/products"
FILE = (
    "sku,title,price,quantity\n"
    "MUG-1,Blue mug,12.34,5\n"  # new
    "MUG-2,Red mug,0.99,0\n"  # the vendor already sells MUG-2: updated
    "BAD,,1,1\n"  # never staged, never published
)


def _catalog(api: Api, owner: dict[str, str]) -> dict[str, tuple[int, str, int]]:
    response = api.client.get(PRODUCTS, params={"limit": 100}, headers=owner)
    assert response.status_code == 200, response.text
    return {p["sku"]: (p["id"], p["title"], p["price_cents"]) for p in response.json()["items"]}


def test_approval_publishes_creates_and_updates_then_refuses_a_second_time(
    api: Api, world: dict, clock: FrozenClock
) -> None:
    owner = world["acme_owner"]
    old = api.post(PRODUCTS, owner, sku="MUG-2", title="Old red mug", price_cents=500)
    job = imported(api, owner, FILE)
    clock.set(datetime(2026, 6, 16, 8, 0, tzinfo=UTC))
    response = approve(api, owner, job["id"])
    assert response.status_code == 200, response.text
    body = response.json()
    catalog = _catalog(api, owner)
    assert catalog == {
        "MUG-1": (catalog["MUG-1"][0], "Blue mug", 1234),
        "MUG-2": (old["id"], "Red mug", 99),  # same product, new title and price
    }
    assert (body["created"], body["updated"]) == (1, 1)
    assert body["job"] == job | {"approved_at": "2026-06-16T08:00:00Z"} | stock_outcome(2)
    assert [(p["line"], p["sku"], p["quantity"], p["status"], p["product_id"]) for p in body["products"]] == [
        (2, "MUG-1", 5, "published", catalog["MUG-1"][0]),
        (3, "MUG-2", 0, "published", old["id"]),
    ]
    assert get(api, owner, f"/{job['id']}/rows")["items"] == body["products"]
    assert get(api, owner, f"/{job['id']}")["approved_at"] == "2026-06-16T08:00:00Z"

    again = approve(api, owner, job["id"])
    assert again.status_code == 409
    assert again.json()["detail"] == f"import {job['id']} was already approved at 2026-06-16T08:00:00+00:00"
    assert _catalog(api, owner) == catalog


def test_each_vendor_publishes_into_its_own_catalog(api: Api, world: dict) -> None:
    acme = imported(api, world["acme_owner"], FILE)
    bolt = imported(api, world["bolt_owner"], FILE)
    assert approve(api, world["bolt_owner"], acme["id"]).status_code == 404  # not bolt's to approve
    assert approve(api, world["bolt_owner"], bolt["id"]).json()["created"] == 2
    assert _catalog(api, world["acme_owner"]) == {}
    assert set(_catalog(api, world["bolt_owner"])) == {"MUG-1", "MUG-2"}
    assert get(api, world["acme_owner"], f"/{acme['id']}")["approved_at"] is None


def test_a_later_import_updates_what_an_earlier_one_published(api: Api, world: dict) -> None:
    owner = world["acme_owner"]
    first = imported(api, owner, "sku,title,price\nA-1,First,1.00\n")
    assert approve(api, owner, first["id"]).json()["created"] == 1
    second = imported(api, owner, "sku,title,price\nA-1,Second,2.50\nA-2,New,3\n")
    body = approve(api, owner, second["id"]).json()
    assert (body["created"], body["updated"]) == (1, 1)
    catalog = _catalog(api, owner)
    assert {sku: (title, cents) for sku, (_, title, cents) in catalog.items()} == {
        "A-1": ("Second", 250),
        "A-2": ("New", 300),
    }


def test_only_a_completed_import_with_valid_rows_can_be_approved(api: Api, world: dict) -> None:
    owner = world["acme_owner"]
    failed = imported(api, owner, b"sku,title\nA,B\n")
    response = approve(api, owner, failed["id"])
    assert response.status_code == 409
    assert (
        response.json()["detail"]
        == f"import {failed['id']} is failed: only a completed import can be approved"
    )
    empty = imported(api, owner, csv_of(0, invalid=2))
    assert (empty["status"], empty["rows_valid"]) == ("completed", 0)
    response = approve(api, owner, empty["id"])
    assert response.status_code == 409
    assert response.json()["detail"] == f"import {empty['id']} has no valid rows to publish"
    assert approve(api, owner, 999).status_code == 404
    assert approve(api, world["root"], failed["id"]).status_code == 403
    assert _catalog(api, owner) == {}


class _PublishThenFail:
    """Publishes for real in the approval's session, then fails: nothing of it may remain."""

    def __init__(self, publisher: ProductPublisher) -> None:
        self._publisher = publisher

    def publish(self, db: Session, vendor_id: int, drafts: Any) -> PublishedProducts:
        published = self._publisher.publish(db, vendor_id, drafts)
        assert published.created == 2
        raise ConflictError("the catalog refused the batch")


def test_a_failed_publication_leaves_the_catalog_and_the_import_unchanged(api: Api, world: dict) -> None:
    owner = world["acme_owner"]
    job = imported(api, owner, FILE)
    real: ProductPublisher = api.container.product_publisher()
    api.container.product_publisher.override(providers.Object(_PublishThenFail(real)))
    response = approve(api, owner, job["id"])
    assert response.status_code == 409
    assert response.json()["detail"] == "the catalog refused the batch"
    assert _catalog(api, owner) == {}
    assert get(api, owner, f"/{job['id']}")["approved_at"] is None
    assert {row["status"] for row in get(api, owner, f"/{job['id']}/rows")["items"]} == {"staged"}


def test_drafts_sent_to_the_catalog_are_exactly_the_staged_rows(api: Api, world: dict) -> None:
    sent: list[ProductDraft] = []

    class Recording:
        def publish(self, db: Session, vendor_id: int, drafts: Any) -> PublishedProducts:
            sent.extend(drafts)
            return PublishedProducts(created=len(drafts), updated=0, product_ids={d.sku: 7 for d in drafts})

    api.container.product_publisher.override(providers.Object(Recording()))
    api.container.all_stock_levels.override(providers.List())  # product 7 is made up: keep stock out of it
    job = imported(api, world["acme_owner"], FILE)
    assert approve(api, world["acme_owner"], job["id"]).status_code == 200
    assert sent == [ProductDraft("MUG-1", "Blue mug", 1234), ProductDraft("MUG-2", "Red mug", 99)]

"""The exact words of a refusal: one sentence naming the field and what it expects, never a regex,
a Python type or a traceback; the status that fits, and nothing stored."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import PASSWORD, Api

ORDERS = "/api/v1/vendor/orders"
STATS = "/api/v1/vendor/dashboard/stats"
IMPORTS = "/api/v1/vendor/marketplace/imports"
JSON = {"content-type": "application/json"}


@pytest.fixture
def owner(api: Api) -> dict[str, str]:
    root = api.super_admin()
    acme = api.vendor(root, "acme", [api.platform(root, "main")])
    return api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme)


def _refusal(response: Any, key: str, message: str, source: str | None) -> None:
    assert response.status_code == 400, response.text
    assert response.json() == {
        "status_code": 400,
        "detail": message,
        "extra": [{"key": key, "message": message, "source": source}],
    }


def test_a_bad_email_says_what_an_email_looks_like(api: Api, owner: dict[str, str]) -> None:
    response = api.client.post("/api/v1/auth/token", json={"email": "not an email", "password": PASSWORD})
    _refusal(response, "email", "email must look like name@example.com", "body")


def test_a_bad_period_says_what_a_period_looks_like(api: Api, owner: dict[str, str]) -> None:
    response = api.client.get(STATS, params={"period": "3x"}, headers=owner)
    _refusal(response, "period", "period must be a number and a unit d, w, m or y, like 30d or 12m", "query")


def test_a_bad_enum_lists_the_allowed_values_in_their_order(api: Api, owner: dict[str, str]) -> None:
    body = {"customer_email": "c@example.com", "total_cents": 100, "status": "PAID"}
    expected = "status must be one of pending, paid, shipped, delivered, cancelled, refunded"
    _refusal(api.client.post(ORDERS, json=body, headers=owner), "status", expected, "body")
    _refusal(api.client.get(ORDERS, params={"status": "PAID"}, headers=owner), "status", expected, "query")


def test_a_wrong_type_in_a_body_says_what_is_expected(api: Api, owner: dict[str, str]) -> None:
    body = {"customer_email": "c@example.com", "total_cents": "100"}
    expected = "total_cents must be a whole number from 0 to 10000000000"
    _refusal(api.client.post(ORDERS, json=body, headers=owner), "total_cents", expected, "body")


def test_a_length_says_the_length_even_where_a_pattern_has_words(api: Api, owner: dict[str, str]) -> None:
    root = api.login("root@example.com")
    body = {"email": "new@example.com", "password": "short", "role": "super_admin"}
    response = api.client.post("/api/v1/admin/users", json=body, headers=root)
    _refusal(response, "password", "password must be text of 10 to 256 characters", "body")


def test_a_missing_and_an_unknown_field_are_named(api: Api, owner: dict[str, str]) -> None:
    missing = api.client.post(ORDERS, json={"total_cents": 100}, headers=owner)
    _refusal(missing, "customer_email", "customer_email is required", "body")
    body = {"customer_email": "c@example.com", "total_cents": 1, "discount": 5}
    unknown = api.client.post(ORDERS, json=body, headers=owner)
    _refusal(unknown, "discount", "discount is not a field of this request: remove it", "body")


def test_a_body_that_is_not_an_object_is_named_the_body(api: Api, owner: dict[str, str]) -> None:
    response = api.client.post(ORDERS, json=[1, 2], headers=owner)
    _refusal(response, "data", "the body must be a JSON object", "body")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[" * 1000, "the body must not nest arrays and objects more than 32 deep"),
        (b'{"a":' * 40 + b"1" + b"}" * 40, "the body must not nest arrays and objects more than 32 deep"),
        (b'{"customer_email": "a\xff@example.com"}', "the body must be UTF-8 text"),
        (
            b'{"total_cents": 1' + b"0" * 5000 + b"}",
            "the body must be valid JSON (Integer value out of range)",
        ),
        (
            b"{not json",
            "the body must be valid JSON (JSON is malformed: object keys must be strings (byte 1))",
        ),
    ],
)
def test_a_body_that_cannot_be_read_is_400_and_logs_nothing(
    api: Api, owner: dict[str, str], body: bytes, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    response = api.client.post(ORDERS, content=body, headers={**owner, **JSON})
    _refusal(response, "body", message, "body")
    assert not [record for record in caplog.records if record.levelname == "ERROR"]
    assert api.client.get(ORDERS, headers=owner).json()["total"] == 0


def test_two_file_parts_ask_for_exactly_one(api: Api, owner: dict[str, str]) -> None:
    files = [("file", ("a.csv", b"sku,title,price\n")), ("file", ("b.csv", b"sku,title,price\n"))]
    response = api.client.post(IMPORTS, files=files, headers=owner)
    _refusal(response, "file", "send exactly one file in the 'file' field", "body")
    assert api.client.get(IMPORTS, headers=owner).json()["total"] == 0


def test_period_with_date_from_is_refused_naming_both(api: Api, owner: dict[str, str]) -> None:
    response = api.client.get(STATS, params={"period": "7d", "date_from": "2026-01-01"}, headers=owner)
    message = (
        "period and date_from both say where the window starts: send period (with date_to to end it on "
        "that day) or date_from, not both"
    )
    assert response.status_code == 400
    assert response.json() == {
        "status_code": 400,
        "detail": f"period: {message}",
        "extra": [{"key": "period", "message": message, "source": None}],
    }


def test_period_with_date_to_is_the_period_ending_then(api: Api, owner: dict[str, str]) -> None:
    period = api.stats(STATS, owner, period="7d", date_to="2026-01-31")["period"]
    assert (period["name"], period["date_from"], period["date_to"]) == ("7d", "2026-01-25", "2026-01-31")


def test_a_parameter_sent_twice_is_refused(api: Api, owner: dict[str, str]) -> None:
    response = api.client.get(f"{STATS}?period=7d&period=30d", headers=owner)
    _refusal(response, "period", "period was sent 2 times: send it once", "query")


def test_a_body_over_the_limit_is_413_naming_the_limit(api: Api, owner: dict[str, str]) -> None:
    body = b'{"customer_email": "' + b"a" * 1_000_000 + b'"}'
    response = api.client.post(ORDERS, content=body, headers={**owner, **JSON})
    assert response.status_code == 413
    assert response.json() == {
        "status_code": 413,
        "detail": "the body is larger than this route accepts (1,000,000 bytes)",
        "extra": None,
    }

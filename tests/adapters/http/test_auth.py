"""Signing in, and every way a token can be missing, wrong or forged: always the same clean 401."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from tests.api import PASSWORD, Api
from tests.database import SECRET

ADMIN_STATS = "/api/v1/admin/dashboard/stats"


def _claims(token: str) -> dict:
    return jwt.decode(token, SECRET, algorithms=["HS256"])


def test_a_token_carries_user_role_platform_and_vendor(api: Api) -> None:
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    vendor = api.vendor(root, "acme", [main])
    api.post(
        "/api/v1/admin/users",
        root,
        email="Owner@Acme.test",
        password=PASSWORD,
        role="vendor_owner",
        vendor_id=vendor,
    )
    response = api.client.post("/api/v1/auth/token", json={"email": "owner@acme.test", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert (body["token_type"], body["expires_in"]) == ("bearer", 3600)
    claims = _claims(body["access_token"])
    assert claims["sub"] == "2"
    assert claims["extras"] == {"role": "vendor_owner", "platform_id": main, "vendor_id": vendor}
    assert claims["exp"] - claims["iat"] == 3600


def test_wrong_email_and_wrong_password_get_the_same_answer(api: Api) -> None:
    api.super_admin()
    answers = [
        api.client.post("/api/v1/auth/token", json={"email": email, "password": password})
        for email, password in (("nobody@example.com", PASSWORD), ("root@example.com", "wrong password"))
    ]
    assert [a.status_code for a in answers] == [401, 401]
    assert (
        answers[0].json()
        == answers[1].json()
        == {
            "status_code": 401,
            "detail": "wrong email or password",
            "extra": None,
        }
    )
    assert answers[0].headers["www-authenticate"] == "Bearer"


OTHER_KEY = "another-key-that-is-also-long-enough-for-hs256"


def _forge(payload: dict, key: str = OTHER_KEY) -> str:
    return jwt.encode(payload, key, algorithm="HS256")


def _valid_payload() -> dict:
    now = datetime.now(UTC)
    return {"sub": "1", "iat": now, "exp": now + timedelta(hours=1), "extras": {"role": "super_admin"}}


def _unsigned() -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part({'sub': '1', 'extras': {'role': 'super_admin'}})}."


@pytest.mark.parametrize(
    ("authorization", "detail"),
    [
        (None, "No JWT token found in request header"),
        ("Bearer", "Invalid token"),
        ("Bearer not-a-token", "Invalid token"),
        ("Bearer " + _forge(_valid_payload()), "Invalid token"),  # signed with another key
        ("Bearer " + _unsigned(), "Invalid token"),  # alg=none
        (
            "Bearer " + _forge({**_valid_payload(), "exp": datetime.now(UTC) - timedelta(seconds=5)}, SECRET),
            "Invalid token",
        ),  # expired
    ],
)
def test_missing_or_forged_tokens_are_401(api: Api, authorization: str | None, detail: str) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = api.client.get(ADMIN_STATS, headers=headers)
    assert response.status_code == 401
    assert response.json()["detail"] == detail


@pytest.mark.parametrize(
    ("sub", "extras"),
    [
        ("99999999999999999999", {"role": "super_admin"}),  # past any database integer: was a 500
        ("0", {"role": "super_admin"}),
        ("1", {"role": "vendor_owner", "vendor_id": 2**63}),
        ("1", {"role": "platform_admin", "platform_id": -1}),
    ],
)
def test_a_token_naming_ids_no_row_can_have_is_401(api: Api, sub: str, extras: dict) -> None:
    api.super_admin()
    token = _forge({**_valid_payload(), "sub": sub, "extras": extras}, SECRET)
    response = api.client.get(ADMIN_STATS, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    "extras",
    [
        {"role": "emperor"},
        {},
        {"role": "super_admin", "platform_id": "1"},
        {"role": "vendor_owner", "vendor_id": True},
    ],
)
def test_a_correctly_signed_token_with_claims_we_never_write_is_401(api: Api, extras: dict) -> None:
    token = _forge({**_valid_payload(), "extras": extras}, SECRET)
    response = api.client.get(ADMIN_STATS, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_public_routes_need_no_token(api: Api) -> None:
    assert api.client.get("/health").status_code == 200
    assert api.client.get("/ready").status_code == 200
    assert api.client.get("/schema/openapi.json").status_code == 200


def test_a_deactivated_user_cannot_sign_in(api: Api) -> None:
    root = api.super_admin()
    main = api.platform(root, "main")
    vendor = api.vendor(root, "acme", [main])
    api.user(root, "owner@acme.test", "vendor_owner", vendor_id=vendor)
    from sqlalchemy import update  # noqa: PLC0415

    from modules.tenancy.models import User  # noqa: PLC0415

    with api.container.session_factory().begin() as session:
        session.execute(update(User).where(User.email == "owner@acme.test").values(is_active=False))
    response = api.client.post("/api/v1/auth/token", json={"email": "owner@acme.test", "password": PASSWORD})
    assert response.status_code == 401

"""Signing in and out of the pages: the session cookie carries the API's token, expires with it,
and every form refuses a request without its CSRF token."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from tests.adapters.web.pages import csrf_token, sign_in
from tests.api import Api
from tests.database import SECRET


@pytest.fixture
def world(api: Api) -> dict:
    return api.three_vendors()


def test_signing_in_sets_a_session_cookie_like_a_token(api: Api, world: dict) -> None:
    signed = sign_in(api.client, "owner@acme.test")
    assert (signed.status_code, signed.headers["location"]) == (303, "/dashboard")
    cookie = next(c for c in signed.headers.get_list("set-cookie") if c.startswith("tessera_session="))
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite", "max-age", "path"} <= attributes
    assert "Max-Age=3600" in cookie  # the token's lifetime
    assert "SameSite=lax" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims["extras"]["role"] == "vendor_owner"
    assert api.client.get("/dashboard").status_code == 200


def test_an_admin_lands_on_the_platform_dashboard(api: Api, world: dict) -> None:
    signed = sign_in(api.client, "root@example.com")
    assert (signed.status_code, signed.headers["location"]) == (303, "/admin")


@pytest.mark.parametrize(
    ("email", "password", "status", "sentence"),
    [
        ("owner@acme.test", "wrong password", 401, "Wrong email or password."),
        ("nobody@acme.test", "secret-password-1", 401, "Wrong email or password."),
        ("", "", 400, "Enter your email and your password."),
    ],
)
def test_a_failed_sign_in_shows_the_form_again(
    api: Api, world: dict, email: str, password: str, status: int, sentence: str
) -> None:
    refused = sign_in(api.client, email, password)
    assert refused.status_code == status
    assert sentence in refused.text
    assert "tessera_session" not in refused.headers.get("set-cookie", "")


def test_forms_refuse_a_request_without_the_csrf_token(api: Api, world: dict) -> None:
    api.client.get("/sign-in")
    no_token = api.client.post("/sign-in", data={"email": "owner@acme.test", "password": "x"})
    assert no_token.status_code == 403
    assert "CSRF token verification failed" in no_token.text
    sign_in(api.client, "owner@acme.test")
    assert api.client.post("/sign-out", follow_redirects=False).status_code == 403
    assert api.client.get("/dashboard").status_code == 200  # still signed in
    forged = api.client.post("/sign-out", data={"_csrf_token": "0" * 128}, follow_redirects=False)
    assert forged.status_code == 403


def test_signing_out_drops_the_session(api: Api, world: dict) -> None:
    sign_in(api.client, "owner@acme.test")
    page = api.client.get("/dashboard")
    out = api.client.post("/sign-out", data={"_csrf_token": csrf_token(page.text)}, follow_redirects=False)
    assert (out.status_code, out.headers["location"]) == (303, "/sign-in")
    refused = api.client.get("/dashboard", follow_redirects=False)
    assert (refused.status_code, refused.headers["location"]) == (303, "/sign-in")


def _session(api: Api, token: str) -> None:
    api.client.cookies.set("tessera_session", token, domain="testserver.local")


def test_an_expired_or_forged_session_goes_back_to_sign_in(api: Api, world: dict) -> None:
    now = datetime.now(UTC)
    claims = {"sub": "1", "iat": now - timedelta(hours=2), "extras": {"role": "super_admin"}}
    for token in (
        jwt.encode({**claims, "exp": now - timedelta(seconds=5)}, SECRET, algorithm="HS256"),  # expired
        jwt.encode(
            {**claims, "exp": now + timedelta(hours=1)},
            "another key, not the one the app signs with",
            algorithm="HS256",
        ),
        "not a token",
    ):
        _session(api, token)
        refused = api.client.get("/admin", follow_redirects=False)
        assert (refused.status_code, refused.headers["location"]) == (303, "/sign-in"), token


def test_the_api_never_takes_the_cookie(api: Api, world: dict) -> None:
    sign_in(api.client, "owner@acme.test")
    assert api.client.get("/dashboard").status_code == 200
    assert api.client.get("/api/v1/vendor/dashboard/stats").status_code == 401


def test_a_switched_off_account_is_sent_back_to_sign_in(api: Api, world: dict) -> None:
    sign_in(api.client, "owner@acme.test")
    path = f"/api/v1/admin/vendors/{world['acme']}"
    assert api.client.patch(path, json={"is_active": False}, headers=world["root"]).status_code == 200
    refused = api.client.get("/dashboard", follow_redirects=False)
    assert refused.status_code == 403
    assert "vendor &#39;acme&#39; is switched off" in refused.text

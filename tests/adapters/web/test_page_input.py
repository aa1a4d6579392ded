"""Whatever bytes reach a page, the answer is a page with a sentence, never a 500, and nothing
changes: forms that are not what a browser sends, CSRF tokens that are not ASCII, a foreign cookie
a strict parser rejects, windows too short for a date axis, a database that does not answer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from dependency_injector import providers
from sqlalchemy.exc import OperationalError

from tests.adapters.web.pages import csrf_token, sign_in, tiles
from tests.api import Api
from tests.fakes.clock import FrozenClock


@pytest.fixture
def world(api: Api, clock: FrozenClock) -> dict:
    clock.set(datetime(2026, 6, 15, 9, 0, tzinfo=UTC))
    world = api.three_vendors()
    api.post("/api/v1/vendor/orders", world["acme_owner"], customer_email="c@example.com", total_cents=2500)
    return world


def test_a_form_must_be_url_encoded_ascii(api: Api, world: dict) -> None:
    token = csrf_token(api.client.get("/sign-in").text)
    multipart = api.client.post("/sign-in", files={"email": ("e", b"\xff\xfe")}, data={"_csrf_token": token})
    assert multipart.status_code == 415
    assert "send the form as application/x-www-form-urlencoded" in multipart.text
    raw = api.client.post(
        "/sign-in",
        content=b"email=\xc3\xa9&password=x&_csrf_token=" + token.encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert raw.status_code == 400
    assert "percent-encode every byte outside ASCII" in raw.text
    huge = api.client.post("/sign-in", data={"email": "a" * 20_000, "_csrf_token": token})
    assert huge.status_code == 413


@pytest.mark.parametrize("token", ["é" * 130, "\u2603", "0" * 128])
def test_a_csrf_token_that_is_not_ours_is_a_403(api: Api, world: dict, token: str) -> None:
    api.client.get("/sign-in")
    form = {"email": "owner@acme.test", "password": "x"}
    refused = api.client.post("/sign-in", data=form, headers={b"x-csrftoken": token.encode()})
    assert refused.status_code == 403
    api.client.cookies.clear()
    cookie = b"tessera_csrf=" + token.encode()
    also = api.client.post("/sign-in", data={**form, "_csrf_token": "x" * 130}, headers={b"cookie": cookie})
    assert also.status_code == 403


@pytest.mark.parametrize(
    ("email", "password", "sentence"),
    [
        ("owner\x00@acme.test", "secret", "Email must look like name@example.com."),
        ("owner@acme.test", "sec\x00ret", "Password must contain no NUL character."),
        ("x" * 300 + "@acme.test", "secret", "Email must"),
    ],
)
def test_sign_in_checks_the_fields_as_the_api_does(
    api: Api, world: dict, email: str, password: str, sentence: str
) -> None:
    refused = sign_in(api.client, email, password)
    assert refused.status_code == 400
    assert sentence in refused.text


def test_a_foreign_cookie_does_not_hide_the_session(api: Api, world: dict) -> None:
    signed = sign_in(api.client, "owner@acme.test")
    token = signed.cookies["tessera_session"]
    api.client.cookies.clear()
    page = api.client.get("/dashboard", headers={"cookie": f'prefs={{"a": 1}}; tessera_session={token}'})
    assert page.status_code == 200
    assert tiles(page.text)["orders.period_orders"] == "1"


def test_cookies_are_secure_over_https_or_when_the_settings_say(api: Api, world: dict) -> None:
    plain = sign_in(api.client, "owner@acme.test")
    assert "secure" not in plain.headers["set-cookie"].lower()
    api.client.cookies.clear()
    proxied = sign_in(api.client, "owner@acme.test", **{"x-forwarded-proto": "https"})
    assert "Secure" in proxied.headers["set-cookie"]


@pytest.mark.parametrize("days", [1, 2, 3, 4, 5])
def test_short_custom_windows_draw_their_chart(api: Api, world: dict, days: int) -> None:
    sign_in(api.client, "owner@acme.test")
    start = f"2026-06-{16 - days:02d}"
    page = api.client.get(
        "/dashboard", params={"period": "custom", "date_from": start, "date_to": "2026-06-15"}
    )
    assert page.status_code == 200
    assert page.text.count('<figure class="chart"><svg') == 2


class _SeriesDown:
    def day_keys(self, *_: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return ("orders.count",), ()

    def vendor(self, *_: object) -> None:
        raise OperationalError("SELECT", {}, Exception("the database is gone"))


def test_a_page_does_without_its_chart_when_the_series_cannot_be_read(api: Api, world: dict) -> None:
    sign_in(api.client, "owner@acme.test")
    with api.container.dashboard_series.override(providers.Object(_SeriesDown())):
        page = api.client.get("/dashboard")
    assert page.status_code == 200
    assert '<figure class="chart">' not in page.text
    assert tiles(page.text)["orders.period_orders"] == "1"


def test_the_period_is_short(api: Api, world: dict) -> None:
    sign_in(api.client, "owner@acme.test")
    refused = api.client.get("/dashboard", params={"period": "x" * 5000})
    assert refused.status_code == 400
    assert "x" * 100 not in refused.text

"""Who may scrape `/metrics`: loopback, the scrape token, an allowed network; no one else.

Through the real app on both databases, with the client's address as a server would give it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from adapters.http.app import create_app
from adapters.prometheus.access import ScrapeAccess
from kernel.errors import AuthenticationError, ForbiddenError
from kernel.settings import PrometheusSettings
from tests.adapters.prometheus.scraping import scrape

TOKEN = "a-scrape-token-of-some-length"


@pytest.fixture
def app(make_container: Callable[..., Any]) -> Any:
    container = make_container({"prometheus": {"scrape_token": TOKEN, "allow_networks": ["10.1.0.0/16"]}})
    with TestClient(create_app(container)) as client:
        yield client.app


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
def test_loopback_scrapes_without_a_token(app: Any, host: str) -> None:
    response = scrape(app, host)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert "tessera_http_requests_total" in response.text


def test_elsewhere_is_refused_without_the_token(app: Any) -> None:
    response = scrape(app, "192.0.2.7")
    assert response.status_code == 403
    assert set(response.json()) == {"status_code", "detail", "extra"}  # the API's one error shape
    assert "prometheus.scrape_token" in response.json()["detail"]


def test_elsewhere_scrapes_with_the_token(app: Any) -> None:
    response = scrape(app, "192.0.2.7", {"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text


def test_a_wrong_token_is_401_even_from_loopback(app: Any) -> None:
    assert scrape(app, "192.0.2.7", {"Authorization": "Bearer not-the-token-at-all"}).status_code == 401
    assert scrape(app, "127.0.0.1", {"Authorization": f"Bearer {TOKEN}x"}).status_code == 401


def test_an_allowed_network_scrapes_without_the_token(app: Any) -> None:
    assert scrape(app, "10.1.200.3").status_code == 200
    assert scrape(app, "10.2.0.1").status_code == 403


PROXY_HEADERS = (
    "Forwarded",
    "X-Forwarded-For",
    "X-Forwarded-Host",
    "X-Forwarded-Proto",
    "X-Real-IP",
    "Via",
    "True-Client-IP",
    "CF-Connecting-IP",
)


@pytest.mark.parametrize("header", PROXY_HEADERS)
def test_loopback_through_a_proxy_needs_the_token(app: Any, header: str) -> None:
    """A proxy on the same machine may add only one of these (nginx: `X-Real-IP`); any is enough."""
    proxied = {header: "198.51.100.4"}
    refused = scrape(app, "127.0.0.1", proxied)
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("scrapes through a proxy need `Authorization: Bearer")
    assert scrape(app, "127.0.0.1", {**proxied, "Authorization": f"Bearer {TOKEN}"}).status_code == 200


@pytest.mark.parametrize("header", PROXY_HEADERS)
def test_any_proxy_header_any_case_is_a_proxy(header: str) -> None:
    access = ScrapeAccess(PrometheusSettings())
    with pytest.raises(ForbiddenError, match="through a proxy"):
        access.check("127.0.0.1", {header.lower(): "for=198.51.100.4"})


def test_without_loopback_trust_loopback_needs_the_token(make_container: Callable[..., Any]) -> None:
    settings = {"scrape_token": TOKEN, "allow_networks": ["10.1.0.0/16"], "trust_loopback": False}
    with TestClient(create_app(make_container({"prometheus": settings}))) as client:
        refused = scrape(client.app, "127.0.0.1")
        assert refused.status_code == 403
        assert refused.json()["detail"] == (
            "scrapes from loopback (prometheus.trust_loopback is false) need "
            "`Authorization: Bearer <prometheus.scrape_token>` or an address in prometheus.allow_networks"
        )
        assert scrape(client.app, "::1").status_code == 403
        assert scrape(client.app, "127.0.0.1", {"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert scrape(client.app, "10.1.0.9").status_code == 200


def test_the_test_clients_own_address_is_no_address(app: Any) -> None:
    """`testclient` is not an IP address: it is not loopback either."""
    assert TestClient(app).get("/metrics").status_code == 403


def test_the_route_is_outside_the_api_document(app: Any) -> None:
    assert "/metrics" not in TestClient(app).get("/schema/openapi.json").json()["paths"]


def test_without_a_token_set_no_token_opens_it() -> None:
    access = ScrapeAccess(PrometheusSettings())
    access.check("127.0.0.1", {})
    with pytest.raises(AuthenticationError):
        access.check("192.0.2.7", {"authorization": "Bearer anything-at-all-here"})
    with pytest.raises(ForbiddenError):
        access.check(None, {})

"""The Swagger page at `/schema/swagger` renders with the network off: everything it loads, and
everything those files load in turn, is served by the app itself.

The page is read as a browser reads it: each `src` and `href` must be a path of this app (no
scheme, no other host) that answers 200 with a non-empty body of the right type. Then the served
files themselves: the page's inline script calls `SwaggerUIBundle` and lists the standalone preset,
so the served scripts must define both; the style sheet may only pull in `data:` URLs; and a source
map comment may only name a file beside it (a browser fetches those only with its developer tools
open, so a map the package does not ship is no failure).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from litestar.testing import TestClient

from adapters.http.app import create_app
from tests.adapters.http.served_schema import schema_only_container

_TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}


class _Links(HTMLParser):
    """Every `src` and `href` of the page, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls.extend(value for name, value in attrs if name in {"src", "href"} and value)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    container = schema_only_container()
    try:
        with TestClient(create_app(container)) as client:
            yield client
    finally:
        container.shutdown_resources()


@pytest.fixture(scope="module")
def page_urls(client: TestClient) -> list[str]:
    response = client.get("/schema/swagger")
    assert response.status_code == 200
    links = _Links()
    links.feed(response.text)
    return links.urls


def _extension(url: str) -> str:
    path = urlsplit(url).path
    return path[path.rfind(".") :]


def test_the_page_loads_a_script_a_style_sheet_and_an_icon(page_urls: list[str]) -> None:
    assert sorted(_extension(url) for url in page_urls) == [".css", ".js", ".js", ".png"]


def test_every_file_the_page_loads_is_served_by_the_app(client: TestClient, page_urls: list[str]) -> None:
    for url in page_urls:
        parts = urlsplit(url)
        assert not parts.scheme, f"{url} leaves the app"
        assert not parts.netloc, f"{url} names another host"
        assert parts.path.startswith("/schema/"), f"{url} is not under /schema, which needs no token"
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content, f"{url} is empty"
        assert response.headers["content-type"].startswith(_TYPES[_extension(url)]), url


def test_the_served_scripts_define_what_the_page_calls(client: TestClient, page_urls: list[str]) -> None:
    page = client.get("/schema/swagger").text
    scripts = "".join(client.get(url).text for url in page_urls if _extension(url) == ".js")
    assert "SwaggerUIBundle(" in page
    assert ".SwaggerUIBundle=" in scripts
    assert "SwaggerUIStandalonePreset" in page
    assert ".SwaggerUIStandalonePreset=" in scripts


def test_the_served_files_reach_for_nothing_elsewhere(client: TestClient, page_urls: list[str]) -> None:
    for url in page_urls:
        if _extension(url) not in {".js", ".css"}:
            continue
        text = client.get(url).text
        if url.endswith(".css"):
            for target in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
                assert target.startswith("data:"), f"{url} loads {target}"
            assert "@import" not in text, url
        for target in re.findall(r"sourceMappingURL=(\S+?)\s*(?:\*/)?$", text, flags=re.MULTILINE):
            assert not re.search(r"[/:]", target), f"{url} points its source map at {target}"


def test_the_served_swagger_ui_reads_the_openapi_version_the_app_writes(
    client: TestClient, page_urls: list[str]
) -> None:
    """Swagger UI 4 shows "Unable to render this definition" for OpenAPI 3.1; 5 recognises it."""
    version = client.get("/schema/openapi.json").json()["openapi"]
    bundle = next(client.get(url).text for url in page_urls if url.endswith("swagger-ui-bundle.js"))
    assert version.startswith("3.1.")
    assert r"/^3\.1\.(?:[1-9]\d*|0)$/" in bundle

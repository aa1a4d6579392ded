"""Tenancy's cached look-ups answer inside `cache_only()` from their caches, and refuse to read."""

from __future__ import annotations

import pytest

from contracts.cache_only import CacheMissError, cache_only
from tests.api import Api
from tests.statements import counted


def test_directory_answers_cached_lookups_without_a_statement_and_refuses_a_miss(api: Api) -> None:
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    directory = api.container.tenant_directory()
    directory.forget()
    with cache_only(), pytest.raises(CacheMissError):
        directory.platform_by_slug("main")
    by_slug, by_host = directory.platform_by_slug("main"), directory.resolve_host("main.test")
    assert by_slug is not None
    assert by_host.platform == by_slug
    assert by_slug.id == main
    with counted(api.container.engine()) as sent, cache_only():
        assert (directory.platform_by_slug("main"), directory.resolve_host("main.test")) == (by_slug, by_host)
        with pytest.raises(CacheMissError):
            directory.platform_by_slug("unknown")
    assert sent == []
    assert directory.platform_by_slug("unknown") is None


def test_module_switches_answer_from_their_cache_and_refuse_a_miss(api: Api) -> None:
    root = api.super_admin()
    main = api.platform(root, "main")
    switches = api.container.module_switches()
    with cache_only(), pytest.raises(CacheMissError):
        switches.enabled_codes(main + 1000)
    codes = switches.enabled_codes(main)
    with counted(api.container.engine()) as sent, cache_only():
        assert switches.enabled_codes(main) == codes
    assert sent == []
    assert "tenancy" in codes

"""The `prometheus` settings: networks and the scrape token are checked at start-up, with the key
and the fix named; the environment writes a list of networks with commas."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.settings_file import load_settings, settings_from_mapping
from kernel.errors import SettingsError

SECRET = "s" * 40
TOKEN = "t" * 20


def test_the_shipped_file_scrapes_from_loopback_only() -> None:
    prometheus = load_settings(Path("settings.yaml"), environ={}, require_secret=False).settings.prometheus
    assert (prometheus.scrape_token, prometheus.allow_networks, prometheus.trust_loopback) == (None, (), True)


def test_the_environment_sets_the_token_and_networks() -> None:
    loaded = load_settings(
        environ={
            "TESSERA_PROMETHEUS__SCRAPE_TOKEN": TOKEN,
            "TESSERA_PROMETHEUS__ALLOW_NETWORKS": "10.0.0.0/8, fd00::/8",
        },
        require_secret=False,
    )
    assert loaded.settings.prometheus.scrape_token == TOKEN
    assert loaded.settings.prometheus.allow_networks == ("10.0.0.0/8", "fd00::/8")


@pytest.mark.parametrize(
    ("networks", "problem"),
    [
        (["10.0.0.1/8"], "'10.0.0.1/8' is not a network (10.0.0.1/8 has host bits set)"),
        (["10.0.0.0/8", "office"], "'office' is not a network"),
        (["300.0.0.0/8"], "'300.0.0.0/8' is not a network"),
    ],
)
def test_a_network_that_does_not_parse_is_named(networks: list[str], problem: str) -> None:
    with pytest.raises(SettingsError) as raised:
        settings_from_mapping({"prometheus": {"allow_networks": networks}}, require_secret=False)
    message = str(raised.value)
    assert f"key 'prometheus.allow_networks[{len(networks) - 1}]'" in message
    assert problem in message
    assert "Fix: write a network in CIDR notation" in message


def test_a_short_token_is_refused() -> None:
    with pytest.raises(SettingsError, match=r"prometheus\.scrape_token.*short enough to guess"):
        settings_from_mapping({"prometheus": {"scrape_token": "secret"}}, require_secret=False)


def test_an_unknown_key_names_the_allowed_ones() -> None:
    with pytest.raises(SettingsError, match="use one of: scrape_token, allow_networks, trust_loopback"):
        settings_from_mapping({"prometheus": {"token": TOKEN}}, require_secret=False)


def test_the_environment_turns_loopback_trust_off() -> None:
    loaded = load_settings(environ={"TESSERA_PROMETHEUS__TRUST_LOOPBACK": "false"}, require_secret=False)
    assert loaded.settings.prometheus.trust_loopback is False


def test_a_trust_loopback_that_is_no_boolean_is_named() -> None:
    with pytest.raises(SettingsError, match=r"prometheus\.trust_loopback"):
        settings_from_mapping({"prometheus": {"trust_loopback": "sometimes"}}, require_secret=False)

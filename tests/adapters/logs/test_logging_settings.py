"""The `logging:` section: its defaults, its bounds, and the environment variables that set it."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.settings_file import load_settings, settings_from_mapping
from kernel.errors import SettingsError
from kernel.settings import LoggingSettings


def test_the_shipped_file_says_the_defaults() -> None:
    assert load_settings(Path("settings.yaml"), environ={}, require_secret=False).settings.logging == (
        LoggingSettings(format="text", level="INFO", repeat_interval_s=10)
    )


def test_environment_variables_set_the_section() -> None:
    environ = {"TESSERA_LOGGING__FORMAT": "json", "TESSERA_LOGGING__REPEAT_INTERVAL_S": "2.5"}
    loaded = load_settings(Path("settings.yaml"), environ=environ, require_secret=False)
    assert (loaded.settings.logging.format, loaded.settings.logging.repeat_interval_s) == ("json", 2.5)


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ({"format": "xml"}, "logging.format"),
        ({"level": "LOUD"}, "logging.level"),
        ({"repeat_interval_s": -1}, "logging.repeat_interval_s"),
        ({"repeat_interval_s": 3601}, "logging.repeat_interval_s"),
    ],
)
def test_a_value_out_of_bounds_is_refused_naming_its_key(section: dict[str, object], key: str) -> None:
    with pytest.raises(SettingsError, match=f"key '{key}'"):
        settings_from_mapping({"logging": section}, require_secret=False)

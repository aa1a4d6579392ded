"""Settings mistakes stop start-up with one message naming the file, the key and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.settings_file import load_settings, settings_from_mapping
from kernel.errors import SettingsError

SECRET = "s" * 40


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.yaml"
    path.write_text(text)
    return path


def test_the_shipped_settings_file_is_valid_and_complete() -> None:
    loaded = load_settings(Path("settings.yaml"), environ={"TESSERA_AUTH__JWT_SECRET": SECRET})
    settings = loaded.settings
    assert settings.database.url == "sqlite:///tessera.db"
    assert (settings.server.host, settings.server.port) == ("127.0.0.1", 8000)
    server = settings.server
    assert (server.max_header_bytes, server.header_timeout_s, server.body_timeout_s) == (16_384, 10, 30)
    assert (server.keep_alive, server.max_connections, server.access_log) == (True, 1000, False)
    assert settings.metrics.provider_timeout_ms == 2000
    assert settings.platform.default == "main"
    assert list(settings.modules) == ["tenancy", "orders"]


def test_environment_variables_override_any_key_with_typed_values(tmp_path: Path) -> None:
    path = _write(tmp_path, "server:\n  port: 8000\nmodules:\n  orders:\n    enabled: true\n")
    loaded = load_settings(
        path,
        environ={
            "TESSERA_SERVER__PORT": "9001",
            "TESSERA_MODULES__ORDERS__ENABLED": "false",
            "TESSERA_AUTH__JWT_SECRET": SECRET,
            "TESSERA_METRICS__PROVIDER_TIMEOUT_MS": "250",
            "TESSERA_TEST_SOMETHING": "not a settings variable",
        },
    )
    assert loaded.settings.server.port == 9001
    assert loaded.settings.modules["orders"].enabled is False
    assert loaded.settings.metrics.provider_timeout_ms == 250
    assert loaded.origin("server.port") == "environment variable TESSERA_SERVER__PORT"
    assert loaded.origin("database.url") == str(path)


def test_tessera_settings_names_another_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "platform:\n  default: outlet\n")
    loaded = load_settings(environ={"TESSERA_SETTINGS": str(path), "TESSERA_AUTH__JWT_SECRET": SECRET})
    assert (loaded.source, loaded.settings.platform.default) == (str(path), "outlet")


@pytest.mark.parametrize(
    ("text", "key", "problem", "fix"),
    [
        ("server:\n  prot: 80\n", "server.prot", "unknown key", "use one of: host, port, workers"),
        ("databse:\n  url: x\n", "databse", "unknown key", "use one of: database, server, auth"),
        ("server:\n  port: abc\n", "server.port", "Expected 'int', got 'str'", "give server.port a value"),
        ("server:\n  port: 70000\n", "server.port", "Expected 'int' <= 65535", "give server.port a value"),
        (
            "modules:\n  orders:\n    enabeld: true\n",
            "modules.orders.enabeld",
            "unknown key",
            "use one of: enabled",
        ),
        ("modules:\n  orders:\n    enabled: maybe\n", "modules.orders.enabled", "Expected 'bool'", "give"),
        (
            "metrics:\n  provider_timeout_ms: 0\n",
            "metrics.provider_timeout_ms",
            "Expected 'int' >= 1",
            "give",
        ),
        (
            "server:\n  max_header_bytes: 4096\n",
            "server.max_header_bytes",
            "Expected 'int' >= 8192",
            "give",
        ),
        ("server:\n  header_timeout_s: 120\n", "server.header_timeout_s", "<= 60", "give"),
        ("server:\n  max_connections: 0\n", "server.max_connections", "Expected 'int' >= 1", "give"),
        ("server: [1, 2]\n", "server", "Expected 'object', got 'array'", "give server a value"),
        ("server:\n  port: [\n", "(file)", "not valid YAML at line", "fix the YAML syntax"),
        ("- just\n- a list\n", "(top level)", "expected a mapping of sections", "start from settings.yaml"),
    ],
)
def test_a_mistake_in_the_file_names_the_file_key_and_fix(
    tmp_path: Path, text: str, key: str, problem: str, fix: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={"TESSERA_AUTH__JWT_SECRET": SECRET})
    error = caught.value
    assert (error.source, error.key) == (str(path), key)
    assert problem in error.problem
    assert fix in error.fix
    assert str(error).startswith(f"Settings error in {path}, key '{key}': ")


def test_a_mistake_in_an_environment_variable_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(
            _write(tmp_path, ""),
            environ={"TESSERA_SERVER__PORT": "eighty", "TESSERA_AUTH__JWT_SECRET": SECRET},
        )
    assert (caught.value.source, caught.value.key) == (
        "environment variable TESSERA_SERVER__PORT",
        "server.port",
    )


@pytest.mark.parametrize(
    ("variable", "key", "fragment"),
    [
        ("TESSERA_DATABASE_URL", "database_url", "rename it to TESSERA_DATABASE__URL"),
        ("TESSERA_STORAGE__PATH", "storage.path", "unknown section"),
        ("TESSERA_SERVER__PROT", "server.prot", "unknown key"),
    ],
)
def test_misnamed_environment_variables_are_refused(
    tmp_path: Path, variable: str, key: str, fragment: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_write(tmp_path, ""), environ={variable: "x", "TESSERA_AUTH__JWT_SECRET": SECRET})
    assert caught.value.key == key
    assert fragment in str(caught.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"missing\.yaml, key '\(file\)': cannot read the file"):
        load_settings(tmp_path / "missing.yaml", environ={})


def test_serving_needs_a_secret_of_useful_length(tmp_path: Path) -> None:
    path = _write(tmp_path, "")
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={})
    assert (caught.value.key, caught.value.problem) == ("auth.jwt_secret", "no secret is set")
    assert "TESSERA_AUTH__JWT_SECRET" in caught.value.fix
    with pytest.raises(SettingsError, match="too short to sign tokens safely"):
        load_settings(path, environ={"TESSERA_AUTH__JWT_SECRET": "short"})
    assert load_settings(path, environ={}, require_secret=False).settings.auth.jwt_secret == ""


def test_without_a_file_the_defaults_run_the_embedded_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    loaded = load_settings(environ={}, require_secret=False)
    assert (loaded.source, loaded.settings.database.url) == ("built-in defaults", "sqlite:///tessera.db")


def test_mappings_are_validated_the_same_way() -> None:
    with pytest.raises(SettingsError, match=r"key 'auth\.token_lifetime_s'"):
        settings_from_mapping({"auth": {"jwt_secret": SECRET, "token_lifetime_s": 5}})


@pytest.mark.parametrize(
    ("environ", "source", "key", "fragment"),
    [
        (
            {"TESSERA_DATABASE__URL__X": "1"},
            "environment variable TESSERA_DATABASE__URL__X",
            "database.url.x",
            "no such key",
        ),
        (
            {"TESSERA_MODULES__ORDERS": "1"},
            "environment variable TESSERA_MODULES__ORDERS",
            "modules.orders",
            "no such key",
        ),
    ],
)
def test_environment_variables_name_existing_keys(
    tmp_path: Path, environ: dict, source: str, key: str, fragment: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_write(tmp_path, ""), environ={**environ, "TESSERA_AUTH__JWT_SECRET": SECRET})
    assert (caught.value.source, caught.value.key) == (source, key)
    assert fragment in caught.value.problem


def test_a_variable_never_hides_a_broken_section_of_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "database: nope\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(
            path, environ={"TESSERA_DATABASE__URL": "sqlite:///x.db", "TESSERA_AUTH__JWT_SECRET": SECRET}
        )
    assert (caught.value.source, caught.value.key) == (str(path), "database")


@pytest.mark.parametrize(
    ("content", "key", "problem"),
    [
        (b'server:\n  port: "\xff"\n', "(file)", "not UTF-8 text"),
        (b"modules:\n  1:\n    enabled: true\n", "modules.1", "a module code must be a name"),
    ],
)
def test_odd_files_are_one_clear_error(tmp_path: Path, content: bytes, key: str, problem: str) -> None:
    path = tmp_path / "settings.yaml"
    path.write_bytes(content)
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={"TESSERA_AUTH__JWT_SECRET": SECRET})
    assert caught.value.key == key
    assert problem in caught.value.problem

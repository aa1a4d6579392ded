"""Read `settings.yaml` and `TESSERA_*` environment variables into a validated `Settings`.

Every mistake becomes one `SettingsError` naming where the value came from (the file, or the
environment variable that overrode it), the dotted key, and the fix. No traceback ever reaches the
person starting Tessera for a typo in a settings file.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import yaml

from adapters.validation_errors import field_error
from kernel.errors import SettingsError
from kernel.settings import ModuleSettings, Settings

__all__ = ("ENV_PREFIX", "LoadedSettings", "load_settings", "settings_from_mapping")

ENV_PREFIX = "TESSERA_"
SETTINGS_FILE_VARIABLE = "TESSERA_SETTINGS"
DEFAULT_FILE = Path("settings.yaml")
MIN_SECRET_LENGTH = 32
MIN_SCRAPE_TOKEN_LENGTH = 16
# Advice on making a secret, not a secret:
_SIGNING_KEY_ADVICE = (
    "set TESSERA_AUTH__JWT_SECRET to a random string of at least 32 characters, e.g. the output of "
    "`python3 -c 'import secrets; print(secrets.token_urlsafe(48))'` (or run `tessera demo`)"
)


@dataclass(frozen=True)
class LoadedSettings:
    """Validated settings plus where each value came from, so later checks can point at it too."""

    settings: Settings
    source: str
    overrides: Mapping[str, str] = field(default_factory=dict)

    def origin(self, key: str) -> str:
        """The environment variable that set `key`, else the settings file."""
        variable = self.overrides.get(key)
        return f"environment variable {variable}" if variable else self.source


def _struct_fields(struct_type: type[Any]) -> tuple[str, ...]:
    return tuple(getattr(struct_type, "__struct_fields__", ()))


def _check_keys(raw: Mapping[str, Any], struct_type: type[Any], prefix: str, origin: LoadedSettings) -> None:
    """Reject unknown keys here: msgspec would name the key, but not the keys that are allowed."""
    known = _struct_fields(struct_type)
    for key, value in raw.items():
        dotted = f"{prefix}{key}"
        if key not in known:
            raise SettingsError(
                origin.origin(dotted), dotted, "unknown key", f"remove it, or use one of: {', '.join(known)}"
            )
        if not isinstance(value, Mapping):
            continue  # a wrong type is reported by the conversion, with the expected type
        if struct_type is Settings and key == "modules":
            for code, module in value.items():
                if not isinstance(code, str):
                    raise SettingsError(
                        origin.origin("modules"),
                        f"modules.{code}",
                        "a module code must be a name",
                        "use the module's code, e.g. orders",
                    )
                if isinstance(module, Mapping):
                    _check_keys(module, ModuleSettings, f"modules.{code}.", origin)
        elif struct_type is Settings:
            _check_keys(value, type(getattr(Settings(), key)), f"{dotted}.", origin)


T = TypeVar("T")


def _convert_at(raw: Any, target: type[T], prefix: str, origin: LoadedSettings) -> T:
    try:
        return msgspec.convert(raw, target, strict=False)
    except msgspec.ValidationError as error:
        found = field_error(error)
        key = ".".join(part for part in (prefix, found.path) if part) or "(top level)"
        problem = found.message
        raise SettingsError(
            origin.origin(key), key, problem, f"give {key} a value of the expected type"
        ) from None


def _convert(raw: Mapping[str, Any], origin: LoadedSettings) -> Settings:
    """Check each module entry on its own first: msgspec does not name the dict key that failed."""
    modules = raw.get("modules")
    if isinstance(modules, Mapping):
        for code, entry in modules.items():
            _convert_at(entry, ModuleSettings, f"modules.{code}", origin)
    return _convert_at(raw, Settings, "", origin)


def _read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SettingsError(
            str(path),
            "(file)",
            f"cannot read the file ({error.strerror})",
            "check the path of the settings file",
        ) from None
    except UnicodeDecodeError as error:
        raise SettingsError(
            str(path), "(file)", f"not UTF-8 text (byte {error.start})", "save the file as UTF-8"
        ) from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise SettingsError(str(path), "(file)", f"not valid YAML{line}", "fix the YAML syntax") from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise SettingsError(
            str(path), "(top level)", "expected a mapping of sections", "start from settings.yaml"
        )
    return raw


def _check_variable_shape(variable: str, parts: list[str], sections: tuple[str, ...]) -> None:
    """`SECTION__KEY`, or `MODULES__CODE__KEY`: nothing deeper exists."""
    if parts[0] not in sections:
        raise SettingsError(
            f"environment variable {variable}",
            ".".join(parts),
            "unknown section",
            f"use one of: {', '.join(sections)}",
        )
    depth = 3 if parts[0] == "modules" else 2
    if len(parts) != depth or not all(parts):
        shape = "TESSERA_MODULES__<CODE>__<KEY>" if parts[0] == "modules" else "TESSERA_<SECTION>__<KEY>"
        raise SettingsError(
            f"environment variable {variable}", ".".join(parts), "no such key", f"name a key as {shape}"
        )


def _apply_environment(raw: dict[str, Any], environ: Mapping[str, str], origin_file: str) -> dict[str, str]:
    """Overlay `TESSERA_SECTION__KEY=value` variables; returns which variable set which key."""
    sections = _struct_fields(Settings)
    overrides: dict[str, str] = {}
    for variable in sorted(environ):
        if not variable.startswith(ENV_PREFIX) or variable == SETTINGS_FILE_VARIABLE:
            continue
        name = variable[len(ENV_PREFIX) :].lower()
        if "__" not in name:
            section = next((s for s in sections if name.startswith(f"{s}_")), None)
            if section is not None:
                fixed = f"{ENV_PREFIX}{section.upper()}__{name[len(section) + 1 :].upper()}"
                raise SettingsError(
                    f"environment variable {variable}",
                    name,
                    "sections and keys are separated by two underscores",
                    f"rename it to {fixed}",
                )
            continue  # not a settings variable (e.g. TESSERA_TEST_POSTGRES_URL)
        parts = name.split("__")
        _check_variable_shape(variable, parts, sections)
        target = raw.setdefault(parts[0], {})
        if not isinstance(target, dict):
            raise SettingsError(
                origin_file,
                parts[0],
                "expected a mapping of keys",
                f"fix the file, which {variable} builds on",
            )
        if parts[0] == "modules":
            entry = target.setdefault(parts[1], {})
            if not isinstance(entry, dict):
                raise SettingsError(
                    origin_file, f"modules.{parts[1]}", "expected a mapping of keys", "fix the file"
                )
            target = entry
        target[parts[-1]] = environ[variable]
        overrides[".".join(parts)] = variable
    return overrides


def settings_from_mapping(
    raw: Mapping[str, Any], *, source: str = "settings", require_secret: bool = True
) -> LoadedSettings:
    """Validate an in-memory mapping; tests and `load_settings` share this one path."""
    return _validate(raw, LoadedSettings(Settings(), source), require_secret)


def _networks_listed(raw: Mapping[str, Any]) -> Mapping[str, Any]:
    """`TESSERA_PROMETHEUS__ALLOW_NETWORKS=10.0.0.0/8,fd00::/8`: an environment variable is one
    string, so there a list is written with commas."""
    section = raw.get("prometheus")
    if not isinstance(section, Mapping) or not isinstance(section.get("allow_networks"), str):
        return raw
    listed = [part.strip() for part in section["allow_networks"].split(",") if part.strip()]
    return {**raw, "prometheus": {**section, "allow_networks": listed}}


def _check_prometheus(loaded: LoadedSettings) -> None:
    """A network that does not parse would let no one in, or, mistyped wider, too many: refuse it."""
    settings = loaded.settings.prometheus
    for index, network in enumerate(settings.allow_networks):
        key = f"prometheus.allow_networks[{index}]"
        try:
            ipaddress.ip_network(network)
        except ValueError as error:
            raise SettingsError(
                loaded.origin("prometheus.allow_networks"),
                key,
                f"{network!r} is not a network ({error})",
                "write a network in CIDR notation, its first address then its prefix length, "
                "e.g. 10.0.0.0/8 or fd00::/8",
            ) from None
    token = settings.scrape_token
    if token is not None and len(token) < MIN_SCRAPE_TOKEN_LENGTH:
        raise SettingsError(
            loaded.origin("prometheus.scrape_token"),
            "prometheus.scrape_token",
            f"the token is {len(token)} characters long, short enough to guess",
            f"use at least {MIN_SCRAPE_TOKEN_LENGTH} random characters, e.g. the output of "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`, or null for none",
        )


def _validate(raw: Mapping[str, Any], origin: LoadedSettings, require_secret: bool) -> LoadedSettings:
    _check_keys(raw, Settings, "", origin)
    settings = _convert(_networks_listed(raw), origin)
    loaded = LoadedSettings(settings, origin.source, origin.overrides)
    _check_prometheus(loaded)
    secret = settings.auth.jwt_secret
    if require_secret and not secret:
        raise SettingsError(
            loaded.origin("auth.jwt_secret"), "auth.jwt_secret", "no secret is set", _SIGNING_KEY_ADVICE
        )
    if secret and len(secret) < MIN_SECRET_LENGTH:
        raise SettingsError(
            loaded.origin("auth.jwt_secret"),
            "auth.jwt_secret",
            f"the secret is {len(secret)} characters long, too short to sign tokens safely",
            _SIGNING_KEY_ADVICE,
        )
    return loaded


def load_settings(
    path: Path | None = None, environ: Mapping[str, str] | None = None, *, require_secret: bool = True
) -> LoadedSettings:
    """Settings from `path`, else `$TESSERA_SETTINGS`, else `./settings.yaml`, else the defaults.

    `require_secret=False` is for commands that never sign tokens (`db upgrade`, `stats`, `demo`,
    which makes its own secret); serving without a secret is always refused.
    """
    environ = os.environ if environ is None else environ
    if path is None and environ.get(SETTINGS_FILE_VARIABLE):
        path = Path(environ[SETTINGS_FILE_VARIABLE])
    if path is None and DEFAULT_FILE.is_file():
        path = DEFAULT_FILE
    raw = _read_file(path) if path is not None else {}
    source = str(path) if path is not None else "built-in defaults"
    overrides = _apply_environment(raw, environ, source)
    return _validate(raw, LoadedSettings(Settings(), source, overrides), require_secret)

"""The README's "Writing a module" shows the example plug-in's files as they are, so it cannot drift
from the package that `tests/adapters/test_third_party_module.py` installs and runs.

Blocks fenced as ```` ```python file=<path> ```` are pieces of `tests/example_module/<path>`, in order;
together they must give the whole file. Only the number of blank lines where the README cuts a file
into pieces may differ.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from tests.adapters.test_third_party_module import WISHLIST_SETTINGS

README = Path(__file__).parents[1] / "README.md"
EXAMPLE = Path(__file__).parent / "example_module"
_FILE_BLOCK = re.compile(r"^```\w+ file=(\S+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```$", re.MULTILINE | re.DOTALL)
# What a third-party module may import: the kernel, the contracts between modules and the stack, never
# `modules.*` or `adapters.*`.
_ALLOWED = {"__future__", "alembic", "contracts", "datetime", "dependency_injector", "functools", "kernel"}
_ALLOWED |= {"litestar", "msgspec", "pathlib", "sqlalchemy", "typing"}


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Writing a module\n")
    return text[start : text.index("\n## ", start)]


def _blank_lines_squeezed(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text.strip("\n")) + "\n"


def _shown() -> dict[str, str]:
    pieces: dict[str, list[str]] = {}
    for path, body in _FILE_BLOCK.findall(_section()):
        pieces.setdefault(path, []).append(body)
    return {path: "\n".join(bodies) for path, bodies in pieces.items()}


def _sources() -> dict[str, str]:
    """Every file of the package with something in it (the empty `migrations/__init__.py` aside)."""
    return {
        path.relative_to(EXAMPLE).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(EXAMPLE.rglob("*"))
        if path.suffix in {".py", ".toml"} and path.read_text(encoding="utf-8").strip()
    }


def _python_lines() -> int:
    return sum(
        1
        for path, text in _sources().items()
        if path.endswith(".py")
        for line in text.splitlines()
        if line.strip()
    )


def test_the_readme_shows_every_file_of_the_example_whole() -> None:
    shown, sources = _shown(), _sources()
    assert sorted(shown) == sorted(sources)
    for path, text in sources.items():
        assert _blank_lines_squeezed(shown[path]) == _blank_lines_squeezed(text), path


def test_the_readme_states_the_example_line_count() -> None:
    assert f"**{_python_lines()} lines** of Python" in _section()


def test_the_settings_shown_are_the_ones_the_test_runs_with() -> None:
    assert [yaml.safe_load(block) for block in _YAML_BLOCK.findall(_section())] == [WISHLIST_SETTINGS]


def test_the_example_imports_only_the_kernel_the_contracts_and_the_stack() -> None:
    imported = set()
    for path in EXAMPLE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
    assert imported <= _ALLOWED, imported - _ALLOWED

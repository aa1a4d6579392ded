"""The sections a benchmark writes into docs/benchmarks.md, replaced on every run.

A benchmark owns one `## ` section of the page: a rerun replaces it up to the next `## ` heading,
so anything written by hand belongs under a heading of its own. A page without the section gets
it before `## What is next`, or at the end.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ("replace_section",)

_BEFORE = "## What is next"


def replace_section(page: Path, heading: str, section: str) -> None:
    """Write `section` (which starts with `heading`) into `page` in place of the old one."""
    text = page.read_text(encoding="utf-8") if page.exists() else "# Benchmarks\n"
    if heading + "\n" in text:
        head, rest = text.split(heading + "\n", 1)
        tail = rest[rest.index("\n## ") + 1 :] if "\n## " in rest else ""
        text = head + section + ("\n" + tail if tail else "")
    elif "\n" + _BEFORE in text:
        head, tail = text.split("\n" + _BEFORE, 1)
        text = head + "\n" + section + "\n" + _BEFORE + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section
    page.write_text(text, encoding="utf-8")

"""The pages' one Jinja environment, and the tiles fragment it renders once per set of tiles.

A dashboard page is mostly its tiles, and most of them show the same figures from one view to the
next (a shop's all-time counts, yesterday's revenue): rendering the tiles of a category is remembered
by exactly the tiles shown (`Tile` is frozen, so hashable), like the charts are (chart.py). With the
tile memo (tiles.py) a page opened again with unchanged figures formats and renders no tile.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from adapters.web.tiles import Tile

__all__ = ("ENVIRONMENT", "tiles_html")

ENVIRONMENT = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@lru_cache(maxsize=2048)
def tiles_html(tiles: tuple[Tile, ...]) -> Markup:
    """A category's tiles as HTML, escaped by the template as every page is."""
    return Markup(ENVIRONMENT.get_template("_tiles.html").render(tiles=tiles))  # noqa: S704


ENVIRONMENT.globals["tiles_html"] = tiles_html

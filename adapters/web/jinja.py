"""The pages' one Jinja environment, and the figures fragment it renders once per set of figures.

A dashboard page is mostly its tiles and its top vendors, and they show the same figures from one
view to the next while nothing is sold (and a shop's all-time counts long after): the fragment is
remembered by exactly what it shows (tile groups and ranking rows are frozen, so hashable), as the
charts are (chart.py). With the tile memo (tiles.py) a page opened again with unchanged figures
formats and renders none of them: measured at xlarge, rendering was most of what the page cost
beyond the JSON answer (docs/benchmarks.md, "Dashboard pages against the API call").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from adapters.web.dashboard_view import TileGroup, TopVendorRow

__all__ = ("ENVIRONMENT", "figures_html")

ENVIRONMENT = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@lru_cache(maxsize=256)  # about 25 KB each: a few MB per process at most
def figures_html(
    groups: tuple[TileGroup, ...], top_vendors: tuple[TopVendorRow, ...] | None, ranked_at: str
) -> Markup:
    """The tiles by category, then the top vendors (None: not shown), escaped by the template as
    every page is."""
    fragment = ENVIRONMENT.get_template("_figures.html")
    return Markup(fragment.render(groups=groups, top_vendors=top_vendors, ranked_at=ranked_at))  # noqa: S704


ENVIRONMENT.globals["figures_html"] = figures_html

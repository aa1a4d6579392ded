"""Value constraints every module's API shares, declared once so the OpenAPI schema carries them.

They keep out what a database would otherwise reject with a server error: integers past a
column's range, NUL characters PostgreSQL will not store, strings longer than their column.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

__all__ = ("Email", "Hostname", "Id", "Name", "Password", "Slug")

MAX_ID = 2_147_483_647  # the largest value of an SQL INTEGER primary key

Id = Annotated[int, msgspec.Meta(ge=1, le=MAX_ID)]
Slug = Annotated[str, msgspec.Meta(min_length=1, max_length=63, pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=r"^[^\x00]*[^\x00\s][^\x00]*$")]
Hostname = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=253,
        pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$",
    ),
]
Email = Annotated[
    str, msgspec.Meta(min_length=3, max_length=254, pattern=r"^[^@\s\x00]+@[^@\s\x00]+\.[^@\s\x00]+$")
]
Password = Annotated[str, msgspec.Meta(min_length=10, max_length=256, pattern=r"^[^\x00]*$")]

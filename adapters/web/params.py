"""The query parameters the pages share: the platform a super admin picks and the period picker's."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar.params import QueryParameter

from contracts.fields import MAX_ID

__all__ = ("Day", "Period", "PlatformChoice")

PlatformChoice = Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)]
Period = Annotated[str | None, QueryParameter(max_length=10)]
"""A preset of the picker (`7d` … `12m`) or `custom`; `period_picker.py` names the choices."""
Day = Annotated[date | None, QueryParameter()]

"""Marketplace's test world: two platforms and three vendors, each with a signed-in owner.

acme is on main, bolt on main and eu, crux on eu, as in orders' tests.
"""

from __future__ import annotations

import pytest

from tests.api import Api


@pytest.fixture
def world(api: Api) -> dict:
    return api.three_vendors()

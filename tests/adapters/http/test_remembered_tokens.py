"""A verified token is remembered, never past its expiry, never for another key, never when forged."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from litestar.exceptions import NotAuthorizedException

from adapters.http.remembered_tokens import RememberedToken, _verified

SECRET = "a-key-that-is-long-enough-for-hs256-signatures"
OTHER_SECRET = "another-key-that-is-long-enough-for-hs256-too"


def _token(lifetime: timedelta, key: str = SECRET, subject: str = "7") -> str:
    now = datetime.now(UTC)
    payload = {"sub": subject, "iat": now, "exp": now + lifetime, "extras": {"role": "super_admin"}}
    return jwt.encode(payload, key, algorithm="HS256")


def test_a_token_is_verified_once_then_remembered() -> None:
    token = _token(timedelta(hours=1))
    before = _verified.cache_info()
    first = RememberedToken.decode(token, SECRET, "HS256")
    second = RememberedToken.decode(token, SECRET, "HS256")
    after = _verified.cache_info()
    assert (first.sub, first.extras) == (second.sub, second.extras) == ("7", {"role": "super_admin"})
    assert (after.misses - before.misses, after.hits - before.hits) == (1, 1)


def test_a_remembered_token_is_refused_once_it_expires() -> None:
    token = _token(timedelta(seconds=2))
    expiry = jwt.decode(token, SECRET, algorithms=["HS256"])["exp"]
    assert RememberedToken.decode(token, SECRET, "HS256").sub == "7"
    time.sleep(max(0.0, expiry - time.time()) + 0.05)
    with pytest.raises(NotAuthorizedException, match="Invalid token"):
        RememberedToken.decode(token, SECRET, "HS256")


def test_a_remembered_token_is_checked_again_against_another_key() -> None:
    token = _token(timedelta(hours=1))
    RememberedToken.decode(token, SECRET, "HS256")
    with pytest.raises(NotAuthorizedException, match="Invalid token"):
        RememberedToken.decode(token, OTHER_SECRET, "HS256")


def test_a_forged_token_is_refused_every_time_and_never_kept() -> None:
    forged = _token(timedelta(hours=1), key=OTHER_SECRET, subject="1")
    size = _verified.cache_info().currsize
    for _ in range(2):
        with pytest.raises(NotAuthorizedException, match="Invalid token"):
            RememberedToken.decode(forged, SECRET, "HS256")
    assert _verified.cache_info().currsize == size


def test_one_altered_character_is_a_different_token() -> None:
    token = _token(timedelta(hours=1))
    RememberedToken.decode(token, SECRET, "HS256")
    header, payload, signature = token.split(".")
    altered = f"{header}.{payload}.{signature[:-2]}{'A' if signature[-2] != 'A' else 'B'}{signature[-1]}"
    with pytest.raises(NotAuthorizedException, match="Invalid token"):
        RememberedToken.decode(altered, SECRET, "HS256")

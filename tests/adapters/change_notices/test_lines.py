"""A change as a line of text, the same on both channels: exact keys, split to fit, and anything
unreadable taken as `all`."""

from __future__ import annotations

from adapters.change_notices.lines import decode, encode
from contracts.change_notices import Change


def test_a_change_goes_as_one_line_and_comes_back_the_same() -> None:
    change = Change.ledger([("vendor", 3), ("platform", 12), ("platform", 1)])
    assert encode("a1b2", change, 8000) == ["v1;a1b2;ledger;platform:1,platform:12,vendor:3"]
    assert decode("v1;a1b2;ledger;platform:1,platform:12,vendor:3") == ("a1b2", change)
    assert encode("a1b2", Change.tenancy(), 8000) == ["v1;a1b2;tenancy;"]
    assert decode("v1;a1b2;tenancy;") == ("a1b2", Change.tenancy())
    assert decode("v1;a1b2;account;user:7") == ("a1b2", Change.account(7))


def test_keys_that_do_not_fit_one_line_go_in_several_each_a_whole_change() -> None:
    change = Change.ledger([("platform", n) for n in range(1, 201)])
    lines = encode("origin", change, 256)
    assert len(lines) == 11  # 2,491 bytes of keys, at most 239 a line after the head
    assert max(map(len, lines)) <= 256
    keys = [key for line in lines for key in decode(line)[1].keys]
    assert keys == list(change.keys)
    assert {decode(line)[0] for line in lines} == {"origin"}


def test_a_line_of_another_version_or_damaged_drops_everything() -> None:
    for line in ("v2;a;switch;platform:1", "v1;a;switch;platform:x", "v1;a;moved;", "garbage", ""):
        assert decode(line) == ("", Change.everything()), line

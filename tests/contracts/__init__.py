"""Tests of what the contracts between modules do themselves; most are protocols, tested through
their implementations in tests/modules."""

"""The multi-node harness (`make cluster-test`): a PostgreSQL primary and its streaming replica,
pgbouncer, and two Tessera nodes of two workers each, all on this machine, driven over real HTTP.

It lives under `tests/` beside `tests/faults`, whose throwaway cluster it builds on: it is test
machinery, never shipped, and typed and linted with the tests. Marked `cluster`, it is left out of
`make test` (pyproject's `addopts`) and run by `make cluster-test`.
"""

"""The kernel's own contracts: the ledger every module writes to and every dashboard reads, and the
interruptible sessions the aggregator runs providers on.

Each is implemented once (by a module or an adapter) and handed over by the composition root, so
the import graph keeps pointing inward. Protocols between modules live in the top-level `contracts/`.
"""

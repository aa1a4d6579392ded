"""`python -m bench.faults`: Tessera under load while PostgreSQL fails, one fault at a time.

Each scenario plays one fault on a throwaway cluster (`bench/pg_cluster.py`) while k6 keeps
dashboard readers, order writers and a /health poller busy, then reports what clients saw before,
during and after it, whether the figures still add up, and what the server left behind.
"""

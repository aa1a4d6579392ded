"""`python -m bench.writes`: how many orders per second Tessera records, and what they wait on.

Writers (k6) post orders as vendors' owners, with vendors all on one platform or each on its own,
against the working tree and, in the same run, a baseline commit served from a worktree of its own,
scenario by scenario in turn on the same machine. On PostgreSQL the app's backends are sampled
every 100 ms to show what the writes wait on (row locks, I/O, the app itself).
"""

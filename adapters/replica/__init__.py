"""Dashboards from a streaming replica (`database.read_url`), never at the cost of read-your-writes.

- `positions.py`: the primary's WAL positions as numbers, and each owner's last write position, as
  the change notices carry it to every process (`adapters/change_notices`);
- `probes.py`: the two statements the monitor runs, on connections of its own;
- `monitor.py`: one thread per process that knows how far the replica has replayed, how far behind
  it is, and as of when its figures are complete (`ReplicaState`); it wakes waiting dashboards;
- `routing.py`: for each dashboard, series or ranking, the sessions to read with and the freshness
  its answer states (`ReadRoute`), and the primary again when a replica read fails.

Without `database.read_url` none of it runs: every read is the primary's, as before.
"""

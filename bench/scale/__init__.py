"""`python -m bench.scale`: dashboards and writes through one node or two, directly, through
pgbouncer, or with a streaming replica serving the dashboards' reads (issue 16, README "Running
several nodes"). Every deployment is measured in the same run on the same machine, in alternating
rounds, with the CPU each part spent (nodes, primary, replica, pgbouncer, the load generator), so
that the figures say where the time went, not only how many requests were answered.
"""

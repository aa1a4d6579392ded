"""`python -m bench.slow_clients`: the dashboard's latency while slow and huge clients hold connections.

docs/benchmarks.md, "Slow and huge clients", has the figures and the command.
"""

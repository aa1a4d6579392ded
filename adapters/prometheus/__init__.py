"""Prometheus at `/metrics`: the service's own health, and each platform's all-time figures.

- `instruments.py`: the counters and histograms each process keeps (requests, dashboard
  categories, the dashboard cache), shared by granian's workers through prometheus-client's
  multiprocess files when `tessera serve` runs them (`multiprocess_dir.py`);
- `requests.py`: requests by route template, method and status, around the whole app;
- `ledger_collector.py`: read from the database at scrape time, so every worker answers the same:
  each platform's all-time figures and the fold's backlog;
- `exposition.py`: one scrape's text; `access.py` and `route.py`: who may scrape, and the route.

Nothing outside this package imports prometheus-client, and the root container imports this
package's modules only when it builds them: prometheus-client decides at its import whether values
live in the multiprocess files, and `tessera serve` names the directory only once it serves, after
the command's modules are imported and before granian forks its workers.
"""

"""Dashboards as the API and the CLI both serve them: resolve the period, ask the aggregator,
shape the response. Neither the HTTP adapter nor the CLI owns this; both use it."""

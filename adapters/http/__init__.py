"""The Litestar HTTP API: app factory, authentication, tenant context, dashboards, error mapping."""

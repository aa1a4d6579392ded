"""Tenancy, the core module: platforms, vendors and their memberships, users, teams, domains."""

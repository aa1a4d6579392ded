"""Catalog, an optional module: the products vendors sell, and the contract other modules use to
read prices, check ownership and publish products."""

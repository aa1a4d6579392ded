"""Marketplace, an optional module: vendors import products from a CSV file, review the staged rows,
and approve them into the catalog."""

"""Customers, an optional module: the people who buy from a vendor, one record per email."""

"""Orders, an optional module: orders placed with a vendor and the revenue they bring."""

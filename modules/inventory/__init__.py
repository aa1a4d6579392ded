"""Inventory, an optional module built on catalog: how many units of each product a vendor holds
where, and what that stock is worth."""

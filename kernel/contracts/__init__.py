"""Protocols through which modules and adapters reach each other without importing each other.

Each protocol is implemented once (by a module or an adapter) and handed to whoever needs it by the
composition root; the import graph keeps pointing inward.
"""

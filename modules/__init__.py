"""Tessera's built-in modules; each subpackage declares itself in its `definition.py`."""

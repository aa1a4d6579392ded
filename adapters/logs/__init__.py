"""Logs an operator can read during an incident: one line per failing cause per interval, with a count;
a traceback once per cause; text or JSON, set up in one place (`configure_logging`)."""

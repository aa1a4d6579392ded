"""SQLAlchemy engines and sessions for SQLite and PostgreSQL, and the migrations runner."""

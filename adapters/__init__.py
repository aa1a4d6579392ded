"""The outside world: database, HTTP, command line, and the composition root that wires them."""

"""Business rules. Nothing here reads `request`: views, tests and CLI commands call these."""

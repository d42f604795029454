"""WTForms classes: each owns its fields' validation and Vietnamese messages."""

"""One blueprint package per area of the product."""

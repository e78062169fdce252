"""Pure functions from observations to signals with evidence; one module per concern."""

"""Bundled lexicons, installed as the package normalize.lexicons (data only)."""

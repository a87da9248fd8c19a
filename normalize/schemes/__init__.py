"""Data files (read with importlib.resources); no code."""

"""The package version (one place; the review sheet prints it)."""

__version__ = "0.1.0"

"""The package version, in the bottom layer so that any module may name it (the web fetch's User-Agent)."""

__all__ = ["__version__"]

__version__ = "0.1.0"

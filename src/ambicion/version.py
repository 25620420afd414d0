"""The release number, in a module of its own so any module can read it without importing
the package root (which would make an import circle)."""

__version__ = "0.1.0"

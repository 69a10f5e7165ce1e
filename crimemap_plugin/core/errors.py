"""Errors the core raises: each names the file (and line or column where it applies)."""


class CrimeMapError(Exception):
    """Base class for errors shown to the user."""


class FileRefused(CrimeMapError):
    """A whole file refused; nothing from it is stored and what was stored before is untouched."""

    def __init__(self, source: str, reason: str, line=None):
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {reason}")


class StoreError(CrimeMapError):
    """The store cannot be opened or written (read-only, locked, not a GeoPackage...)."""


class Cancelled(CrimeMapError):
    """The user cancelled; the force-month in progress was rolled back."""

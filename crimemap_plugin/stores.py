"""How a store is named in QGIS: a GeoPackage path, a `postgresql://` URI (or libpq string such as
`service=crimemap`), or the name of a PostgreSQL connection saved in QGIS (Data Source Manager ▸
PostgreSQL). Resolved here, where QGIS's settings and authentication manager are, into what the core
opens. Passwords are only ever held in memory: never written into settings, projects or logs.
"""

import hashlib
from pathlib import Path
from typing import Optional

from qgis.core import QgsDataSourceUri, QgsProviderRegistry

from .core.store import is_postgres

STORE_FILTER = "GeoPackage store (*.gpkg);;All files (*)"


def saved_connection_names() -> list:
    """The names of the PostgreSQL connections saved in QGIS."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    return sorted(metadata.connections(False)) if metadata is not None else []


def saved_connection(name: str):
    """The QGIS saved PostgreSQL connection called `name`, or None."""
    text = (name or "").strip()
    if not text or is_postgres(text) or text.lower().endswith(".gpkg") or "/" in text or "\\" in text:
        return None
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    if metadata is None:
        return None
    try:
        return metadata.findConnection(text)
    except Exception:  # noqa: BLE001 - QGIS raises when there is none
        return None


def resolve_store(spec: str) -> str:
    """The store as the core opens it: a saved connection's name becomes its connection string (with
    the credentials of its authentication configuration, in memory only); anything else is kept."""
    connection = saved_connection(spec)
    if connection is None:
        return spec
    uri = QgsDataSourceUri(connection.uri())
    return uri.connectionInfo(True)


def auth_config(spec: str) -> Optional[str]:
    """The authentication configuration id of a saved connection, for the layers' sources."""
    connection = saved_connection(spec)
    if connection is None:
        return None
    return QgsDataSourceUri(connection.uri()).authConfigId() or None


def open_user_store(spec: str, **options):
    """open_store() for a store as the user names it (a saved connection's name included)."""
    from .core.store import open_store
    return open_store(resolve_store(spec), **options)


def beside(spec: str, suffix: str) -> Path:
    """Where the plugin keeps a file of its own for a store (the dock's comparison layer, a
    briefing's layers): beside a GeoPackage; for a PostgreSQL store, which may be read-only for the
    user, in the QGIS profile's crimemap folder, one name per store."""
    if saved_connection(spec) is None and not is_postgres(spec):
        path = Path(spec)
        return path.with_name(f"{path.stem}{suffix}")
    from qgis.core import QgsApplication
    key = hashlib.sha256(shown_name(spec).encode()).hexdigest()[:10]
    folder = Path(QgsApplication.qgisSettingsDirPath()) / "crimemap" / "team-stores"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"store-{key}{suffix}"


def shown_name(spec: str) -> str:
    """The store as it is shown to the user (a file's name, a connection's name, a URI without its
    password)."""
    if saved_connection(spec) is not None:
        return spec
    if is_postgres(spec):
        from .core.store.postgis_schema import split_spec
        return split_spec(spec)[2]
    return Path(spec).name

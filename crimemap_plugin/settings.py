"""Typed plugin settings over QgsSettings, with environment overrides for deployment and tests.

Every key lives here once, with its type, default and (where it has one) environment variable.
The environment wins over QgsSettings so that tests and managed deployments can pin values.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from qgis.core import QgsApplication, QgsSettings

SECTION = "crimemap"


def _default_store() -> str:
    return str(Path(QgsApplication.qgisSettingsDirPath()) / "crimemap" / "crimemap.gpkg")


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    env: Optional[str] = None
    description: str = ""

    def _default(self):
        return self.default() if callable(self.default) else self.default

    def value(self):
        if self.env and os.environ.get(self.env):
            return self.type(os.environ[self.env])
        raw = QgsSettings().value(f"{SECTION}/{self.key}", None)
        if raw is None or raw == "":
            return self._default()
        if self.type is bool:
            return raw in (True, "true", "True", "1", 1)
        return self.type(raw)

    def set_value(self, value) -> None:
        QgsSettings().setValue(f"{SECTION}/{self.key}", value)

    def overridden(self) -> bool:
        """True when the environment pins this setting (the UI then shows it read-only)."""
        return bool(self.env and os.environ.get(self.env))


STORE_PATH = Setting("store_path", str, _default_store, "CRIMEMAP_STORE",
                     "GeoPackage that holds imported police.uk data")
API_URL = Setting("api_url", str, "https://data.police.uk/api/", "CRIMEMAP_API_URL",
                  "Base URL of the police.uk API")
DOCK_STATE = Setting("dock_state", str, "", None, "Last choices in the Crime Map dock (JSON)")

DOCK_VISIBLE = Setting("dock_visible", bool, True, None, "Whether the Crime Map dock is open")
DOCK_SIZED = Setting("dock_sized", bool, False, None, "Whether the dock was given its first width (then the user's)")
LAST_IMPORT_DIR = Setting("last_import_dir", str, lambda: str(Path.home()), None,
                          "The folder the last import was chosen from")

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
BASEMAP_URL = Setting("basemap_url", str, OSM_TILES, "CRIMEMAP_BASEMAP_URL",
                      "XYZ tile URL of the street map behind neighbourhood briefings ({z}/{x}/{y})")
BASEMAP_ENABLED = Setting("basemap_enabled", bool, True, None,
                          "Whether neighbourhood briefings draw the street map")

ALL: tuple = (STORE_PATH, API_URL, DOCK_STATE, DOCK_VISIBLE, DOCK_SIZED, LAST_IMPORT_DIR, BASEMAP_URL, BASEMAP_ENABLED)


def api_url() -> str:
    url = API_URL.value()
    return url if url.endswith("/") else url + "/"


def store_path() -> str:
    return STORE_PATH.value()



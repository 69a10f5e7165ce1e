"""The Crime Map page in Settings ▸ Options: the store (a GeoPackage, or a PostgreSQL connection), the
API base URL, and the street map behind neighbourhood briefings (on or off, and its XYZ tile URL)."""

from qgis.gui import QgsFileWidget, QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit

from .. import about, settings
from ..i18n import tr
from ..layers.basemap import forget_looks


class CrimeMapOptionsPage(QgsOptionsPageWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("CrimeMapOptionsPage")
        layout = QFormLayout(self)
        self.store = QgsFileWidget(self)
        self.store.setObjectName("storePathWidget")
        self.store.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.store.setFilter("GeoPackage (*.gpkg)")
        self.store.setFilePath(settings.STORE_PATH.value())
        self.store.setEnabled(not settings.STORE_PATH.overridden())
        self.api = QLineEdit(settings.API_URL.value(), self)
        self.api.setObjectName("apiUrlEdit")
        self.api.setEnabled(not settings.API_URL.overridden())
        self.store.lineEdit().setPlaceholderText(tr("a .gpkg file, a PostgreSQL connection's name, or postgresql://…"))
        self.store.setToolTip(tr("A GeoPackage (the embedded store), or a team's PostGIS store: the name of a "
                                 "PostgreSQL connection saved in QGIS, or a postgresql:// URI (add ?schema=name "
                                 "for a schema other than crimemap). Passwords come from the connection's "
                                 "authentication configuration, ~/.pgpass or a service file, never from here."))
        layout.addRow(tr("Store (GeoPackage or PostgreSQL)"), self.store)
        layout.addRow(tr("police.uk API base URL"), self.api)
        self.basemap_enabled = QCheckBox(tr("Draw a street map behind neighbourhood briefings"), self)
        self.basemap_enabled.setObjectName("basemapEnabledCheck")
        self.basemap_enabled.setChecked(settings.BASEMAP_ENABLED.value())
        self.basemap_url = QLineEdit(settings.BASEMAP_URL.value(), self)
        self.basemap_url.setObjectName("basemapUrlEdit")
        self.basemap_url.setPlaceholderText(settings.OSM_TILES)
        self.basemap_url.setToolTip(tr("An XYZ tile URL with {z}, {x} and {y} (OpenStreetMap's by default). The "
                                       "tiles come through QGIS's network settings (proxy, authentication); "
                                       "offline, briefings are drawn on a plain background. Respect the tile "
                                       "server's usage policy: a batch of briefings asks for many tiles."))
        self.basemap_enabled.toggled.connect(self._street_map_switched)
        self._street_map_switched(self.basemap_enabled.isChecked())
        layout.addRow(tr("Street map"), self.basemap_enabled)
        layout.addRow(tr("Street map tiles (XYZ URL)"), self.basemap_url)
        if settings.STORE_PATH.overridden() or settings.API_URL.overridden():
            layout.addRow(QLabel(tr("Greyed settings are set by the environment "
                                         "(CRIMEMAP_STORE, CRIMEMAP_API_URL).")))
        if settings.BASEMAP_URL.overridden():
            layout.addRow(QLabel(tr("The street map's tile URL is set by the environment (CRIMEMAP_BASEMAP_URL).")))

    def _street_map_switched(self, on: bool) -> None:
        self.basemap_url.setEnabled(on and not settings.BASEMAP_URL.overridden())

    def apply(self):
        settings.BASEMAP_ENABLED.set_value(self.basemap_enabled.isChecked())
        if not settings.BASEMAP_URL.overridden():
            settings.BASEMAP_URL.set_value(self.basemap_url.text().strip() or settings.OSM_TILES)
        forget_looks()                     # a new URL (or the same, now reachable) is looked at again
        if not settings.STORE_PATH.overridden():
            settings.STORE_PATH.set_value(self.store.filePath())
        if not settings.API_URL.overridden():
            settings.API_URL.set_value(self.api.text().strip())


class CrimeMapOptionsFactory(QgsOptionsWidgetFactory):
    def __init__(self):
        super().__init__()
        self.setTitle(tr("Crime Map"))

    def icon(self):
        return QIcon(about.icon_path())

    def createWidget(self, parent):  # noqa: N802
        return CrimeMapOptionsPage(parent)

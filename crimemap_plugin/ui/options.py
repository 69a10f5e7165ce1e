"""The Crime Map page in Settings ▸ Options: the store (a GeoPackage, or a PostgreSQL connection) and the
API base URL."""

from qgis.gui import QgsFileWidget, QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QFormLayout, QLabel, QLineEdit

from .. import about, settings
from ..i18n import tr


class CrimeMapOptionsPage(QgsOptionsPageWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("CrimeMapOptionsPage")
        layout = QFormLayout(self)
        self.store = QgsFileWidget(self)
        self.store.setObjectName("storePathWidget")
        self.store.setStorageMode(QgsFileWidget.SaveFile)
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
        if settings.STORE_PATH.overridden() or settings.API_URL.overridden():
            layout.addRow(QLabel(tr("Greyed settings are set by the environment "
                                         "(CRIMEMAP_STORE, CRIMEMAP_API_URL).")))

    def apply(self):
        if not settings.STORE_PATH.overridden():
            settings.STORE_PATH.set_value(self.store.filePath())
        if not settings.API_URL.overridden():
            settings.API_URL.set_value(self.api.text().strip())


class CrimeMapOptionsFactory(QgsOptionsWidgetFactory):
    def __init__(self):
        super().__init__()
        self.setTitle("Crime Map")

    def icon(self):
        return QIcon(about.icon_path())

    def createWidget(self, parent):  # noqa: N802
        return CrimeMapOptionsPage(parent)

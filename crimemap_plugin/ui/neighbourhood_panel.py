"""CrimeMapNeighbourhoodDock and the identify tool behind CrimeMapIdentifyAction.

A click finds the neighbourhood from the boundaries stored by crimemap:importneighbourhoods and shows
its team, priorities and events from the store (works offline; the panel says how old the details
are). HTML from the API is sanitised before it reaches the QTextBrowser, which loads no remote
resources; links open in the system browser only when clicked, and only https, mailto and tel.
"""

import sqlite3
from datetime import datetime
from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
from qgis.gui import QgsMapToolEmitPoint
from qgis.PyQt.QtCore import QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QDockWidget, QLabel, QTextBrowser, QVBoxLayout, QWidget

from .. import settings
from ..core import neighbourhoods
from ..core.neighbourhood_view import render

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
SAFE_SCHEMES = ("https", "mailto", "tel")


class NeighbourhoodIdentifyTool(QgsMapToolEmitPoint):
    """Hands each click, in WGS84, to `identified(lon, lat)`."""

    identified = pyqtSignal(float, float)

    def __init__(self, canvas):
        super().__init__(canvas)
        self.setObjectName("CrimeMapIdentifyTool")
        self.canvasClicked.connect(self._clicked)

    def _clicked(self, point, _button):
        crs = self.canvas().mapSettings().destinationCrs()
        if crs != WGS84:
            point = QgsCoordinateTransform(crs, WGS84, QgsProject.instance().transformContext()).transform(point)
        self.identified.emit(point.x(), point.y())


class CrimeMapNeighbourhoodDock(QDockWidget):
    def __init__(self, parent=None):
        super().__init__("Neighbourhood", parent)
        self.setObjectName("CrimeMapNeighbourhoodDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.status = QLabel("Click the map with the neighbourhood tool.", body)
        self.status.setWordWrap(True)
        self.browser = QTextBrowser(body)
        self.browser.setObjectName("neighbourhoodText")
        self.browser.setOpenLinks(False)            # we decide what a click opens
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._open_link)
        layout.addWidget(self.status)
        layout.addWidget(self.browser)
        self.setWidget(body)
        self.current = None

    @staticmethod
    def _open_link(url: QUrl) -> None:
        if url.scheme().lower() in SAFE_SCHEMES:
            QDesktopServices.openUrl(url)

    def show_at(self, lon: float, lat: float, store_path: str = None) -> bool:
        """Show the stored neighbourhood at a WGS84 point; False when none is stored there."""
        store_path = store_path or settings.store_path()
        self.show()
        self.raise_()
        if not Path(store_path).exists():
            self.status.setText("No neighbourhoods in the store yet: run Crime Map ▸ Import neighbourhoods.")
            self.browser.clear()
            return False
        with sqlite3.connect(f"file:{store_path}?mode=ro", uri=True) as conn:
            found = neighbourhoods.find_at(conn, lon, lat)
            row = neighbourhoods.details(conn, *found) if found else None
        if row is None:
            self.status.setText(f"No stored neighbourhood at {lat:.5f}, {lon:.5f}. Import the force's "
                                "neighbourhoods (Processing: Crime Map ▸ Import neighbourhoods).")
            self.browser.clear()
            self.current = None
            return False
        self.current = found
        self.status.setText(f"{row['force']} · {row['neighbourhood_id']}")
        self.browser.setHtml(render(row, datetime.now()))
        return True

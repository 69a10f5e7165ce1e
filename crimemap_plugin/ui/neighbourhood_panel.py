"""CrimeMapNeighbourhoodDock and the identify tool behind CrimeMapIdentifyAction.

A click finds the neighbourhood from the boundaries stored by crimemap:importneighbourhoods and shows
its team, priorities and events from the store (works offline; the panel says how old the details
are). HTML from the API is sanitised before it reaches the QTextBrowser, which loads no remote
resources; links open in the system browser only when clicked, and only https, mailto and tel.
"""

import html
from datetime import datetime

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
)
from qgis.gui import QgsMapToolEmitPoint
from qgis.PyQt.QtCore import QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from .. import settings
from ..core import forces
from ..core.errors import CrimeMapError
from ..core.neighbourhood_view import render
from ..i18n import LocaleDates, tr
from ..log import WARNING, log
from ..stores import open_user_store
from .highlight import Highlight
from .neighbourhood_task import FetchNeighbourhoodTask

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
    briefingRequested = pyqtSignal(str, str, str)   # store, force, neighbourhood id

    def __init__(self, parent=None, canvas=None):
        super().__init__(tr("Neighbourhood"), parent)
        self.highlight = Highlight(canvas)
        self.setObjectName("CrimeMapNeighbourhoodDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.status = QLabel(tr("Click the map with the neighbourhood tool."), body)
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(tr("Refresh from police.uk"), body)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setEnabled(False)
        self.refresh_button.clicked.connect(self.refresh)
        self.briefing_button = QPushButton(tr("Briefing map…"), body)
        self.briefing_button.setObjectName("briefingButton")
        self.briefing_button.setToolTip(tr("A one-page briefing for this neighbourhood (period and crime as "
                                           "chosen in the Crime Map dock), opened in the layout designer"))
        self.briefing_button.setEnabled(False)
        self.briefing_button.clicked.connect(
            lambda: self.current and self.briefingRequested.emit(self.store_path, *self.current))
        self.browser = QTextBrowser(body)
        self.browser.setObjectName("neighbourhoodText")
        self.browser.setOpenLinks(False)            # we decide what a click opens
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._open_link)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.briefing_button)
        layout.addLayout(buttons)
        layout.addWidget(self.browser)
        self.setWidget(body)
        self.current = None
        self.task = None
        self.store_path = None

    @staticmethod
    def _open_link(url: QUrl) -> None:
        if url.scheme().lower() in SAFE_SCHEMES:
            QDesktopServices.openUrl(url)

    def show_at(self, lon: float, lat: float, store_path: str = None) -> bool:
        """Show the stored neighbourhood at a WGS84 point. Where none is stored, ask police.uk
        (locate-neighbourhood) in a task; False when nothing is shown yet."""
        self.store_path = store_path or settings.store_path()
        self.show()
        self.raise_()
        found = self._stored_at(lon, lat)
        if found and self.show_stored(*found):
            return True
        if found:
            # A boundary without details (imported from a KML zip): ask police.uk for them.
            self.current = found
            self.refresh_button.setEnabled(True)
            self.briefing_button.setEnabled(True)
            self.browser.clear()
            self._outline(*found)
            self.status.setText(tr("{}: no team details stored yet; asking police.uk…").format(self._heading(*found)))
            self._start(FetchNeighbourhoodTask(self.store_path, settings.api_url(), *found))
            return False
        self.current = None
        self.refresh_button.setEnabled(False)
        self.briefing_button.setEnabled(False)
        self.browser.clear()
        self.highlight.clear()
        self.status.setText(tr("No stored neighbourhood at {}, {}: asking police.uk…").format(f"{lat:.5f}",
                                                                                              f"{lon:.5f}"))
        self._start(FetchNeighbourhoodTask(self.store_path, settings.api_url(), lat=lat, lon=lon))
        return False

    def _read(self, what):
        """what(store) on the store opened read-only; None where there is no store or it cannot be
        read (the status line says why)."""
        try:
            with open_user_store(self.store_path, create=False, read_only=True) as store:
                return what(store)
        except CrimeMapError as exc:
            self.status.setText(str(exc))
            return None

    def _stored_at(self, lon, lat):
        return self._read(lambda store: store.neighbourhood_at(lon, lat))

    def show_stored(self, force: str, nid: str, note: str = "") -> bool:
        found = self._read(lambda store: (store.neighbourhood_details(force, nid), _census(store, force, nid)))
        if found is None or found[0] is None:
            return False
        row, census = found
        self.current = (force, nid)
        self.refresh_button.setEnabled(True)
        self.briefing_button.setEnabled(True)
        self.status.setText("")   # the details' own heading names the neighbourhood and its force
        self.browser.setHtml(render(row, datetime.now(), note, tr=tr, dates=LocaleDates,
                                    force_name=_force_name(force), census=census))
        self._outline(force, nid)
        return True

    @staticmethod
    def _heading(force: str, nid: str, name: str = None) -> str:
        """'<b>St Marks</b> · Gloucestershire Constabulary' (the id only where there is no name)."""
        return f"<b>{html.escape(name or nid)}</b> · {html.escape(_force_name(force))}"

    def _outline(self, force: str, nid: str) -> None:
        """The neighbourhood outlined on the map (its boundary from the store)."""
        polygons = self._read(lambda store: store.neighbourhood_polygons(force, {nid})) or []
        rings = [r for _, _, parts in polygons for r in parts]
        if not rings:
            self.highlight.clear()
            return
        geometry = QgsGeometry.fromPolygonXY([[QgsPointXY(float(x), float(y)) for x, y in zip(*ring)]
                                              for ring in rings[:1]] + [
            [QgsPointXY(float(x), float(y)) for x, y in zip(*ring)] for ring in rings[1:]])
        self.highlight.show_geometry(geometry, WGS84)

    def refresh(self) -> None:
        if self.current and self.task is None:
            self.status.setText(tr("Asking police.uk…"))
            self._start(FetchNeighbourhoodTask(self.store_path, settings.api_url(), *self.current))

    def _start(self, task) -> None:
        if self.task is not None:
            return
        self.task = task
        task.done.connect(self._fetched)
        QgsApplication.taskManager().addTask(task)

    def _fetched(self, ok: bool, force: str, nid: str, error: str) -> None:
        self.task = None
        if ok:
            self.show_stored(force, nid)
            return
        log(f"police.uk: {error}", WARNING)   # the details, for whoever looks at the log
        if self.current:
            # Offline or failing: what is stored stays on screen, and says how old it is.
            note = tr("police.uk could not be reached just now ({}), so these are the details saved "
                      "earlier.").format(in_words(error))
            if not self.show_stored(*self.current, note=note):
                self.status.setText(tr("{}: no team details are saved, and police.uk could not be reached ({}).")
                                    .format(self._heading(*self.current), in_words(error)))
        else:
            self.status.setText(tr("No neighbourhood is saved here, and police.uk could not be reached ({}).")
                                .format(in_words(error)))


def _force_name(force: str) -> str:
    found = forces.BY_SLUG.get(force)
    return found.name if found else force


def _census(store, force: str, nid: str):
    areas = store.neighbourhood_areas(force)
    match = areas[areas["area_code"] == f"{force}/{nid}"]
    return int(match["population"].iloc[0]) if len(match) else None


def in_words(error: str) -> str:
    """Why police.uk did not answer, in a few words (the full error goes to the log)."""
    text = (error or "").lower()
    if "cancel" in text:
        return tr("cancelled")
    if "rate limited" in text or "429" in text:
        return tr("police.uk asked us to slow down; try again in a minute")
    if "server error" in text or " 50" in text:
        return tr("police.uk's server had a problem")
    if "not as documented" in text or "not json" in text:
        return tr("police.uk sent an answer that could not be read")
    if "no answer" in text or "timed out" in text or "within" in text or "connection" in text:
        return tr("no connection, or no answer in time")
    return tr("it gave an error")

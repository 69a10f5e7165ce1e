"""The dock's map: the comparison layer updated in place (or written again when it cannot be), the
chosen area outlined, and the force areas and neighbourhoods added once QGIS has started."""

from pathlib import Path

from qgis.core import QgsExpression, QgsFeatureRequest, QgsProject

from ..core.compare import FORCE, NEIGHBOURHOOD
from ..core.errors import CrimeMapError
from ..layers.boundaries import comparison_areas, ensure_force_areas, ensure_neighbourhoods
from ..layers.common import add_to_group, find_layer
from ..layers.comparison import ROLE as COMPARISON_ROLE
from ..layers.comparison_file import update_layer, write_layer
from ..log import CRITICAL, log
from ..stores import beside


class DockMap:
    """Mixed into CrimeMapDock: needs iface, highlight, shown, store_path(), refresh() and the
    _ready and _shown_once flags."""

    def comparison_path(self, level: str = FORCE) -> str:
        """The comparison layer's GeoPackage, beside the store (one per level, so switching levels
        never overwrites a file a layer being drawn still has open)."""
        suffix = "" if level == FORCE else f"_{level}"
        return str(beside(self.store_path(), f"_comparison{suffix}.gpkg"))

    def _update_map(self, comparison, measure: str) -> None:
        # Nothing goes into the project before QGIS has finished starting and the dock is shown.
        if not self._ready or not self._shown_once:
            return
        project = QgsProject.instance()
        layer = find_layer(COMPARISON_ROLE, project)
        path = self.comparison_path(comparison.level)
        if layer is not None:
            # Another level, another store, areas the layer has no row for, or a file that cannot be
            # written (damaged, or made by an earlier version): a new layer.
            try:
                stale = (not layer.isValid() or Path(layer.source().split("|")[0]) != Path(path)
                         or not update_layer(layer, comparison, measure))
            except RuntimeError as exc:
                log(f"{exc}: the comparison layer is written again")
                stale = True
            if stale:
                if self.iface is not None:
                    self.iface.mapCanvas().waitWhileRendering()
                project.removeMapLayer(layer.id())
                layer = None
        if layer is None:
            try:
                areas, code_field = comparison_areas(comparison.level, self.store_path())
                layer = write_layer(comparison, areas, code_field, path, measure)
            except RuntimeError as exc:
                log(str(exc), CRITICAL, bar=True)
                return
            add_to_group(layer, COMPARISON_ROLE, project, position=0)
        if comparison.level == NEIGHBOURHOOD:
            self.show_neighbourhoods(replace=False)

    def show_neighbourhoods(self, replace: bool = True) -> None:
        """The store's neighbourhoods outlined and named on the map (after they are imported, or when
        the dock first compares neighbourhoods)."""
        try:
            ensure_neighbourhoods(self.store_path(), replace=replace)
        except (RuntimeError, CrimeMapError) as exc:
            log(str(exc), CRITICAL, bar=True)

    def _highlight_selected(self, zoom: bool) -> None:
        """The chosen area outlined on the map (never filled: its colour stays the comparison's)."""
        self.highlight.clear()
        layer = find_layer(COMPARISON_ROLE)
        if self.shown is None or self.shown.selected is None or layer is None:
            return
        request = QgsFeatureRequest().setFilterExpression(
            f'"area_code" = {QgsExpression.quotedValue(self.shown.selected)}')
        feature = next(iter(layer.getFeatures(request)), None)
        if feature is None or not feature.hasGeometry() or feature.geometry().isEmpty():
            return
        self.highlight.show_geometry(feature.geometry(), layer.crs())
        if zoom:
            self.highlight.zoom_to(feature.geometry(), layer.crs())


    def set_ready(self) -> None:
        """QGIS has finished starting (its start-up project exists): layers may be added now."""
        self._ready = True
        self._on_visibility(self.isVisible())

    def _on_visibility(self, visible: bool) -> None:
        if visible and self._ready and not self._shown_once:
            self._shown_once = True
            # Showing the dock is not an edit of the user's project: keep a clean project clean.
            project = QgsProject.instance()
            was_dirty = project.isDirty()
            self.show_force_areas()
            self.refresh()
            if not was_dirty:
                project.setDirty(False)

    def show_force_areas(self) -> None:
        try:
            ensure_force_areas(QgsProject.instance())
        except RuntimeError as exc:
            log(str(exc), CRITICAL, bar=True)

"""crimemap:hotspots — Getis–Ord Gi* hot spots of stored crimes on a British National Grid square grid."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..core import gi_star as gi
from ..core import hotspots as hs
from ..core.errors import CrimeMapError
from ..i18n import tr_noop
from ..layers.hotspot_layers import HOTSPOT_FIELDS, make_fields, style_hotspots
from .grid_output import finite_or_none, write_grid
from .study_area import GRID_CRS, Selection, WhereAlgorithm
from .styling import StylePostProcessor, style_geopackage_output


class HotSpotsAlgorithm(WhereAlgorithm):
    CELL_SIZE, DISTANCE_BAND, OUTPUT = "CELL_SIZE", "DISTANCE_BAND", "OUTPUT"

    NAME = "hotspots"
    DISPLAY_NAME = tr_noop("Hot spots (Getis–Ord Gi*)")
    HELP = (   # parts, each translated (shortHelpString joins them)
        tr_noop("Where crime concentrates more (hot spots) or less (cold spots) than chance would give: the "
                "Getis–Ord Gi* statistic of the stored street crimes counted on a square grid. "),
        WhereAlgorithm.AREA_HELP,
        tr_noop("The period is START_MONTH to END_MONTH (empty: the latest 12 months the store holds). Crimes "
                "are projected with PROJ (EPSG:4326 to EPSG:27700); the grid is aligned to multiples of "
                "CELL_SIZE in British National Grid; a cell belongs to the study area when its centre lies "
                "inside the area, empty cells included; a crime counts in the cell that contains its point, "
                "whichever force recorded it; rows without a location are counted and reported, never placed. "
                "The neighbours of a cell are the cells whose centres lie within DISTANCE_BAND of its centre, "
                "itself included, with weight 1. gi_z is Gi* (Getis and Ord 1995, as ArcGIS's Hot Spot "
                "Analysis with binary weights), gi_p its two-sided normal p-value, gi_q the Benjamini–Hochberg "
                "q-value over all cells, and hotspot the class from gi_q: hot or cold at 99 % (q below 0.01), "
                "95 % (below 0.05) or 90 % (below 0.10), otherwise not significant. CELL_SIZE 0 chooses a size "
                "from the data: the spacing the distinct crime locations would have if spread evenly over the "
                "area, rounded to 50, 100, 250, 500, 1000, 2500, 5000 or 10000 m; DISTANCE_BAND 0 is 1.5 cells "
                "(the 3 × 3 block around each cell). Both are reported in the log and as outputs. "),
        WhereAlgorithm.COVERAGE_HELP,
    )

    def initAlgorithm(self, config=None):
        self.add_store_parameter()
        self.add_area_parameters()
        self.add_category_parameter()
        self.add_month_range_parameters()
        self.addParameter(QgsProcessingParameterNumber(
            self.CELL_SIZE, self.tr("Cell size in metres (0 = chosen from the data)"),
            QgsProcessingParameterNumber.Type.Double, 0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.DISTANCE_BAND, self.tr("Distance band in metres (0 = 1.5 cells)"),
            QgsProcessingParameterNumber.Type.Double, 0.0, minValue=0.0))
        self.add_allow_incomplete_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Hot spots"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))
        for name, text in (("CELL_SIZE_USED", self.tr("Cell size used (m)")),
                           ("DISTANCE_BAND_USED", self.tr("Distance band used (m)")),
                           ("CELLS", self.tr("Cells in the study area")),
                           ("CRIMES_IN_CELLS", self.tr("Crimes in the study area's cells")),
                           ("ROWS_WITHOUT_LOCATION", self.tr("Rows without a location (area's forces)")),
                           ("CRIMES_OUTSIDE", self.tr("Located crimes of the area's forces outside its cells")),
                           ("HOT_CELLS", self.tr("Hot spot cells (90 % or more)")),
                           ("COLD_CELLS", self.tr("Cold spot cells (90 % or more)"))):
            self.addOutput(QgsProcessingOutputNumber(name, text))
        self.addOutput(QgsProcessingOutputString("PERIOD", self.tr("Period")))

    def processAlgorithm(self, parameters, context, feedback):
        selection = self.prepare(parameters, context, feedback)
        self.log_selection(selection, feedback)
        feedback.setProgress(20)
        size = self.parameterAsDouble(parameters, self.CELL_SIZE, context)
        band = self.parameterAsDouble(parameters, self.DISTANCE_BAND, context)
        lon = selection.frame["lon"].to_numpy(dtype=float)
        lat = selection.frame["lat"].to_numpy(dtype=float)
        x, y = hs.to_bng(lon, lat)
        try:
            result = hs.hotspots_bng(x, y, selection.area.polygons, size, band)
        except CrimeMapError as exc:
            raise QgsProcessingException(str(exc)) from None
        feedback.setProgress(50)
        outside = int((result.grid.locate(x[selection.own], y[selection.own]) < 0).sum()) - selection.unlocated
        summary = self.report(result, outside, feedback)
        dest = self.write(result, parameters, context, feedback)
        title = self.tr("Hot spots · {} · {} · {} · {}").format(
            selection.area.label, selection.category_label(), selection.period_label(),
            self.tr("{:g} m cells").format(result.cell_size))
        self._styling = (sorted(set(result.gi.hotspot)), title, self.abstract(selection, result))
        self._rights = selection.area.rights
        if context.willLoadLayerOnCompletion(dest):
            details = context.layerToLoadOnCompletionDetails(dest)
            details.name = title
            details.forceName = True   # not the file's name, whatever QGIS prefers
            present, _, abstract = self._styling
            rights = selection.area.rights
            details.setPostProcessor(StylePostProcessor.create(
                lambda layer: style_hotspots(layer, present, title, abstract, rights)))
        self._dest = dest
        self._results = {
            self.OUTPUT: dest, "CELL_SIZE_USED": result.cell_size, "DISTANCE_BAND_USED": result.band,
            "CELLS": result.n_cells, "CRIMES_IN_CELLS": result.crimes_in_cells,
            "ROWS_WITHOUT_LOCATION": selection.unlocated, "CRIMES_OUTSIDE": outside,
            "HOT_CELLS": summary["hot"], "COLD_CELLS": summary["cold"],
            "PERIOD": f"{selection.start} to {selection.end}"}
        return dict(self._results)

    def report(self, result: hs.HotSpots, outside: int, feedback) -> dict:
        feedback.pushInfo(self.tr("Cell size: {}").format(result.cell_size_reason))
        feedback.pushInfo(self.tr("Distance band: {}").format(result.band_reason))
        feedback.pushInfo(self.tr("{:,} cells in the study area (empty ones included), {:,} crimes in them; {:,} "
                                  "located crimes of the area's forces lie outside them.").format(
            result.n_cells, result.crimes_in_cells, outside))
        counts = result.summary()["classes"]
        feedback.pushInfo(self.tr("Cells per class: {}.").format(
            ", ".join(f"{name} {counts[name]:,}" for name in gi.CLASSES)))
        for warning in result.warnings:
            feedback.pushWarning(warning)
        return {"hot": sum(counts[c] for c in gi.HOT_CLASSES), "cold": sum(counts[c] for c in gi.COLD_CLASSES)}

    def abstract(self, selection: Selection, result: hs.HotSpots) -> str:
        return self.tr("Getis–Ord Gi* hot spots of {} in {}, {} to {}: {:g} m cells of British National "
                       "Grid, neighbours within {:g} m (the cell itself included, weight 1); classes from the "
                       "Benjamini–Hochberg q-value of each cell (hot or cold at 99, 95 or 90 % confidence). "
                       "{:,} crimes in {:,} cells; {:,} rows without a location not placed. From the Crime Map "
                       "store.").format(selection.category_label(), selection.area.label,
                                        selection.start, selection.end, result.cell_size, result.band,
                                        result.crimes_in_cells, result.n_cells, selection.unlocated)

    def write(self, result: hs.HotSpots, parameters, context, feedback) -> str:
        fields = make_fields(HOTSPOT_FIELDS)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.Polygon,
                                          GRID_CRS)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        rows = zip(result.cell_id.tolist(), result.crimes.tolist(), result.neighbours.tolist(),
                   map(finite_or_none, result.gi.z.tolist()), map(finite_or_none, result.gi.p.tolist()),
                   map(finite_or_none, result.gi.q.tolist()), result.gi.hotspot.tolist())
        write_grid(sink, fields, result, rows, feedback, 50)
        return dest

    def postProcessAlgorithm(self, context, feedback):
        # The sink is written by now: store the style in a GeoPackage output so it opens styled anywhere.
        present, title, abstract = getattr(self, "_styling", ((), "", ""))
        style_geopackage_output(getattr(self, "_dest", None), context, feedback,
                                lambda layer: style_hotspots(layer, present, title, abstract, self._rights),
                                self.tr("Crime Map hot spots"))
        # What is returned here replaces processAlgorithm's results: all of them again.
        return dict(getattr(self, "_results", {}))


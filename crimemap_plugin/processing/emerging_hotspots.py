"""crimemap:emerginghotspots — how hot spots change: Gi* per time step, the Mann–Kendall trend of each
cell's z-scores and its pattern (new, consecutive, intensifying, persistent, diminishing, sporadic,
oscillating, historical, or no pattern)."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..core import emerging as em
from ..core.errors import CrimeMapError
from ..i18n import tr_noop
from ..layers.hotspot_layers import (
    EMERGING_FIELDS,
    make_fields,
    style_emerging,
)
from .grid_output import finite_or_none, write_grid
from .study_area import GRID_CRS, WhereAlgorithm
from .styling import StylePostProcessor, style_geopackage_output

TIME_STEPS = (em.MONTH, em.QUARTER)


class EmergingHotSpotsAlgorithm(WhereAlgorithm):
    TIME_STEP, CELL_SIZE, DISTANCE_BAND, OUTPUT = "TIME_STEP", "CELL_SIZE", "DISTANCE_BAND", "OUTPUT"

    NAME = "emerginghotspots"
    DISPLAY_NAME = tr_noop("Emerging hot spots")
    HELP = (   # parts, each translated (shortHelpString joins them)
        tr_noop("How hot spots change: Gi* on one grid for each time step (a month, or a quarter of three "
                "months counted from START_MONTH), then for each cell the Mann–Kendall trend of its z-scores "
                "and a pattern in the categories ArcGIS documents for Emerging Hot Spot Analysis: new, "
                "consecutive, intensifying, persistent, diminishing, sporadic, oscillating or historical hot "
                "(or cold) spot, or no pattern detected. A step is a significant hot (cold) spot for a cell "
                "when its Benjamini–Hochberg q-value over the cells of that step is below 0.10 and z is "
                "positive (negative); a trend is significant when its p-value is below 0.10. The grid, cells "
                "and neighbours are those of crimemap:hotspots (CELL_SIZE and DISTANCE_BAND 0 are chosen once "
                "from all the period's crimes). "),
        WhereAlgorithm.AREA_HELP,
        tr_noop("The period is START_MONTH to END_MONTH (empty: the latest 12 months the store holds, whole "
                "steps). A time step that holds a missing or partial force-month of the area is missing, never "
                "zero: it has no Gi* and is left out of every cell's series. "),
        WhereAlgorithm.COVERAGE_HELP,
    )

    def initAlgorithm(self, config=None):
        self.add_store_parameter()
        self.add_area_parameters()
        self.add_category_parameter()
        self.add_month_range_parameters()
        self.addParameter(QgsProcessingParameterEnum(self.TIME_STEP, self.tr("Time step"), options=list(TIME_STEPS),
                                                     defaultValue=em.MONTH, usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.CELL_SIZE, self.tr("Cell size in metres (0 = chosen from the data)"),
            QgsProcessingParameterNumber.Type.Double, 0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.DISTANCE_BAND, self.tr("Distance band in metres (0 = 1.5 cells)"),
            QgsProcessingParameterNumber.Type.Double, 0.0, minValue=0.0))
        self.add_allow_incomplete_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Emerging hot spots"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))
        for name, text in (("CELL_SIZE_USED", self.tr("Cell size used (m)")),
                           ("DISTANCE_BAND_USED", self.tr("Distance band used (m)")),
                           ("CELLS", self.tr("Cells in the study area")),
                           ("STEPS", self.tr("Time steps")),
                           ("STEPS_MISSING", self.tr("Time steps left out (missing or partial data)")),
                           ("ROWS_WITHOUT_LOCATION", self.tr("Rows without a location (area's forces)"))):
            self.addOutput(QgsProcessingOutputNumber(name, text))
        self.addOutput(QgsProcessingOutputString("PERIOD", self.tr("Period")))
        self.addOutput(QgsProcessingOutputString("MISSING_STEPS", self.tr("Time steps left out")))

    def processAlgorithm(self, parameters, context, feedback):
        step = self.parameterAsEnumString(parameters, self.TIME_STEP, context)
        selection = self.prepare(parameters, context, feedback, step_months=em.STEP_MONTHS[step])
        self.log_selection(selection, feedback)
        feedback.setProgress(20)
        size = self.parameterAsDouble(parameters, self.CELL_SIZE, context)
        band = self.parameterAsDouble(parameters, self.DISTANCE_BAND, context)
        frame = selection.frame
        try:
            steps = em.time_steps(selection.start, selection.end, step)
            # A step that holds a missing or partial force-month of the area is missing, not zero.
            missing = [any(m in selection.holes for m in s.months) for s in steps]
            result = em.emerging_hotspots(frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float),
                                          frame["month"].to_numpy(dtype=object), selection.area.polygons,
                                          selection.start, selection.end, step, missing, size, band)
        except CrimeMapError as exc:
            raise QgsProcessingException(str(exc)) from None
        feedback.setProgress(60)
        summary = result.summary()
        feedback.pushInfo(self.tr("Cell size: {}").format(result.cell_size_reason))
        feedback.pushInfo(self.tr("Distance band: {}").format(result.band_reason))
        feedback.pushInfo(self.tr("{:,} cells; {} time steps ({}); left out: {}.").format(
            result.n_cells, len(steps), ", ".join(summary["steps"]),
            ", ".join(summary["missing_steps"]) or self.tr("none")))
        feedback.pushInfo(self.tr("Cells per pattern: {}.").format(
            ", ".join(f"{p} {n:,}" for p, n in summary["patterns"].items() if n)))
        for warning in result.warnings:
            feedback.pushWarning(warning)
        dest = self.write(result, parameters, context, feedback)
        title = self.tr("Emerging hot spots · {} · {} · {} · {}").format(
            selection.area.label, selection.category_label(), selection.period_label(), self.step_words(step))
        abstract = self.tr("Emerging hot spots of {} in {}, {} to {}, {}: Gi* per step on {:g} m cells, "
                           "neighbours within {:g} m; Mann–Kendall trend of each cell's z-scores; steps left "
                           "out (missing or partial data): {}. From the Crime Map store.").format(
            selection.category_label(), selection.area.label, selection.start, selection.end, self.step_words(step),
            result.cell_size, result.band, ", ".join(summary["missing_steps"]) or self.tr("none"))
        present = sorted(set(result.pattern))
        rights = selection.area.rights
        self._styling = (present, title, abstract, rights)
        if context.willLoadLayerOnCompletion(dest):
            details = context.layerToLoadOnCompletionDetails(dest)
            details.name = title
            details.forceName = True   # not the file's name, whatever QGIS prefers
            details.setPostProcessor(StylePostProcessor.create(
                lambda layer: style_emerging(layer, present, title, abstract, rights)))
        self._dest = dest
        self._results = {
            self.OUTPUT: dest, "CELL_SIZE_USED": result.cell_size, "DISTANCE_BAND_USED": result.band,
            "CELLS": result.n_cells, "STEPS": len(steps), "STEPS_MISSING": int(result.missing.sum()),
            "ROWS_WITHOUT_LOCATION": selection.unlocated, "PERIOD": f"{selection.start} to {selection.end}",
            "MISSING_STEPS": ", ".join(summary["missing_steps"])}
        return dict(self._results)

    def step_words(self, step: str) -> str:
        return self.tr("by month") if step == em.MONTH else self.tr("by quarter")

    def write(self, result: em.EmergingHotSpots, parameters, context, feedback) -> str:
        fields = make_fields(EMERGING_FIELDS)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.Polygon,
                                          GRID_CRS)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        step_counts = [", ".join(str(v) for v in row) for row in result.counts.tolist()]
        rows = zip(result.cell_id.tolist(), result.counts.sum(axis=1).tolist(), step_counts,
                   result.trend.n.tolist(), result.hot_steps.tolist(), result.cold_steps.tolist(),
                   result.trend.s.tolist(), map(finite_or_none, result.trend.z.tolist()),
                   map(finite_or_none, result.trend.p.tolist()), result.pattern.tolist())
        write_grid(sink, fields, result, rows, feedback, 60)
        return dest

    def postProcessAlgorithm(self, context, feedback):
        style_geopackage_output(getattr(self, "_dest", None), context, feedback,
                                lambda layer: style_emerging(layer, *self._styling),
                                self.tr("Crime Map emerging hot spots"))
        # What is returned here replaces processAlgorithm's results: all of them again.
        return dict(getattr(self, "_results", {}))


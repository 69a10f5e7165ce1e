"""crimemap:concentration — the top locations of an area and period, with their change against a
baseline, and how concentrated crime is (shares at the top 1, 5 and 10 % of locations, Gini)."""

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..core import concentration as co
from ..core.compare import latest_month
from ..core.periods import Period
from ..core.safe_text import spreadsheet_safe
from ..i18n import tr_noop
from ..layers.hotspot_layers import CONCENTRATION_FIELDS, LORENZ_FIELDS, make_fields
from .grid_output import finite_or_none
from .study_area import GRID_CRS, WhereAlgorithm

DEFAULT_TOP = 20


class ConcentrationAlgorithm(WhereAlgorithm):
    TOP, OUTPUT, LORENZ = "TOP", "OUTPUT", "LORENZ"

    NAME = "concentration"
    DISPLAY_NAME = tr_noop("Top locations and concentration")
    HELP = (   # parts, each translated (shortHelpString joins them)
        tr_noop("Where crime concentrates among police.uk's locations: each crime is published at an anonymous "
                "snap point named 'On or near …'. A location is its point (to 6 decimals) and its name. For "
                "the period (END_MONTH and the MONTHS before it; empty END_MONTH = the latest in the store) "
                "the table lists the TOP locations with the most crimes (0 = every location), with their "
                "crimes in the BASELINE period and the change; share is each location's share of the period's "
                "crimes. The log and the outputs give the share of the crimes at the top 1 %, 5 % and 10 % of "
                "the locations (the ceil(p % × L) busiest of the L locations with a crime) and the Gini "
                "coefficient of crimes over locations (0 when every location has as many crimes, near 1 when a "
                "few have them all); LORENZ, when asked for, is the Lorenz curve as a table. Only crimes whose "
                "point lies inside the area count. "),
        WhereAlgorithm.AREA_HELP,
        WhereAlgorithm.COVERAGE_HELP,
    )

    def initAlgorithm(self, config=None):
        self.add_store_parameter()
        self.add_area_parameters()
        self.add_period_parameters()
        self.addParameter(QgsProcessingParameterNumber(self.TOP, self.tr("Top locations to list (0 = all)"),
                                                       QgsProcessingParameterNumber.Type.Integer, DEFAULT_TOP,
                                                       minValue=0))
        self.add_allow_incomplete_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Top locations"),
                                                            QgsProcessing.SourceType.TypeVector))
        self.addParameter(QgsProcessingParameterFeatureSink(self.LORENZ, self.tr("Lorenz curve"),
                                                            QgsProcessing.SourceType.TypeVector, optional=True,
                                                            createByDefault=False))
        for name, text in (("CRIMES", self.tr("Located crimes in the area")),
                           ("LOCATIONS", self.tr("Locations with a crime")),
                           ("SHARE_TOP_1", self.tr("Share of crimes at the top 1 % of locations")),
                           ("SHARE_TOP_5", self.tr("Share of crimes at the top 5 % of locations")),
                           ("SHARE_TOP_10", self.tr("Share of crimes at the top 10 % of locations")),
                           ("GINI", self.tr("Gini coefficient")),
                           ("BASELINE_CRIMES", self.tr("Located crimes in the area in the baseline period")),
                           ("ROWS_WITHOUT_LOCATION", self.tr("Rows without a location (area's forces)"))):
            self.addOutput(QgsProcessingOutputNumber(name, text))
        self.addOutput(QgsProcessingOutputString("PERIOD", self.tr("Period")))
        self.addOutput(QgsProcessingOutputString("BASELINE_PERIOD", self.tr("Baseline period")))

    def processAlgorithm(self, parameters, context, feedback):
        category, end, months, baseline_kind = self.period_values(parameters, context)
        if end:
            self.month_value(parameters, self.END_MONTH, context)
        chosen = {}

        def ranges(store):
            period = Period(end or latest_month(store), months)
            chosen["period"], chosen["baseline"] = period, period.baseline(baseline_kind)
            return [(period.start, period.end), (chosen["baseline"].start, chosen["baseline"].end)]

        selection = self.prepare(parameters, context, feedback, columns=("location",), ranges=ranges)
        period, baseline = chosen["period"], chosen["baseline"]
        frame = selection.frame
        now = frame["month"].isin(period.months).to_numpy()
        before = frame["month"].isin(baseline.months).to_numpy()
        selection.unlocated = int((selection.own & now & frame["lon"].isna().to_numpy()).sum())
        self.log_selection(selection, feedback)
        feedback.pushInfo(self.tr("Baseline: {} to {}.").format(baseline.start, baseline.end))
        unlocated = selection.unlocated
        lon, lat, location = (frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float),
                              frame["location"].to_numpy(dtype=object))
        result = co.concentration(lon[now], lat[now], location[now], lon[before], lat[before], location[before],
                                  area=selection.area.polygons)
        shares = {round(s.percent): s for s in result.shares}
        feedback.pushInfo(self.tr("{:,} located crimes at {:,} locations in the area; {:,} rows without a location "
                                  "(area's forces) not counted.").format(result.crimes, result.locations, unlocated))
        for p in co.SHARE_PERCENTS:
            s = shares[p]
            feedback.pushInfo(self.tr("Top {} % of locations ({:,}): {:,} crimes, {} of all.").format(
                p, s.locations, s.crimes, _percent(s.share)))
        feedback.pushInfo(self.tr("Gini coefficient: {}").format(
            "—" if result.gini != result.gini else f"{result.gini:.3f}"))

        top_n = self.parameterAsInt(parameters, self.TOP, context)
        table = result.top(top_n if top_n > 0 else max(result.locations, 1))
        fields = make_fields(CONCENTRATION_FIELDS)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.NoGeometry,
                                          GRID_CRS)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for rank, row in enumerate(table.itertuples(index=False), start=1):
            feature = QgsFeature(fields)
            feature.setAttributes([rank, spreadsheet_safe(str(row.location)), float(row.lon), float(row.lat),
                                   int(row.crimes), int(row.baseline), int(row.change),
                                   finite_or_none(row.change_pct),
                                   row.crimes / result.crimes if result.crimes else None])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        results = {self.OUTPUT: dest}
        if parameters.get(self.LORENZ) not in (None, ""):
            lorenz_fields = make_fields(LORENZ_FIELDS)
            lorenz_sink, lorenz_dest = self.parameterAsSink(parameters, self.LORENZ, context, lorenz_fields,
                                                            QgsWkbTypes.Type.NoGeometry, GRID_CRS)
            if lorenz_sink is not None:
                for x, y in zip(result.lorenz_x.tolist(), result.lorenz_y.tolist()):
                    feature = QgsFeature(lorenz_fields)
                    feature.setAttributes([x, y])
                    lorenz_sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
                results[self.LORENZ] = lorenz_dest
        results.update({
            "CRIMES": result.crimes, "LOCATIONS": result.locations,
            "SHARE_TOP_1": finite_or_none(shares[1].share), "SHARE_TOP_5": finite_or_none(shares[5].share),
            "SHARE_TOP_10": finite_or_none(shares[10].share), "GINI": finite_or_none(result.gini),
            "BASELINE_CRIMES": result.baseline_crimes, "ROWS_WITHOUT_LOCATION": unlocated,
            "PERIOD": f"{period.start} to {period.end}", "BASELINE_PERIOD": f"{baseline.start} to {baseline.end}"})
        return results


def _percent(share: float) -> str:
    return "—" if share != share else f"{100 * share:.1f} %"

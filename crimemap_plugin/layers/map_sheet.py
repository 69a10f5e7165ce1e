"""A one-sheet map of a force's comparison, for `make run` without a display: the force and its
neighbours coloured by change, the period's crimes as dots, zoomed to the force, with a title, a
legend and the attribution. A small native print layout, written as a PNG (or PDF) like a briefing."""

from typing import Optional

from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsPrintLayout,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from ..core import categories, forces
from ..core.briefing_text import headline_sentence
from ..core.compare import FORCE, Comparison, compare, latest_month
from ..core.periods import SAME_PERIOD_LAST_YEAR, Period
from ..i18n import tr
from ..stores import open_user_store
from .boundaries import force_areas_layer, label_settings
from .briefing_layers import SIGNED_PCT
from .common import OGL, ONS_OS
from .comparison import build_layer
from .layout_items import (
    add_legend,
    add_map,
    add_scale_bar,
    fitted_size,
    item_size,
    label,
    move,
    new_layout,
    north_arrow,
)

SHEET_W, SHEET_H = 250.0, 170.0
MARGIN = 8.0
MAP_W = 168.0


def crimes_layer(store, force: str, category: str, period: Period) -> QgsVectorLayer:
    """The period's located crimes of the force, as small dots (WGS84, as police.uk gives them)."""
    cat = None if category == categories.ALL_CRIME else category
    frame = store.crime_frame(["month"], cat, period.start, period.end, forces=[force], located_only=True)
    layer = QgsVectorLayer("Point?crs=EPSG:4326", tr("Crimes in {period} (approximate places)").format(
        period=period.short_label()), "memory")
    features = []
    for lon, lat in zip(frame["lon"].tolist(), frame["lat"].tolist()):
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": "29,53,87,150", "size": "0.9",
                                           "outline_style": "no"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def labelled_comparison(comparison: Comparison) -> QgsVectorLayer:
    """The force-level comparison over the bundled force areas, each area with data named with its change
    (areas without data keep their hatching and no label, so no neighbour's name lands on the force)."""
    layer = build_layer(comparison, force_areas_layer(), "ons_code", "change_pct")
    value = f"""CASE WHEN "complete" AND "change_pct" IS NOT NULL THEN "area_name" || '\n' || {SIGNED_PCT} END"""
    settings = label_settings(value, size=8.5, expression=True)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


def map_sheet(store_path: str, force: str, category: str = categories.ALL_CRIME, end: str = "", months: int = 3,
              baseline: str = SAME_PERIOD_LAST_YEAR, project: Optional[QgsProject] = None):
    """(layout, layers kept alive for it, comparison): the sheet of `force`'s comparison (the latest
    months by default)."""
    with open_user_store(store_path, create=False) as store:
        period = Period(end or latest_month(store), months)
        comparison = compare(store, FORCE, category, period, baseline)
        dots = crimes_layer(store, force, category, period)
    areas = labelled_comparison(comparison)
    code = forces.area_code(force)
    area = next((f for f in areas.getFeatures() if f["area_code"] == code and f.hasGeometry()), None)
    extent = area.geometry().boundingBox() if area is not None else areas.extent()
    layout: QgsPrintLayout = new_layout(project or QgsProject.instance(), tr("Crime Map: {force}").format(
        force=forces.BY_SLUG[force].name), 1, size=(SHEET_W, SHEET_H))
    title = tr("{force}: {category}, {period} compared with {baseline}").format(
        force=forces.BY_SLUG[force].name, category=tr(categories.label(category)).lower(), period=period.label(),
        baseline=comparison.baseline.label())
    width = SHEET_W - 2 * MARGIN
    label(layout, 0, title, MARGIN, 6.0, width, 7.0, size=fitted_size(title, width, 14, 9, True), bold=True,
          item_id="title")
    row = next((r for r in comparison.records() if r["area_code"] == code), {})
    months_of = lambda key: [m for m in (row.get(key) or "").split(",") if m]  # noqa: E731
    summary = headline_sentence(tr(categories.label(category)), row.get("current"), row.get("baseline"),
                                row.get("change_pct"), row.get("significant"), bool(row.get("complete")),
                                months_of("missing_months"), months_of("partial_months"), baseline, months, tr)
    label(layout, 0, summary, MARGIN, 14.0, width, 5.5, size=fitted_size(summary, width, 10.5, 7), colour="#1d3557",
          item_id="summary")
    map_rect = (MARGIN, 21.0, MAP_W, SHEET_H - 21.0 - 13.0)
    map_item = add_map(layout, 0, map_rect, [dots, areas], extent, areas.crs(), surroundings=1.6)
    legend = add_legend(layout, 0, map_item, [areas, dots], tr("Change in {category},\n{period} against {baseline}")
                        .format(category=tr(categories.label(category)).lower(), period=period.short_label(),
                                baseline=comparison.baseline.short_label()), columns=1, wrap_chars=34)
    move(legend, 0, MARGIN + MAP_W + 4.0, 21.0)
    below = 21.0 + item_size(legend)[1] + 6.0
    bar = add_scale_bar(layout, 0, map_item)
    move(bar, 0, MARGIN + MAP_W + 4.0, below + 2.0)
    north_arrow(layout, 0, map_item, MARGIN + MAP_W + 4.0 + item_size(bar)[0] + 6.0, below)
    footer = " ".join((tr(OGL), tr(ONS_OS), tr("Street-level crime from police.uk: locations are approximate "
                                               "(snapped to anonymous points).")))
    label(layout, 0, footer, MARGIN, SHEET_H - 11.0, width, 9.0, size=6, colour="#444444", item_id="attribution")
    return layout, [areas, dots], comparison

"""Layers of where crime concentrates: the hot spot grid, the emerging hot spot grid, the density
raster and the top locations table — their fields, features, styles and legends.

Hot spots use the convention analysts know from ArcGIS and GeoDa: three reds for hot spots at 99, 95
and 90 % confidence, three blues for cold spots, light grey for cells that are not significant, and
no outlines (a grid of thousands of cells drawn with outlines turns grey). The reds and blues are
ColorBrewer's RdBu, which colour-blind readers can tell apart. Legends list only the classes the map
shows, in words. Density is ColorBrewer's YlOrRd from QGIS's style library, zero transparent.
"""

import struct
from typing import Iterable, Sequence

import numpy as np
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsColorRampShader,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsFillSymbol,
    QgsGeometry,
    QgsRasterShader,
    QgsRendererCategory,
    QgsSingleBandPseudoColorRenderer,
    QgsStyle,
)
from qgis.PyQt.QtGui import QColor

from ..core import emerging
from ..core import gi_star as gi
from ..i18n import tr, tr_noop
from .common import OGL, attribution_metadata
from .field_types import REAL, TEXT, WHOLE

HOTSPOT_ROLE, EMERGING_ROLE, DENSITY_ROLE = "hotspots", "emerging_hotspots", "density"

HOTSPOT_COLOURS = {
    "hot 99": "#b2182b", "hot 95": "#d6604d", "hot 90": "#f4a582", "not significant": "#dcdcdc",
    "cold 90": "#92c5de", "cold 95": "#4393c3", "cold 99": "#2166ac",
}
HOTSPOT_LABELS = {
    "hot 99": tr_noop("Hot spot, 99 % confidence"),
    "hot 95": tr_noop("Hot spot, 95 % confidence"),
    "hot 90": tr_noop("Hot spot, 90 % confidence"),
    "not significant": tr_noop("Not significant"),
    "cold 90": tr_noop("Cold spot, 90 % confidence"),
    "cold 95": tr_noop("Cold spot, 95 % confidence"),
    "cold 99": tr_noop("Cold spot, 99 % confidence"),
}

EMERGING_COLOURS = {
    "intensifying hot spot": "#67000d", "persistent hot spot": "#cb181d", "consecutive hot spot": "#ef3b2c",
    "new hot spot": "#fc8d59", "sporadic hot spot": "#fdd49e", "oscillating hot spot": "#e7298a",
    "diminishing hot spot": "#fcbba1", "historical hot spot": "#a6761d",
    "intensifying cold spot": "#08306b", "persistent cold spot": "#2171b5", "consecutive cold spot": "#4292c6",
    "new cold spot": "#6baed6", "sporadic cold spot": "#c6dbef", "oscillating cold spot": "#7570b3",
    "diminishing cold spot": "#9ecae1", "historical cold spot": "#1b9e77",
    emerging.NO_PATTERN: "#e6e6e6",
}
EMERGING_LABELS = {
    "new hot spot": tr_noop("New hot spot: hot in the last step for the first time"),
    "consecutive hot spot": tr_noop("Consecutive hot spot: hot in the last steps in a row, never before"),
    "intensifying hot spot": tr_noop("Intensifying hot spot: hot almost always, and getting hotter"),
    "persistent hot spot": tr_noop("Persistent hot spot: hot almost always, no trend"),
    "diminishing hot spot": tr_noop("Diminishing hot spot: hot almost always, but cooling"),
    "sporadic hot spot": tr_noop("Sporadic hot spot: hot now, on and off before"),
    "oscillating hot spot": tr_noop("Oscillating hot spot: hot now, a cold spot before"),
    "historical hot spot": tr_noop("Historical hot spot: hot almost always, but not now"),
    "new cold spot": tr_noop("New cold spot: cold in the last step for the first time"),
    "consecutive cold spot": tr_noop("Consecutive cold spot: cold in the last steps in a row, never before"),
    "intensifying cold spot": tr_noop("Intensifying cold spot: cold almost always, and getting colder"),
    "persistent cold spot": tr_noop("Persistent cold spot: cold almost always, no trend"),
    "diminishing cold spot": tr_noop("Diminishing cold spot: cold almost always, but warming"),
    "sporadic cold spot": tr_noop("Sporadic cold spot: cold now, on and off before"),
    "oscillating cold spot": tr_noop("Oscillating cold spot: cold now, a hot spot before"),
    "historical cold spot": tr_noop("Historical cold spot: cold almost always, but not now"),
    emerging.NO_PATTERN: tr_noop("No pattern detected"),
}

DENSITY_RAMP = "YlOrRd"
DENSITY_STOPS = 5


# --------------------------------------------------------------------------- fields and features

def _types() -> dict:
    return {"text": TEXT, "int": WHOLE, "real": REAL}


def make_fields(spec: Sequence[tuple]) -> QgsFields:
    """QgsFields from (name, "text" | "int" | "real") pairs."""
    types = _types()
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, types[kind]))
    return fields


HOTSPOT_FIELDS = (("cell_id", "text"), ("crimes", "int"), ("neighbours", "int"), ("gi_z", "real"),
                  ("gi_p", "real"), ("gi_q", "real"), ("hotspot", "text"))
EMERGING_FIELDS = (("cell_id", "text"), ("crimes", "int"), ("step_counts", "text"), ("steps", "int"),
                   ("hot_steps", "int"), ("cold_steps", "int"), ("trend_s", "int"), ("trend_z", "real"),
                   ("trend_p", "real"), ("pattern", "text"))
CONCENTRATION_FIELDS = (("rank", "int"), ("location", "text"), ("lon", "real"), ("lat", "real"),
                        ("crimes", "int"), ("baseline", "int"), ("change", "int"), ("change_pct", "real"),
                        ("share", "real"))
LORENZ_FIELDS = (("share_of_locations", "real"), ("share_of_crimes", "real"))

_RING = struct.pack("<BIII", 1, 3, 1, 5)          # WKB polygon header: one ring of five points


def square_wkb(x0: np.ndarray, y0: np.ndarray, size: float) -> bytes:
    """Concatenated WKB polygons of the size × size squares with south-west corners (x0, y0)."""
    n = len(x0)
    x1, y1 = x0 + size, y0 + size
    coords = np.column_stack([x0, y0, x1, y0, x1, y1, x0, y1, x0, y0]).astype("<f8")
    header = np.frombuffer(_RING, dtype=np.uint8)
    records = np.empty((n, len(_RING) + 80), dtype=np.uint8)
    records[:, :len(_RING)] = header
    records[:, len(_RING):] = coords.view(np.uint8).reshape(n, 80)
    return records.tobytes()


def grid_features(fields: QgsFields, x0: np.ndarray, y0: np.ndarray, size: float,
                  rows: Iterable[list]) -> Iterable[QgsFeature]:
    """A square polygon feature per cell (EPSG:27700) with its attribute values."""
    blob = square_wkb(np.asarray(x0, dtype=float), np.asarray(y0, dtype=float), float(size))
    step = len(_RING) + 80
    for k, values in enumerate(rows):
        geometry = QgsGeometry()
        geometry.fromWkb(blob[k * step:(k + 1) * step])
        feature = QgsFeature(fields)
        feature.setGeometry(geometry)
        feature.setAttributes(values)
        yield feature


# --------------------------------------------------------------------------- vector styles

def _fill(colour: str) -> QgsFillSymbol:
    """A fill with a hairline of its own colour: no outline to see, and no seams between cells."""
    return QgsFillSymbol.createSimple({"color": colour, "outline_color": colour, "outline_width": "0",
                                       "outline_style": "solid"})


def _categorized(field: str, order: Sequence[str], colours: dict, labels: dict,
                 present: Iterable[str] = None) -> QgsCategorizedSymbolRenderer:
    shown = set(order) if present is None else set(present)
    categories = [QgsRendererCategory(value, _fill(colours[value]), tr(labels[value]))
                  for value in order if value in shown]
    return QgsCategorizedSymbolRenderer(field, categories)


def hotspot_label(value: str) -> str:
    return tr(HOTSPOT_LABELS[value])


def hotspot_renderer(present: Iterable[str] = None) -> QgsCategorizedSymbolRenderer:
    """Hot spot classes as reds, cold spot classes as blues, not significant light grey; only the
    classes in `present` (all when None) in the legend, hot 99 first."""
    return _categorized("hotspot", gi.CLASSES, HOTSPOT_COLOURS, HOTSPOT_LABELS, present)


def emerging_renderer(present: Iterable[str] = None) -> QgsCategorizedSymbolRenderer:
    """A colour per pattern (reds and oranges hot, blues cold), named in plain words."""
    return _categorized("pattern", emerging.PATTERNS, EMERGING_COLOURS, EMERGING_LABELS, present)


def style_hotspots(layer, present: Iterable[str] = None, title: str = "", abstract: str = "",
                   rights: Sequence[str] = (OGL,)) -> None:
    layer.setRenderer(hotspot_renderer(present))
    layer.setMetadata(attribution_metadata(title or layer.name(), abstract or tr(
        "Getis–Ord Gi* hot spots of police.uk street crimes on a British National Grid square grid."), rights))
    layer.setCustomProperty("crimemap/role", HOTSPOT_ROLE)


def style_emerging(layer, present: Iterable[str] = None, title: str = "", abstract: str = "",
                   rights: Sequence[str] = (OGL,)) -> None:
    layer.setRenderer(emerging_renderer(present))
    layer.setMetadata(attribution_metadata(title or layer.name(), abstract or tr(
        "Emerging hot spots of police.uk street crimes: Gi* per time step, the Mann–Kendall trend of each "
        "cell's z-scores and its pattern."), rights))
    layer.setCustomProperty("crimemap/role", EMERGING_ROLE)


# --------------------------------------------------------------------------- density

def density_ramp_items(maximum: float, stops: int = DENSITY_STOPS):
    """(value, QColor, label) stops from 0 (transparent) to `maximum` crimes per km² on YlOrRd."""
    ramp = QgsStyle.defaultStyle().colorRamp(DENSITY_RAMP)
    maximum = float(maximum) if maximum and maximum > 0 else 1.0
    items = [(0.0, QColor(255, 255, 255, 0), tr("none"))]
    for k in range(1, stops + 1):
        value = maximum * k / stops
        colour = ramp.color((k - 1) / (stops - 1)) if ramp is not None else QColor(189, 0, 38)
        label = f"{value:,.0f}" if value >= 10 else f"{value:,.1f}"
        if k == stops:
            label = tr("{} or more").format(label)
        items.append((value, colour, label))
    return items


def density_renderer(provider, maximum: float) -> QgsSingleBandPseudoColorRenderer:
    """Singleband pseudocolour on band 1, interpolated from transparent at 0 to the ramp's darkest at
    `maximum` (values above drawn in it too)."""
    shader_function = QgsColorRampShader(0.0, float(maximum))
    shader_function.setColorRampType(QgsColorRampShader.Type.Interpolated)
    shader_function.setColorRampItemList([QgsColorRampShader.ColorRampItem(v, c, label)
                                          for v, c, label in density_ramp_items(maximum)])
    shader_function.setClip(False)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(shader_function)
    renderer = QgsSingleBandPseudoColorRenderer(provider, 1, shader)
    renderer.setClassificationMin(0.0)
    renderer.setClassificationMax(float(maximum))
    return renderer


def density_display_maximum(values: np.ndarray) -> float:
    """The top of the ramp: the 99.5th percentile of the positive densities, so that one busy pixel
    does not wash out the rest (the legend's last class says "or more")."""
    positive = values[np.isfinite(values) & (values > 0)]
    if not len(positive):
        return 1.0
    return float(np.percentile(positive, 99.5))


def style_density(layer, maximum: float, title: str = "", abstract: str = "", rights: Sequence[str] = (OGL,)) -> None:
    layer.setRenderer(density_renderer(layer.dataProvider(), maximum))
    layer.setMetadata(attribution_metadata(title or layer.name(), abstract or tr(
        "Kernel density of police.uk street crimes (quartic kernel), crimes per km²."), rights))
    layer.setCustomProperty("crimemap/role", DENSITY_ROLE)

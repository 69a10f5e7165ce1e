"""Which area each located row lies in: police.uk points matched to neighbourhood or LSOA polygons.

Outcomes and stop-and-search rows carry coordinates but no neighbourhood (and searches no LSOA), so
summaries by neighbourhood or by a boundary layer need a point-in-polygon step. The test is the one
the store uses for its neighbourhood counts (core.pip: even-odd ray casting, in WGS84), so a crime
falls in the same neighbourhoods here as in crimemap:compareperiods; a point inside two overlapping
polygons (police.uk lists some parent areas beside their children) belongs to both, as in QGIS's
count points in polygon.
"""

from typing import List, Sequence

import numpy as np
import pandas as pd
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsVectorLayer

from ..core.pip import Ring, inside_pairs
from .count_in_polygons import rings_of

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def members(x: np.ndarray, y: np.ndarray, polygons: Sequence[List[Ring]]) -> pd.DataFrame:
    """(row, polygon) pairs: `row` is a position in x/y, `polygon` an index into `polygons`, one
    pair for every polygon containing the point. Rows without coordinates (NaN) are in no pair.

    police.uk snaps points to shared locations, so each distinct location is tested once."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    empty = pd.DataFrame({"row": pd.Series(dtype=np.int64), "polygon": pd.Series(dtype=np.int64)})
    located = np.flatnonzero(~(np.isnan(x) | np.isnan(y)))
    if not len(located) or not len(polygons):
        return empty
    keys, inverse = np.unique(x[located] + 1j * y[located], return_inverse=True)
    found = list(inside_pairs(keys.real, keys.imag, polygons))
    if not found:
        return empty
    found_polygon, found_unique = (np.concatenate(a) for a in zip(*found))
    pairs = pd.DataFrame({"unique": found_unique, "polygon": found_polygon})
    rows = pd.DataFrame({"unique": inverse, "row": located})
    out = rows.merge(pairs, on="unique", how="inner")[["row", "polygon"]]
    return out.sort_values(["row", "polygon"], kind="mergesort").reset_index(drop=True).astype(np.int64)


def layer_polygons(layer: QgsVectorLayer, code_field: str):
    """(codes, rings in WGS84) of a polygon layer's features, in feature order."""
    transform = None
    if layer.crs().isValid() and layer.crs() != WGS84:
        transform = QgsCoordinateTransform(layer.crs(), WGS84, QgsProject.instance().transformContext())
    codes, polygons = [], []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        if transform is not None and geometry is not None and not geometry.isEmpty():
            geometry.transform(transform)
        codes.append("" if feature[code_field] is None else str(feature[code_field]))
        polygons.append(rings_of(geometry))
    return codes, polygons


def with_areas(frame: pd.DataFrame, codes: Sequence[str], polygons: Sequence[List[Ring]]) -> pd.DataFrame:
    """The rows of `frame` (columns lon, lat) inside the polygons, each with the area_code of the
    polygon it lies in (repeated once per area containing it; rows in none are left out)."""
    pairs = members(frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float), polygons)
    pairs["area_code"] = np.asarray(list(codes), dtype=object)[pairs["polygon"].to_numpy()] if len(pairs) else []
    # An area drawn as several features (parts of one LSOA) holds its points once.
    pairs = pairs.drop_duplicates(["row", "area_code"])
    out = frame.iloc[pairs["row"].to_numpy()].copy()
    out["area_code"] = pairs["area_code"].to_numpy()
    return out.reset_index(drop=True)

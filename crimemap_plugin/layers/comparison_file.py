"""The dock's comparison layer on disk: a GeoPackage of its own beside the store (so projects keep it
and QGIS never asks about losing a scratch layer), in which the map layer is a view joining the
areas' boundaries, written once, to a table of the comparison's values, rewritten at every change.

Rewriting the values never touches a boundary: a neighbourhood's boundary is a few kilobytes, and
rewriting whole features (what changing a layer's attributes through QGIS does in a GeoPackage)
would copy thousands of them at every change of category or period."""

import sqlite3
from typing import Dict, List

from qgis.core import QgsFeature, QgsField, QgsFields, QgsVectorLayer

from .common import write_gpkg_layer
from .comparison import FIELD_TYPES, attribute_rows, legend_title, matched_areas, memory_layer_like, style
from .field_types import BOOL, REAL, TEXT, WHOLE

LAYER = "comparison"              # the view: what QGIS draws, identifies and lists
AREAS = "comparison_areas"        # fid, geom, area_code: one row per compared area
VALUES = "comparison_values"      # area_code and the comparison's fields
# The areas by code: the dock outlines the chosen area by its code at every update, and an area's
# code comes after its boundary in the row, so finding it without an index reads every boundary.
CODE_INDEX = f"CREATE INDEX IF NOT EXISTS {AREAS}_code ON {AREAS} (area_code)"
_SQL_TYPES = {TEXT: "TEXT", WHOLE: "MEDIUMINT", REAL: "REAL", BOOL: "BOOLEAN"}   # as GDAL reads them back
KEPT = ("area_code", "area_name", "force")   # an area the comparison no longer holds keeps these
WAIT_S = 5.0                      # longest wait for QGIS to let go of the file


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=WAIT_S, isolation_level=None)
    # Everything in the file is worked out again from the store: a commit never waits for the disk.
    # The journal still makes each update all or nothing if QGIS is killed; only a system crash could
    # leave the file damaged, and a file that cannot be read or written is written again by the dock.
    # The journal is as QGIS sets it (WAL where the file system allows).
    conn.execute("PRAGMA synchronous = OFF")
    return conn


def _quoted(name: str) -> str:
    return '"' + name + '"'


def write_layer(comparison, areas: QgsVectorLayer, code_field: str, path: str,
                measure: str = "change_pct") -> QgsVectorLayer:
    """The comparison written to a new GeoPackage at `path`, opened (read-only) and styled;
    RuntimeError naming the file when it cannot be written."""
    rows = attribute_rows(comparison)
    fields = QgsFields()
    fields.append(QgsField("area_code", TEXT))
    boundaries = memory_layer_like(areas, AREAS, fields)
    features = []
    for code, geometry in matched_areas(list(rows), areas, code_field):
        f = QgsFeature(boundaries.fields())
        if geometry is not None:
            f.setGeometry(geometry)
        f.setAttributes([code])
        features.append(f)
    boundaries.dataProvider().addFeatures(features)
    boundaries.updateExtents()
    write_gpkg_layer(boundaries, path, AREAS, new_file=True, spatial_index=False)
    try:
        _add_view(path, rows)
    except sqlite3.Error as exc:
        raise RuntimeError(f"{path}: the comparison layer cannot be written ({exc})") from exc
    layer = QgsVectorLayer(f"{path}|layername={LAYER}", legend_title(comparison, measure), "ogr")
    if not layer.isValid():
        raise RuntimeError(f"{path}: the comparison layer written there cannot be opened")
    layer.setReadOnly(True)   # a view: its values come from the dock
    style(layer, comparison, measure)
    return layer


def _add_view(path: str, rows: Dict[str, list]) -> None:
    names = list(FIELD_TYPES)
    conn = _connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        columns = ", ".join(f"{_quoted(n)} {_SQL_TYPES[FIELD_TYPES[n]]}" for n in names)
        conn.execute(f"CREATE TABLE {VALUES} ({columns}, PRIMARY KEY (area_code))")
        conn.execute(CODE_INDEX)
        conn.executemany(f"INSERT INTO {VALUES} VALUES ({', '.join('?' * len(names))})", rows.values())
        selected = ", ".join(f"v.{_quoted(n)} AS {_quoted(n)}" for n in names)
        conn.execute(f"CREATE VIEW {LAYER} AS SELECT a.fid AS fid, a.geom AS geom, {selected} "
                     f"FROM {AREAS} a JOIN {VALUES} v ON v.area_code = a.area_code")
        conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, "
                     "min_x, min_y, max_x, max_y, srs_id) SELECT ?, data_type, ?, ?, last_change, min_x, min_y, "
                     "max_x, max_y, srs_id FROM gpkg_contents WHERE table_name = ?",
                     (LAYER, LAYER, "The comparison shown in the Crime Map panel", AREAS))
        conn.execute("INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) "
                     "SELECT ?, column_name, geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns "
                     "WHERE table_name = ?", (LAYER, AREAS))
        conn.execute("COMMIT")
    finally:
        conn.close()


def is_current(path: str) -> bool:
    """True when the GeoPackage at `path` holds a comparison layer of this kind (a project saved by an
    earlier version holds a plain table instead, which is written again)."""
    try:
        conn = _connect(path)
        try:
            return _current(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _current(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT type FROM sqlite_master WHERE name = ?", (LAYER,)).fetchone() == ("view",) \
        and conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = ?", (VALUES,)).fetchone()[0] == 1


def update_layer(layer: QgsVectorLayer, comparison, measure: str = "change_pct") -> bool:
    """Rewrite the comparison's values under an existing layer (no new layer per change), rename and
    restyle it. False, with nothing changed, when the file is not of this kind (is_current) or the
    comparison holds an area the layer has no row for (neighbourhoods imported since it was
    written): the caller writes the layer again."""
    path = layer.source().split("|")[0]
    rows = attribute_rows(comparison)
    try:
        if not _write_values(path, rows):
            return False
    except sqlite3.Error as exc:
        raise RuntimeError(f"{path}: the comparison layer cannot be updated ({exc})") from exc
    # QGIS reads the new values at its next request (SQLite sees another connection's commit), so
    # the file is not opened again (a reload, and the first read after it, cost more than the
    # rewrite): the views of the layer, such as its attribute table, are told its data changed.
    layer.dataProvider().dataChanged.emit()
    layer.setName(legend_title(comparison, measure))
    style(layer, comparison, measure)
    layer.triggerRepaint()
    return True


def _write_values(path: str, rows: Dict[str, list]) -> bool:
    names: List[str] = list(FIELD_TYPES)
    changed = [n for n in names if n != "area_code"]
    cleared = [n for n in names if n not in KEPT]
    conn = _connect(path)
    try:
        if not _current(conn):
            return False
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(CODE_INDEX)   # (a file written before the index was made has none)
        have = {code for (code,) in conn.execute(f"SELECT area_code FROM {VALUES}")}
        if not set(rows) <= have:
            conn.execute("ROLLBACK")
            return False
        gone = have - set(rows)
        if gone:
            conn.executemany(f"UPDATE {VALUES} SET {', '.join(f'{_quoted(n)} = NULL' for n in cleared)} "
                             "WHERE area_code = ?", [(code,) for code in sorted(gone)])
        conn.executemany(f"UPDATE {VALUES} SET {', '.join(f'{_quoted(n)} = ?' for n in changed)} "
                         "WHERE area_code = ?", [values[1:] + values[:1] for values in rows.values()])
        conn.execute("COMMIT")
        return True
    finally:
        conn.close()

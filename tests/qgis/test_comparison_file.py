"""The dock's comparison layer on disk: a view of boundaries written once and values rewritten at each
change. Checked against the comparison itself (every field of every row), for the boundaries kept
byte for byte, a file of an earlier version and areas the layer has no row for."""

import sqlite3

from qgis.core import QgsVectorLayer

from crimemap_plugin.core.compare import FORCE, NEIGHBOURHOOD, compare
from crimemap_plugin.core.periods import PREVIOUS_PERIOD, Period
from crimemap_plugin.core.store import open_store
from crimemap_plugin.layers import comparison_file
from crimemap_plugin.layers.boundaries import comparison_areas
from crimemap_plugin.layers.comparison import FIELD_TYPES, attribute_rows

CURRENT = list(FIELD_TYPES).index("current")


def layer_rows(layer) -> dict:
    return {f["area_code"]: [None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
                             for v in (f[name] for name in FIELD_TYPES)] for f in layer.getFeatures()}


def same(a, b) -> bool:
    return a == b or (isinstance(a, float) and isinstance(b, float) and abs(a - b) <= 1e-9 * max(1, abs(a)))


def assert_holds(layer, comparison):
    """Every field of every compared area, as the comparison has it."""
    shown, wanted = layer_rows(layer), attribute_rows(comparison)
    assert set(shown) == set(wanted)
    for code, values in wanted.items():
        assert all(same(a, b) for a, b in zip(shown[code], values)), (code, shown[code], values)


def boundaries(path) -> list:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT fid, area_code, geom FROM comparison_areas ORDER BY fid").fetchall()


def test_force_comparison_values_are_rewritten_and_boundaries_kept(sample_store, tmp_path):
    path = str(tmp_path / "store_comparison.gpkg")
    areas, code_field = comparison_areas(FORCE, str(sample_store))
    with open_store(sample_store, create=False, read_only=True) as store:
        first = compare(store, FORCE, "all-crime", Period("2025-12", 3))
        second = compare(store, FORCE, "burglary", Period("2025-09", 6), PREVIOUS_PERIOD)
    layer = comparison_file.write_layer(first, areas, code_field, path)
    assert layer.isValid() and layer.readOnly() and layer.featureCount() == 45
    assert layer.fields().names() == ["fid"] + list(FIELD_TYPES)   # as the layer of a GeoPackage table has them
    assert sum(1 for f in layer.getFeatures() if not f.geometry().isEmpty()) == 43   # BTP and PSNI: no boundary
    assert_holds(layer, first)
    drawn = boundaries(path)
    assert comparison_file.is_current(path)
    changed = []
    layer.dataChanged.connect(lambda: changed.append(True))   # an open attribute table reads the layer again
    assert comparison_file.update_layer(layer, second)
    assert changed
    assert_holds(layer, second)   # read through the same layer, not opened again
    with sqlite3.connect(path) as conn:   # the chosen area is found by its code without reading every boundary
        plan = conn.execute("EXPLAIN QUERY PLAN SELECT fid FROM comparison WHERE area_code = 'E23000001'").fetchall()
    assert any("comparison_areas_code" in row[-1] for row in plan), plan
    assert boundaries(path) == drawn, "a change of comparison never rewrites a boundary"
    assert "Burglary" in layer.name() and layer.featureCount() == 45
    reopened = QgsVectorLayer(f"{path}|layername=comparison", "again", "ogr")   # as a saved project opens it
    assert_holds(reopened, second)
    with sqlite3.connect(path) as conn:   # a file written before areas had the index is given it
        conn.execute("DROP INDEX comparison_areas_code")
    assert comparison_file.update_layer(reopened, first)
    with sqlite3.connect(path) as conn:
        made = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'comparison_areas_code'").fetchone()
    assert made == (1,)
    assert_holds(reopened, first)


def test_areas_the_layer_lacks_make_it_written_again(sample_store, tmp_path):
    path = str(tmp_path / "store_comparison.gpkg")
    areas, code_field = comparison_areas(FORCE, str(sample_store))
    with open_store(sample_store, create=False, read_only=True) as store:
        comparison = compare(store, FORCE, "all-crime", Period("2025-12", 3))
    fewer = comparison.__class__(comparison.level, comparison.category, comparison.period, comparison.baseline_kind,
                                 comparison.rows.iloc[:10].reset_index(drop=True))
    layer = comparison_file.write_layer(fewer, areas, code_field, path)
    assert layer.featureCount() == 10
    before = layer_rows(layer)
    assert not comparison_file.update_layer(layer, comparison)   # 35 areas it has no row for
    assert layer_rows(layer) == before, "nothing changed"
    # The other way round: areas no longer compared keep their names and lose their numbers.
    layer = comparison_file.write_layer(comparison, areas, code_field, path)
    assert comparison_file.update_layer(layer, fewer)
    rows = layer_rows(layer)
    gone = [code for code in rows if code not in set(fewer.rows["area_code"])]
    assert len(gone) == 35 and all(rows[c][CURRENT] is None and rows[c][1] for c in gone)


def test_a_file_of_an_earlier_version_is_not_current(sample_store, tmp_path):
    from crimemap_plugin.layers.common import write_gpkg_layer
    from crimemap_plugin.layers.comparison import build_layer
    path = str(tmp_path / "old_comparison.gpkg")
    areas, code_field = comparison_areas(FORCE, str(sample_store))
    with open_store(sample_store, create=False, read_only=True) as store:
        comparison = compare(store, FORCE, "all-crime", Period("2025-12", 3))
    write_gpkg_layer(build_layer(comparison, areas, code_field), path, "comparison", new_file=True)   # 0.4's table
    assert not comparison_file.is_current(path)
    assert not comparison_file.is_current(str(tmp_path / "none.gpkg"))


def test_neighbourhood_comparison_holds_every_neighbourhood(tmp_path):
    from crimemap_plugin.core.importer import import_path
    from tests.api_server import imported_force
    from tests.cheltenham import write_street_csvs
    store = imported_force(tmp_path)
    write_street_csvs(tmp_path / "csv")
    import_path(tmp_path / "csv", store)
    path = str(tmp_path / "store_comparison_neighbourhood.gpkg")
    areas, code_field = comparison_areas(NEIGHBOURHOOD, str(store))
    with open_store(store, create=False, read_only=True) as s:
        comparisons = [compare(s, NEIGHBOURHOOD, category, Period("2021-05", 3), PREVIOUS_PERIOD)
                       for category in ("all-crime", "burglary", "anti-social-behaviour")]
    layer = comparison_file.write_layer(comparisons[0], areas, code_field, path)
    assert layer.featureCount() == 55 and all(f.hasGeometry() for f in layer.getFeatures())
    for comparison in comparisons[1:] + comparisons[:1]:
        assert comparison_file.update_layer(layer, comparison)
        assert_holds(layer, comparison)

"""make bench: one national month of street crime imported three ways, timed in the same run.

  (a) crimemap's import (core.importer.import_path) into a new GeoPackage store;
  (b) the QGIS route without the plugin: delimited-text layer with spatial index, then
      native:countpointsinpolygon against the 43 force areas, then the points saved to a GeoPackage;
  (d, e) crimemap:countinpolygons against native:countpointsinpolygon on the imported month, with the
      43 force areas and with 2,375 generated neighbourhoods (in WGS84 and in EPSG:27700);
  (c) a bare pandas read_csv of the same file (all columns), and of the six needed columns.
Each is the best of three runs (RUNS), as are the counts in polygons and the real month's import.

The national month is generated from the real City of London rows (bundled sample), resampled across
the 43 forces in proportion to their Census 2021 population, each located point moved to a random
place inside its force's area; rows without location stay without. With --months N it also imports N
national months in the national archive layout (YYYY-MM/YYYY-MM-<force>-street.csv) in a child
process and reports time and peak memory.

usage: /usr/bin/python3 scripts/bench_import.py [--rows 555000] [--months 36] [--out build/bench]
"""

import argparse
import csv
import io
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crimemap_plugin.core import forces  # noqa: E402
from crimemap_plugin.core.importer import import_path  # noqa: E402

SAMPLE = REPO / "crimemap_plugin" / "resources" / "sample" / "city-of-london-2024-2025"
AREAS = REPO / "crimemap_plugin" / "resources" / "boundaries" / "police_force_areas.gpkg"
POPULATION = REPO / "crimemap_plugin" / "resources" / "population" / "pfa_population_census2021.csv"


def _polygons():
    """Force slug -> list of rings (x, y arrays, WGS84) of its area."""
    from osgeo import ogr, osr
    ds = ogr.Open(str(AREAS))
    layer = ds.GetLayer(0)
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    tr = osr.CoordinateTransformation(layer.GetSpatialRef(), wgs)
    out = {}
    for feat in layer:
        geom = feat.GetGeometryRef().Clone()
        geom.Transform(tr)
        rings = []
        for i in range(geom.GetGeometryCount()):
            poly = geom.GetGeometryRef(i)
            for j in range(poly.GetGeometryCount()):
                pts = np.array(poly.GetGeometryRef(j).GetPoints())[:, :2]
                rings.append((pts[:, 0], pts[:, 1]))
        out[feat.GetField("force")] = rings
    return out


def _inside(px, py, rings):
    """Even-odd ray casting against all rings (holes and islands handled by parity)."""
    inside = np.zeros(len(px), dtype=bool)
    for rx, ry in rings:
        x1, y1 = rx[:-1], ry[:-1]
        x2, y2 = rx[1:], ry[1:]
        for a, b, c, d in zip(x1, y1, x2, y2):
            crosses = ((b > py) != (d > py))
            if crosses.any():
                xint = a + (py - b) * (c - a) / (d - b + 1e-300)
                inside ^= crosses & (px < xint)
    return inside


def _random_points(rng, rings, n):
    xs = np.concatenate([r[0] for r in rings])
    ys = np.concatenate([r[1] for r in rings])
    got_x, got_y = [], []
    need = n
    while need > 0:
        k = max(need * 3, 1000)
        px = rng.uniform(xs.min(), xs.max(), k)
        py = rng.uniform(ys.min(), ys.max(), k)
        ok = _inside(px, py, rings)
        got_x.append(px[ok][:need])
        got_y.append(py[ok][:need])
        need -= int(min(ok.sum(), need))
    return np.concatenate(got_x), np.concatenate(got_y)


def population() -> dict:
    with open(POPULATION, newline="", encoding="utf-8") as fh:
        return {r["force"]: int(r["population"]) for r in csv.DictReader(fh)}


def national_month(rows: int, month: str, seed: int = 2009) -> dict:
    """Force slug -> CSV bytes of that force's street file for one generated national month."""
    rng = np.random.default_rng(seed)
    frames = [pd.read_csv(f, dtype=str, keep_default_na=False) for f in sorted(SAMPLE.glob("*.csv"))]
    real = pd.concat(frames, ignore_index=True)
    pops = population()
    total = sum(pops.values())
    rings = _polygons()
    out = {}
    for force in forces.territorial():
        n = int(round(rows * pops[force.slug] / total))
        pick = real.iloc[rng.integers(0, len(real), n)].copy()
        pick["Month"] = month
        pick["Reported by"] = force.name
        pick["Falls within"] = force.name
        located = (pick["Longitude"] != "").to_numpy()
        x, y = _random_points(rng, rings[force.slug], int(located.sum()))
        pick.loc[located, "Longitude"] = np.char.mod("%.6f", x)
        pick.loc[located, "Latitude"] = np.char.mod("%.6f", y)
        buf = io.StringIO()
        pick.to_csv(buf, index=False, lineterminator="\r\n")
        out[force.slug] = buf.getvalue().encode("utf-8")
    return out


def write_single(parts: dict, path: Path) -> None:
    first = True
    with open(path, "wb") as fh:
        for data in parts.values():
            fh.write(data if first else data.split(b"\n", 1)[1])
            first = False


def timed(label, fn):
    t = time.perf_counter()
    result = fn()
    dt = time.perf_counter() - t
    print(f"  {label:<58} {dt:8.2f} s", flush=True)
    return dt, result


RESULTS = []   # (what, measured text, goal text, met) for the summary


def goal(what: str, value: float, target: float, at_least: bool, unit: str = "x") -> str:
    """One figure against its goal, remembered for the summary; the line printed."""
    met = value >= target if at_least else value <= target
    shown = f"{value:,.1f}{unit}" if unit == "x" else f"{value:,.0f} {unit}"
    wanted = f"{'>=' if at_least else '<='} {target:,g}{unit}" if unit == "x" else \
        f"{'>=' if at_least else '<='} {target:,g} {unit}"
    RESULTS.append((what, shown, wanted, met))
    return f"  {what:<52} {shown:>10}   goal {wanted:<10} {'met' if met else 'NOT MET'}"


_APP = None


def qgis_app():
    """One QGIS application (offscreen) with Processing and the crimemap provider."""
    global _APP
    if _APP is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from qgis.core import QgsApplication
        _APP = QgsApplication([], True)
        _APP.initQgis()
        sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
        from processing.core.Processing import Processing
        Processing.initialize()
        from crimemap_plugin.processing.provider import CrimeMapProvider
        _APP.crimemap_provider = CrimeMapProvider()  # keep a reference: the registry does not own it in Python
        QgsApplication.processingRegistry().addProvider(_APP.crimemap_provider)
    return _APP


def qgis_route(csv_path: Path, out_gpkg: Path) -> float:
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter, QgsVectorLayer
    qgis_app()
    import processing
    uri = (f"file://{csv_path}?type=csv&delimiter=,&xField=Longitude&yField=Latitude&crs=EPSG:4326"
           "&spatialIndex=yes&geomType=point")
    total = 0.0

    def load():
        layer = QgsVectorLayer(uri, "crimes", "delimitedtext")
        assert layer.isValid()
        layer.featureCount()
        return layer

    dt, layer = timed("(b1) delimited-text layer with spatial index", load)
    total += dt
    areas = QgsVectorLayer(f"{AREAS}|layername=police_force_areas", "areas", "ogr")
    dt, _ = timed("(b2) native:countpointsinpolygon, 43 force areas",
                  lambda: processing.run("native:countpointsinpolygon", {
                      "POLYGONS": areas, "POINTS": layer, "FIELD": "NUMPOINTS", "OUTPUT": "memory:"}))
    total += dt
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    dt, _ = timed("(b3) save the points to a GeoPackage",
                  lambda: QgsVectorFileWriter.writeAsVectorFormatV2(
                      layer, str(out_gpkg), QgsCoordinateTransformContext(), options))
    total += dt
    return total


RUNS = 3   # each timing of the goals is the best of this many runs: the machine's speed varies by a third


def fresh_import(src: Path, store: Path):
    """import_path into a new store at `store` (any earlier one removed first)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    return import_path(src, store)


def best_of(runs: int, label: str, fn):
    """(the fastest of `runs` timed runs, its result): the figure least disturbed by the machine."""
    best, result = None, None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    print(f"  {label + f' (best of {runs})':<58} {best:8.2f} s", flush=True)
    return best, result


def count_in_polygons(store: Path, polygons: Path, label: str, key: str) -> tuple:
    """crimemap:countinpolygons against native:countpointsinpolygon on the store's crimes layer, with
    the same counts (checked polygon by polygon, by the field `key`)."""
    from qgis.core import QgsVectorLayer
    qgis_app()
    import processing
    t_ours, ours = best_of(RUNS, f"(d) crimemap:countinpolygons, {label}", lambda: processing.run(
        "crimemap:countinpolygons", {"STORE": str(store), "POLYGONS": str(polygons), "OUTPUT": "memory:"}))
    crimes = QgsVectorLayer(f"{store}|layername=crimes", "crimes", "ogr")
    t_native, native = best_of(RUNS, f"(e) native:countpointsinpolygon, {label}",
                               lambda: processing.run("native:countpointsinpolygon", {
                                   "POLYGONS": str(polygons), "POINTS": crimes, "FIELD": "n", "OUTPUT": "memory:"}))
    a = {f[key]: f["crime_count"] for f in ours["OUTPUT"].getFeatures()}
    b = {f[key]: int(f["n"]) for f in native["OUTPUT"].getFeatures()}
    assert a == b, f"countinpolygons differs from native:countpointsinpolygon ({label})"
    return t_ours, t_native


def neighbourhood_layers(out: Path) -> tuple:
    """The 2,375 generated neighbourhoods as polygon layers: in WGS84, as police.uk gives them, and in
    EPSG:27700, as an analyst's own layer would be."""
    from osgeo import gdal, ogr, osr
    wgs84, bng = out / "neighbourhoods_4326.gpkg", out / "neighbourhoods_27700.gpkg"
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(wgs84))
    layer = ds.CreateLayer("neighbourhoods", srs, ogr.wkbMultiPolygon)
    layer.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    layer.StartTransaction()
    for force, records in synthetic_neighbourhoods().items():
        for r in records:
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetField("code", f"{force}/{r.nid}")
            ring = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in r.polygons[0][0]:
                ring.AddPoint_2D(float(x), float(y))
            ring.CloseRings()
            polygon, parts = ogr.Geometry(ogr.wkbPolygon), ogr.Geometry(ogr.wkbMultiPolygon)
            polygon.AddGeometry(ring)
            parts.AddGeometry(polygon)
            feature.SetGeometry(parts)
            layer.CreateFeature(feature)
    layer.CommitTransaction()
    ds = None
    gdal.VectorTranslate(str(bng), str(wgs84), options="-t_srs EPSG:27700")
    return wgs84, bng


def comparison_speed(store: Path) -> None:
    """compareperiods and the dock's update on a store of many national months."""
    import statistics

    from crimemap_plugin.core.compare import compare
    from crimemap_plugin.core.periods import Period
    from crimemap_plugin.core.store import open_store
    qgis_app()
    import processing
    with open_store(store, create=False) as s:
        end = s.months()[-1]
        core_ms = []
        for category in ("all-crime", "burglary", "violent-crime", "anti-social-behaviour") * 5:
            t = time.perf_counter()
            compare(s, "force", category, Period(end, 3))
            core_ms.append((time.perf_counter() - t) * 1000)
    alg_ms = []
    for category in ("all-crime", "burglary", "robbery", "vehicle-crime", "drugs"):
        t = time.perf_counter()
        processing.run("crimemap:compareperiods", {"STORE": str(store), "CATEGORY": category, "OUTPUT": "memory:"})
        alg_ms.append((time.perf_counter() - t) * 1000)
    print(f"  compare (core), many-month store: median {statistics.median(core_ms):.1f} ms, max {max(core_ms):.1f} ms")
    print(f"  crimemap:compareperiods (in QGIS, no start-up): median {statistics.median(alg_ms):.1f} ms, "
          f"max {max(alg_ms):.1f} ms")
    dock_ms = dock_update_times(store, "", lambda ui: (
        [lambda i=i: ui.categoryCombo.setCurrentIndex(i) for i in (1, 2, 3, 4, 5, 0)]
        + [lambda: ui.periodLengthSpin.setValue(6), lambda: ui.baselineCombo.setCurrentIndex(1),
           lambda: ui.periodEndCombo.setCurrentIndex(min(5, ui.periodEndCombo.count() - 1)),
           lambda: ui.measureCombo.setCurrentIndex(1),
           lambda: ui.baselineCombo.setCurrentIndex(2), lambda: ui.baselineCombo.setCurrentIndex(0)]))
    print(f"  dock update (table, trend, map), many-month store, each the best of {RUNS}: median "
          f"{statistics.median(dock_ms):.1f} ms, max {max(dock_ms):.1f} ms")
    print(goal("slowest dock update, force level", max(dock_ms), 100, False, "ms"))


def dock_update_times(store: Path, state: str, steps, runs: int = RUNS) -> list:
    """Milliseconds of each dock update that the changes `steps(ui)` set off, the dock shown (so every
    update rewrites the map layer too) on `store` with the remembered choices `state` (JSON): each
    the best of `runs` docks, each a new one (its own connection to the store, read from cold)
    making the same changes, as the other figures are the best of three. The slowest single update
    seen is printed too."""
    os.environ["CRIMEMAP_STORE"] = str(store)
    from qgis.PyQt.QtCore import QCoreApplication

    from crimemap_plugin import settings
    from crimemap_plugin.ui.dock import CrimeMapDock
    passes = []
    for _ in range(runs):
        settings.DOCK_STATE.set_value(state)
        dock = CrimeMapDock(None)
        dock.set_ready()
        dock.show()
        while dock._open_task is not None:   # the dock reads the store in a task
            QCoreApplication.processEvents()
            time.sleep(0.01)
        times = []
        for step in steps(dock.ui):
            step()
            times.append(dock.last_update_ms)
        dock.teardown()
        passes.append(times)
    settings.DOCK_STATE.set_value("")
    print(f"    (slowest single update in {runs} passes: {max(max(p) for p in passes):.0f} ms)")
    return [min(column) for column in zip(*passes)]


def synthetic_neighbourhoods(per_force: int = 100, vertices: int = 400) -> dict:
    """Force slug -> Neighbourhood records: a grid over each force's area, one wobbly ring of
    `vertices` points per cell whose centre lies in the force (2,375 nationally, each as
    detailed as a real police.uk boundary)."""
    from crimemap_plugin.core.neighbourhoods import Neighbourhood
    rings = _polygons()
    out = {}
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    wobble = 1 + 0.08 * np.sin(angles * 7)
    for force in forces.territorial():
        xs = np.concatenate([r[0] for r in rings[force.slug]])
        ys = np.concatenate([r[1] for r in rings[force.slug]])
        side = np.sqrt((xs.max() - xs.min()) * (ys.max() - ys.min()) / per_force)
        cx, cy = np.meshgrid(np.arange(xs.min() + side / 2, xs.max(), side),
                             np.arange(ys.min() + side / 2, ys.max(), side))
        cx, cy = cx.ravel(), cy.ravel()
        keep = _inside(cx, cy, rings[force.slug])
        records = []
        for k, (x, y) in enumerate(zip(cx[keep], cy[keep])):
            ring = list(zip(x + side / 2 * wobble * np.cos(angles), y + side / 2 * wobble * np.sin(angles)))
            records.append(Neighbourhood(force.slug, f"N{k}", f"{force.slug} {k}", [[ring]], {}, [], [], [],
                                         "2025-01-01", has_details=False))
        out[force.slug] = records
    return out


def neighbourhood_speed(store: Path, parts: dict) -> None:
    """Neighbourhood level on the many-month store: storing a nation's neighbourhoods (counting the
    stored crimes in them), importing one more national month against them, and the comparisons."""
    import statistics

    from crimemap_plugin.core.compare import compare
    from crimemap_plugin.core.neighbourhoods import NeighbourhoodReport, store_force
    from crimemap_plugin.core.periods import Period
    from crimemap_plugin.core.store import open_store
    synthetic = synthetic_neighbourhoods()
    total = sum(len(v) for v in synthetic.values())
    t = time.perf_counter()
    with open_store(store) as s:
        for force, records in synthetic.items():
            store_force(s, records, NeighbourhoodReport(force, listed=len(records)))
        crimes = s.summary().crimes
    print(f"  storing {total:,} neighbourhoods (400 vertices each) and counting the {crimes:,} stored crimes in "
          f"them: {time.perf_counter() - t:.1f} s")
    single = store.parent / "national-2030-01-street.csv"
    write_single({k: v.replace(b",2025-06,", b",2030-01,") for k, v in parts.items()}, single)
    t = time.perf_counter()
    import_path(single, store)
    print(f"  one more national month imported with them stored (counted per neighbourhood too): "
          f"{time.perf_counter() - t:.1f} s")
    with open_store(store, create=False) as s:
        end = s.months()[-2]
        core_ms = []
        for category in ("all-crime", "burglary", "violent-crime", "anti-social-behaviour") * 3:
            t = time.perf_counter()
            compare(s, "neighbourhood", category, Period(end, 3))
            core_ms.append((time.perf_counter() - t) * 1000)
    print(f"  compare at neighbourhood level ({total:,} areas): median {statistics.median(core_ms):.1f} ms, "
          f"max {max(core_ms):.1f} ms")
    dock_ms = dock_update_times(store, '{"level": "neighbourhood"}', lambda ui: (
        [lambda: ui.periodEndCombo.setCurrentIndex(1)]
        + [lambda i=i: ui.categoryCombo.setCurrentIndex(i) for i in (1, 2, 3, 4, 5, 0, 1, 2)]))[1:]
    print(f"  dock update at neighbourhood level ({total:,} rows, trend, map), each the best of {RUNS}: median "
          f"{statistics.median(dock_ms):.1f} ms, max {max(dock_ms):.1f} ms")
    print(goal(f"slowest dock update, {total:,} neighbourhoods", max(dock_ms), 100, False, "ms"))


def shared_national(out: Path) -> None:
    """The real national month (December 2018: 41 forces, BTP and PSNI, Kent's partial file) from the
    shared data, when it is there: the import, and the dock's update at force level on it."""
    import statistics
    folder = REPO.parent / "shared" / "data" / "police_uk" / "national-2018-12"
    if not folder.is_dir():
        print(f"  (the shared national month is not at {folder}: skipped)")
        return
    store = out / "shared-national.gpkg"
    t, report = best_of(RUNS, "(s) crimemap import of the shared national month (real files)",
                        lambda: fresh_import(folder, store))
    print(f"  {report.summary()}")
    t_read, _ = best_of(RUNS, "(s-c) pandas read_csv of the same files", lambda: [pd.read_csv(f) for f in
                                                                        sorted(folder.glob("*.csv"))])
    print(goal("real national month: import / pandas read_csv", t / t_read, 2.5, False))
    dock_ms = dock_update_times(store, '{"end": "2018-12", "length": 1, "baseline": "previous_period"}', lambda ui: (
        [lambda i=i: ui.categoryCombo.setCurrentIndex(i) for i in (1, 2, 3, 4, 5, 0)]
        + [lambda: ui.measureCombo.setCurrentIndex(1), lambda: ui.measureCombo.setCurrentIndex(0)]))
    print(f"  dock update at force level on it (45 forces, table, trend, map), each the best of {RUNS}: median "
          f"{statistics.median(dock_ms):.1f} ms, max {max(dock_ms):.1f} ms")
    print(goal("real national month: slowest dock update", max(dock_ms), 100, False, "ms"))


def child_import(src: Path, store: Path) -> tuple:
    """Import in a child process: (seconds, the child's own peak resident memory in MB, summary). The
    peak is the kernel's VmHWM of the child's address space: ru_maxrss would also count the parent's
    peak (Linux carries it over fork and exec)."""
    code = ("import sys, time; sys.path.insert(0, sys.argv[1]);"
            "from crimemap_plugin.core.importer import import_path;"
            "t = time.perf_counter(); r = import_path(sys.argv[2], sys.argv[3]);"
            "print(time.perf_counter() - t);"
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1];"
            "print(int(hwm) / 1024); print(r.summary())")
    out = subprocess.run([sys.executable, "-c", code, str(REPO), str(src), str(store)],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return float(out[0]), float(out[1]), out[2]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=555_000)
    ap.add_argument("--months", type=int, default=36)
    ap.add_argument("--out", default=str(REPO / "build" / "bench"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.gpkg"):
        old.unlink()

    print(f"Generating a national month of {args.rows:,} rows from the real sample…", flush=True)
    parts = national_month(args.rows, "2025-06")
    single = out / "national-2025-06-street.csv"
    write_single(parts, single)
    rows = sum(d.count(b"\n") - 1 for d in parts.values())
    print(f"  {single} ({single.stat().st_size / 1e6:.0f} MB, {rows:,} rows, 43 forces)")

    print("Timings (same machine, same run):")
    t_c, frame = best_of(RUNS, "(c) pandas read_csv, all columns", lambda: pd.read_csv(single))
    t_c6, _ = best_of(RUNS, "(c6) pandas read_csv, six needed columns, categorical", lambda: pd.read_csv(
        single, usecols=["Month", "Falls within", "Longitude", "Latitude", "LSOA code", "Crime type"],
        dtype={"Month": "category", "Falls within": "category", "LSOA code": "category",
               "Crime type": "category"}))
    t_a, report = best_of(RUNS, "(a) crimemap import into a new store", lambda: fresh_import(single, out / "a.gpkg"))
    assert report.rows_imported == rows, report.summary()
    import sqlite3
    with sqlite3.connect(out / "a.gpkg") as conn:
        stored = dict(conn.execute("SELECT force, SUM(n) FROM crime_counts GROUP BY force").fetchall())
    expected = frame.groupby("Falls within").size()
    assert {forces.slug_for_name(k): int(v) for k, v in expected.items()} == stored, "counts differ"
    t_b = min(qgis_route(single, out / "b.gpkg") for _ in range(RUNS))
    print(f"  {f'(b) QGIS route total (best of {RUNS})':<58} {t_b:8.2f} s")
    t_d, t_e = count_in_polygons(out / "a.gpkg", AREAS, "43 force areas (EPSG:27700)", "force")
    nb_wgs84, nb_bng = neighbourhood_layers(out)
    t_d2, t_e2 = count_in_polygons(out / "a.gpkg", nb_wgs84, "2,375 neighbourhoods (WGS84)", "code")
    t_d3, t_e3 = count_in_polygons(out / "a.gpkg", nb_bng, "2,375 neighbourhoods (EPSG:27700)", "code")
    print("Ratios:")
    from osgeo import gdal
    arrow = int(gdal.VersionInfo()) >= 3080000
    print(goal("QGIS route / crimemap import", t_b / t_a, 15 if arrow else 10, True))
    print(goal("crimemap import / pandas read_csv", t_a / t_c, 2.5, False))
    print(f"  crimemap import / pandas 6 columns {t_a / t_c6:5.1f}x")
    print(goal("native:countpointsinpolygon / crimemap:countinpolygons", t_e / t_d, 10, True))
    print(goal("the same, 2,375 neighbourhoods (WGS84)", t_e2 / t_d2, 10, True))
    print(goal("the same, 2,375 neighbourhoods (EPSG:27700)", t_e3 / t_d3, 10, True))
    print("The shared national month (real data):")
    shared_national(out)

    if args.months:
        folder = out / "archive"
        shutil.rmtree(folder, ignore_errors=True)  # only the months asked for this time
        print(f"Writing {args.months} national months in the archive layout…", flush=True)
        for i in range(args.months):
            year, month = 2023 + (5 + i) // 12, (5 + i) % 12 + 1
            ym = f"{year}-{month:02d}"
            (folder / ym).mkdir(parents=True, exist_ok=True)
            for slug, data in parts.items():
                (folder / ym / f"{ym}-{slug}-street.csv").write_bytes(data.replace(b",2025-06,", f",{ym},".encode()))
        seconds, peak, summary = child_import(folder, out / "months.gpkg")
        print(f"  {args.months} national months: {seconds:.1f} s, peak memory of the importing process "
              f"{peak:,.0f} MB")
        print(goal(f"{args.months} national months: the import's peak memory", peak, 1024, False, "MB"))
        print(f"  {summary}")
        comparison_speed(out / "months.gpkg")
        print("Neighbourhood level:")
        neighbourhood_speed(out / "months.gpkg", parts)
    print(f"Peak memory of this benchmark process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    print("Goals:")
    for what, shown, wanted, met in RESULTS:
        print(f"  {'met    ' if met else 'NOT MET'}  {what}: {shown} (goal {wanted})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

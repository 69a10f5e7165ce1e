"""Hot spot speed against the goals: crimemap:hotspots for one force for a year at 250 m cells (goal
≤ 2 s) and for a national month at the default cell size (goal ≤ 15 s), each also as a ratio to a
baseline measured in the same run: reading the same crimes (month, force, location) from the store.

The data is the real police.uk data in the shared data folder (tests/shared_data.py finds it):
- Kent for a year: the shared Kent months are five (2018-10 … 2019-02), so the year 2018-03 … 2019-02
  is those five real months plus seven copies of its four whole months (2018-10, 2018-11, 2019-01,
  2019-02, 2018-10, 2018-11, 2019-01) written under the earlier months' names. December 2018 is Kent's
  partial submission, so the run goes ahead with ALLOW_INCOMPLETE (a timing, not an analysis).
- The national month: police_uk/national-2018-12 (41 forces; the study area is the areas of the 39
  with a bundled boundary), CELL_SIZE and DISTANCE_BAND chosen from the data.

Times are the median of --repeat runs of processing.run with a memory output (what a loaded output
is), the store already imported (import time is not counted).

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_hotspots.py [--out build/bench-hotspots]
                                                                            [--repeat 3]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crimemap_plugin.core.importer import import_path  # noqa: E402
from crimemap_plugin.core.store import open_store  # noqa: E402
from tests.shared_data import shared_data  # noqa: E402

KENT_GOAL, NATIONAL_GOAL = 2.0, 15.0
KENT_REAL = ("2018-10", "2018-11", "2018-12", "2019-01", "2019-02")
# the seven earlier months of the year and the whole real month each copies
KENT_COPIES = {"2018-03": "2018-10", "2018-04": "2018-11", "2018-05": "2019-01", "2018-06": "2019-02",
               "2018-07": "2018-10", "2018-08": "2018-11", "2018-09": "2019-01"}

_APP = None


def qgis_app():
    """One QGIS application (offscreen) with Processing and the crimemap provider."""
    global _APP
    if _APP is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from qgis.core import QgsApplication
        _APP = QgsApplication([], False)
        _APP.initQgis()
        sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
        from processing.core.Processing import Processing
        Processing.initialize()
        from crimemap_plugin.processing.provider import CrimeMapProvider
        _APP.crimemap_provider = CrimeMapProvider()  # keep a reference: the registry does not own it in Python
        QgsApplication.processingRegistry().addProvider(_APP.crimemap_provider)
    return _APP


def kent_year(out: Path) -> Path:
    """A store of Kent for 12 months: the five real months and seven copies of its whole months."""
    store = out / "kent-year.gpkg"
    if store.exists():
        return store
    source = shared_data() / "police_uk" / "kent-2018-10_2019-02"
    folder = out / "kent-year"
    folder.mkdir(parents=True, exist_ok=True)
    for month in KENT_REAL:
        name = f"{month}-kent-street.csv"
        (folder / name).write_bytes((source / name).read_bytes())
    for month, real in KENT_COPIES.items():
        data = (source / f"{real}-kent-street.csv").read_bytes()
        (folder / f"{month}-kent-street.csv").write_bytes(data.replace(f",{real},".encode(), f",{month},".encode()))
    report = import_path(folder, store)
    print(f"  Kent year store: {report.rows_imported:,} rows, 12 months (5 real, 7 copies)", flush=True)
    return store


def national_month(out: Path) -> Path:
    store = out / "national-2018-12.gpkg"
    if not store.exists():
        report = import_path(shared_data() / "police_uk" / "national-2018-12", store)
        print(f"  national store: {report.rows_imported:,} rows", flush=True)
    return store


def median_time(fn, repeat: int):
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def read_baseline(store: Path, start: str, end: str, forces=None):
    """What the algorithm reads: the crimes of the period with month, force and location."""
    with open_store(str(store), create=False, read_only=True) as s:
        return len(s.table_frame("street", ["month", "force"], start, end, forces))


def line(label: str, seconds: float, goal: float, baseline: float) -> str:
    verdict = "goal met" if seconds <= goal else "goal not met"
    return (f"  {label:<44} {seconds:6.2f} s   goal <= {goal:g} s: {verdict}; "
            f"baseline (reading the same crimes from the store) {baseline:5.2f} s, ratio {seconds / baseline:5.1f}x")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(REPO / "build" / "bench-hotspots"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    qgis_app()
    import processing

    print("Stores (imported once, not timed):", flush=True)
    kent, national = kent_year(out), national_month(out)

    print(f"Timings (median of {args.repeat}, same machine, same run):", flush=True)
    kent_params = {"STORE": str(kent), "AREA": "kent", "START_MONTH": "2018-03", "END_MONTH": "2019-02",
                   "CELL_SIZE": 250, "DISTANCE_BAND": 0, "ALLOW_INCOMPLETE": True, "OUTPUT": "TEMPORARY_OUTPUT"}
    t_kent, result = median_time(lambda: processing.run("crimemap:hotspots", kent_params), args.repeat)
    # the algorithm reads Kent's neighbours and BTP as well; this store holds Kent only
    t_kent_base, rows = median_time(lambda: read_baseline(kent, "2018-03", "2019-02"), args.repeat)
    print(line(f"Kent, a year, 250 m cells ({result['CELLS']:,} cells)", t_kent, KENT_GOAL, t_kent_base))
    print(f"    {rows:,} rows read; {result['CRIMES_IN_CELLS']:,} crimes in cells; "
          f"band {result['DISTANCE_BAND_USED']:g} m")

    national_params = {"STORE": str(national), "OUTPUT": "TEMPORARY_OUTPUT"}
    t_nat, result = median_time(lambda: processing.run("crimemap:hotspots", national_params), args.repeat)
    t_nat_base, rows = median_time(lambda: read_baseline(national, "2018-12", "2018-12"), args.repeat)
    print(line(f"national month, default cells ({result['CELLS']:,} cells)", t_nat, NATIONAL_GOAL, t_nat_base))
    print(f"    {rows:,} rows read; {result['CRIMES_IN_CELLS']:,} crimes in cells; cell size "
          f"{result['CELL_SIZE_USED']:g} m (chosen), band {result['DISTANCE_BAND_USED']:g} m")
    return 0


if __name__ == "__main__":
    sys.exit(main())

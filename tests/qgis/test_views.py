"""The dock's Where, Outcomes and Stop and search views, each built on its own with a ViewContext on
real stores, and the numbers they show checked against calculations written here from the police.uk
CSV files (and the Census 2021 table), apart from the plugin's code.

The independent side reads the files with pandas; places points in areas with OGR (GEOS) after
projecting them with its own pyproj transformer; joins street crimes to outcomes by Crime ID with
its own table of the 2013 wording; counts stop-and-search rows straight from the files and sums the
Census 2021 TS021 table by local authority into force areas; confidence intervals use scipy.

Each view is also grabbed at 380 × 420 px into build/screenshots/view-<name>.png.
"""

import math
import os
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from osgeo import ogr
from pyproj import Transformer
from qgis.core import QgsCategorizedSymbolRenderer, QgsProject
from scipy.stats import norm

from crimemap_plugin.core.periods import Period
from crimemap_plugin.ui.view_context import ViewContext
from tests.shared_data import REPO, city_of_london_street, shared_data

ogr.UseExceptions()

CITY, DORSET = "E23000034", "E23000039"
JUNE_2013 = shared_data() / "police_uk" / "outcomes-2013-06"
SEARCHES = shared_data() / "police_uk" / "stop-and-search"
POPULATION = shared_data() / "population"
PFA_SHAPES = shared_data() / "boundaries" / "ons-pfa-dec2022-buc" / "PFA_DEC_2022_EW_BUC_V2.shp"
SCREENSHOTS = REPO / "build" / "screenshots"
TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
MINUS = "\u2212"
# A box over the middle of the City (Bank to St Paul's), stored as a neighbourhood for the tests.
BOX = (-0.1000, 51.5110, -0.0850, 51.5170)   # west, south, east, north


# --------------------------------------------------------------------------- helpers

def context(store, code=CITY, name="City of London Police", force="city-of-london", level="force",
            category="all-crime", end="2025-03", months=3, baseline=True) -> ViewContext:
    period = Period(end, months)
    return ViewContext(str(store), level, code, name, force, category, period,
                       Period(f"{int(end[:4]) - 1}{end[4:]}", months) if baseline else None)


def shown(qtbot, view, ctx):
    """Show the view for `ctx` and wait for its task to deliver."""
    view.show_for(ctx)
    qtbot.waitUntil(lambda: not view.background.busy(), timeout=120_000)
    return view


def grab(qtbot, view, name: str) -> Path:
    """The view at 380 × 420 px, saved for looking at."""
    view.resize(380, 420)
    view.show()
    qtbot.wait(100)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"view-{name}.png"
    # Written beside and renamed over: another QGIS's rings may be saving the same picture just now.
    part = path.with_name(f"{path.stem}.{os.getpid()}.png")
    assert view.grab().save(str(part))
    os.replace(part, path)
    return path


NBSP = "\u00a0"     # between a number and its % sign: never split across lines


def pct(share: float) -> str:
    return f"{100 * share:.1f}{NBSP}%"


def signed(n: int) -> str:
    return f"+{n}" if n > 0 else f"{MINUS}{-n}" if n < 0 else "0"


def with_box_neighbourhood(source: Path, target: Path, box=BOX, force="city-of-london",
                           name="Bank and St Paul's") -> Path:
    """A copy of a store with `box` (west, south, east, north) stored as the force's neighbourhood BOX."""
    from crimemap_plugin.core.store import NeighbourhoodRecord, open_store
    shutil.copy(source, target)
    west, south, east, north = box
    ring = [(west, south), (east, south), (east, north), (west, north), (west, south)]
    with open_store(str(target)) as store:
        store.store_neighbourhoods(force, [NeighbourhoodRecord(force, "BOX", name, [[ring]], {}, [], [], [],
                                                               "2026-01-01T00:00:00", has_details=False)])
    return target


def in_box_wgs84(rows: pd.DataFrame, box) -> pd.DataFrame:
    """The located rows inside the box, tested in longitude/latitude (as the store places rows in
    neighbourhoods)."""
    west, south, east, north = box
    polygon = ogr.CreateGeometryFromWkt(f"POLYGON(({west} {south},{east} {south},{east} {north},{west} {north},"
                                        f"{west} {south}))")
    point = ogr.Geometry(ogr.wkbPoint)

    def within(lon, lat):
        point.SetPoint_2D(0, lon, lat)
        return polygon.Contains(point)
    located = rows[rows["lon"].notna()]
    return located[[within(x, y) for x, y in zip(located["lon"], located["lat"])]]


# --------------------------------------------------------------------------- independent: streets

def street_rows(folder: Path, first: str, last: str) -> pd.DataFrame:
    """Street rows of first..last: Falls within, Location, lon/lat (NaN without a location, as for
    police.uk's 0,0) and x/y in British National Grid."""
    frames = [pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8-sig")
              for f in sorted(folder.glob("*-street.csv"))]
    rows = pd.concat(frames, ignore_index=True)
    rows = rows[(rows["Month"] >= first) & (rows["Month"] <= last)].reset_index(drop=True)
    lon = pd.to_numeric(rows["Longitude"].replace("", np.nan)).to_numpy(dtype=float)
    lat = pd.to_numeric(rows["Latitude"].replace("", np.nan)).to_numpy(dtype=float)
    zero = (lon == 0) & (lat == 0)
    lon[zero] = lat[zero] = np.nan
    x, y = TO_BNG.transform(lon, lat)
    return rows.assign(lon=lon, lat=lat, x=np.asarray(x), y=np.asarray(y))


def city_area() -> ogr.Geometry:
    source = ogr.Open(str(PFA_SHAPES))      # kept open while its layer is read
    for feature in source.GetLayer():
        if feature.GetField("PFA22CD") == CITY:
            return feature.GetGeometryRef().Clone()
    raise AssertionError("no City of London in the ONS shapes")


def box_area_bng() -> ogr.Geometry:
    west, south, east, north = BOX
    corners = [(west, south), (east, south), (east, north), (west, north), (west, south)]
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for lon, lat in corners:
        ring.AddPoint_2D(*TO_BNG.transform(lon, lat))
    polygon = ogr.Geometry(ogr.wkbPolygon)
    polygon.AddGeometry(ring)
    return polygon


def inside(rows: pd.DataFrame, area: ogr.Geometry) -> pd.DataFrame:
    located = rows[np.isfinite(rows["x"])]
    point = ogr.Geometry(ogr.wkbPoint)
    verdict = {}
    for x, y in set(zip(located["x"], located["y"])):
        point.SetPoint_2D(0, x, y)
        verdict[(x, y)] = area.Contains(point)
    return located[[verdict[(x, y)] for x, y in zip(located["x"], located["y"])]]


def locations(rows: pd.DataFrame) -> Counter:
    """Crimes per police.uk location: (longitude, latitude to 6 decimals, name)."""
    keys = zip(rows["lon"].map("{:.6f}".format), rows["lat"].map("{:.6f}".format), rows["Location"].str.strip())
    return Counter(keys)


def expected_where(now: Counter, before: Counter):
    """The ranking (by crimes, then name, then position), shares at the top 1/5/10 % and the Gini."""
    ranked = sorted(now.items(), key=lambda kv: (-kv[1], kv[0][2], float(kv[0][0]), float(kv[0][1])))
    counts = [n for _, n in ranked]
    total, n = sum(counts), len(counts)
    shares = {p: sum(counts[:math.ceil(p / 100 * n)]) / total for p in (1, 5, 10)}
    ascending = sorted(counts)
    gini = 2 * sum((i + 1) * c for i, c in enumerate(ascending)) / (n * total) - (n + 1) / n
    rows = [(key[2].removeprefix("On or near "), str(count), str(before.get(key, 0)),
             signed(count - before.get(key, 0))) for key, count in ranked]
    return rows, shares, gini, ascending


# --------------------------------------------------------------------------- Where

def test_where_view_top_locations_and_concentration(qtbot, sample_store):
    from crimemap_plugin.ui.where_view import WhereView
    view = WhereView()
    qtbot.addWidget(view)
    view.show_for(context(sample_store))
    assert view.message() == "Working…"
    qtbot.waitUntil(lambda: not view.background.busy(), timeout=120_000)
    assert view.message() == ""

    area = city_area()
    now_rows = street_rows(city_of_london_street(), "2025-01", "2025-03")
    before_rows = street_rows(city_of_london_street(), "2024-01", "2024-03")
    rows, shares, gini, ascending = expected_where(locations(inside(now_rows, area)),
                                                   locations(inside(before_rows, area)))
    assert view.rows() == rows[:20]
    assert [view.table.horizontalHeaderItem(c).text() for c in range(4)] == ["On or near", "Crimes", "Before",
                                                                              "Change"]
    text = view.summary_label.text()
    total, n = sum(ascending), len(ascending)
    assert f"{total:,} crimes at {n:,} locations" in text
    assert (f"The busiest 1{NBSP}%, 5{NBSP}% and 10{NBSP}% of locations have {pct(shares[1])}, {pct(shares[5])} "
            f"and {pct(shares[10])} of them; Gini coefficient {gini:.2f}.") in text
    unlocated = int(now_rows["lon"].isna().sum())
    assert unlocated > 0 and f"{unlocated:,} crimes have no location and are not counted" in view.notes_label.text()
    # The curve drawn is the Lorenz curve of the counts: its points lie on it, from (0, 0) to (1, 1).
    cumulative = np.concatenate([[0], np.cumsum(ascending)]) / total
    assert view.lorenz.x[0] == 0 and view.lorenz.y[0] == 0 and view.lorenz.x[-1] == pytest.approx(1)
    for x, y in zip(view.lorenz.x, view.lorenz.y):
        assert y == pytest.approx(cumulative[round(x * n)], abs=1e-12)
    assert "Jan–Mar 2025" in view.title_label.text() and "(before: Jan–Mar 2024)" in view.title_label.text()
    grab(qtbot, view, "where")


def test_where_view_a_missing_month_reads_no_data(qtbot, sample_store):
    from crimemap_plugin.ui.where_view import WhereView
    view = WhereView()
    qtbot.addWidget(view)
    shown(qtbot, view, context(sample_store, end="2024-01", months=2))     # December 2023 is not stored
    assert view.message() == "No data: the store has no street crimes of City of London Police for Dec 2023."
    # A period the store holds, with a baseline it does not: figures without before and change.
    shown(qtbot, view, context(sample_store, end="2024-03"))
    assert view.message() == ""
    assert "Before and change are not shown: City of London Police has no whole data for Jan–Mar 2023." in \
        view.notes_label.text()
    assert view.table.isColumnHidden(2) and view.table.isColumnHidden(3)
    now = locations(inside(street_rows(city_of_london_street(), "2024-01", "2024-03"), city_area()))
    assert [r[:2] for r in view.rows()] == [r[:2] for r in expected_where(now, Counter())[0][:20]]


def test_where_view_of_a_neighbourhood_counts_what_lies_inside(qtbot, sample_store, tmp_path):
    from crimemap_plugin.ui.where_view import WhereView
    store = with_box_neighbourhood(sample_store, tmp_path / "box.gpkg")
    view = WhereView()
    qtbot.addWidget(view)
    shown(qtbot, view, context(store, code="city-of-london/BOX", name="Bank and St Paul's", level="neighbourhood",
                               category="theft-from-the-person", end="2025-06", months=6))
    assert view.message() == ""
    box = box_area_bng()

    def theft(first, last):
        rows = street_rows(city_of_london_street(), first, last)
        return locations(inside(rows[rows["Crime type"] == "Theft from the person"], box))
    rows, shares, gini, ascending = expected_where(theft("2025-01", "2025-06"), theft("2024-01", "2024-06"))
    assert 20 < sum(ascending) < 1000
    assert view.rows() == rows[:20]
    assert f"{sum(ascending):,} crimes at {len(ascending):,} locations" in view.summary_label.text()
    assert f"Gini coefficient {gini:.2f}" in view.summary_label.text()
    assert "Bank and St Paul's (City of London)" in view.title_label.text()


def test_a_newer_context_supersedes_an_older_one(qtbot, sample_store):
    from crimemap_plugin.ui.where_view import WhereView
    view = WhereView()
    qtbot.addWidget(view)
    view.show_for(context(sample_store, end="2025-03"))
    view.show_for(context(sample_store, end="2025-12", category="robbery"))
    qtbot.waitUntil(lambda: not view.background.busy(), timeout=120_000)
    qtbot.wait(300)    # the older task's end arrives too, and changes nothing
    rows = street_rows(city_of_london_street(), "2025-10", "2025-12")
    robbery = locations(inside(rows[rows["Crime type"] == "Robbery"], city_area()))
    assert f"{sum(robbery.values()):,} crimes at {len(robbery):,} locations" in view.summary_label.text()
    assert "Robbery" in view.title_label.text() and "Oct–Dec 2025" in view.title_label.text()
    view.clear("Nothing chosen")
    assert view.message() == "Nothing chosen"


def test_no_area_chosen_and_an_area_without_a_boundary_are_said(qtbot, sample_store):
    from crimemap_plugin.ui.where_view import WhereView
    view = WhereView()
    qtbot.addWidget(view)
    view.show_for(context(sample_store, code=None))
    assert "Choose an area" in view.message()
    view.show_for(context(sample_store, code="btp", name="British Transport Police", force="btp"))
    assert view.message().startswith("British Transport Police has no area boundary to look in")


def test_hot_spots_button_adds_a_styled_layer_to_the_crime_map_group(qtbot, plugin, sample_store):
    from crimemap_plugin.layers.common import GROUP_NAME
    from crimemap_plugin.ui.where_view import WhereView
    view = WhereView()
    qtbot.addWidget(view)
    shown(qtbot, view, context(sample_store, end="2025-12", months=12))
    with qtbot.waitSignal(view.hotspotsAdded, timeout=120_000) as added:
        view.hotspots_button.click()
        assert view.hotspots_button.text() == "Cancel hot spots"
    layer = QgsProject.instance().mapLayer(added.args[0])
    assert layer is not None and layer.isValid()
    assert layer.name().startswith("Hot spots · City of London Police · All crime · January–December 2025 · ")
    assert isinstance(layer.renderer(), QgsCategorizedSymbolRenderer)
    assert layer.renderer().classAttribute() == "hotspot"
    assert {c.value() for c in layer.renderer().categories()} == {f["hotspot"] for f in layer.getFeatures()}
    group = QgsProject.instance().layerTreeRoot().findGroup(GROUP_NAME)
    assert group is not None and group.findLayer(layer.id()) is not None
    # Each cell holds the located crimes of 2025 whose point lies in its square.
    rows = street_rows(city_of_london_street(), "2025-01", "2025-12")
    rows = rows[np.isfinite(rows["x"])]
    cells = {}
    for f in layer.getFeatures():
        box = f.geometry().boundingBox()
        size = box.width()
        cells[(round(box.xMinimum() / size), round(box.yMinimum() / size))] = f["crimes"]
    counted = Counter(zip(np.floor(rows["x"] / size).astype(int), np.floor(rows["y"] / size).astype(int)))
    assert cells == {cell: counted.get(cell, 0) for cell in cells}
    assert sum(cells.values()) > 0.9 * len(inside(rows, city_area()))
    assert view.hotspots_button.text() == "Hot spots…" and view.hotspot_status.text() == "Added to the map."


def test_hot_spots_refused_say_why(qtbot, plugin, sample_store):
    from crimemap_plugin.ui.where_view import WhereView
    view = WhereView()
    qtbot.addWidget(view)
    view.context = context(sample_store, end="2024-02", months=6)    # 2023-09 … 2023-12 are not stored
    view.run_hotspots()
    qtbot.waitUntil(lambda: not view.hotspots_running(), timeout=120_000)
    assert view.hotspot_status.text() == "Not made: see the message bar."
    assert "city-of-london: no data for 2023-09 to 2023-12" in view.hotspot_status.toolTip()


# --------------------------------------------------------------------------- independent: outcomes

# The wording of 2013, by hand: outcome group, or a status (no outcome yet).
WORDING_2013 = {
    "Offender imprisoned": "charged", "Offender given suspended prison sentence": "charged",
    "Offender given community penalty": "charged", "Offender fined": "charged",
    "Offender required to pay compensation": "charged", "Offender deprived of property": "charged",
    "Offender given conditional discharge": "charged", "Offender given absolute discharge": "charged",
    "Offender otherwise dealt with": "charged", "Suspect found not guilty": "charged",
    "Court case unable to proceed": "charged", "Suspect sent to Crown Court": "charged",
    "Awaiting court outcome": "charged", "Suspect charged": "charged",
    "Offender sentenced as part of another case": "charged",
    "Offender given a caution": "cautioned", "Offender given penalty notice": "cautioned",
    "Local resolution": "cautioned", "Unable to prosecute suspect": "unable",
    "No further action at this time": "no suspect",
    "Under investigation": "investigating", "": "nothing",
}
# The bar's groups in the view's order, as the key names them.
KEY = (("charged", "Charged or summonsed"), ("cautioned", "Cautioned or community resolution"),
       ("no suspect", "No suspect identified"), ("unable", "Unable to prosecute"), ("other", "Other outcome"),
       ("investigating", "Under investigation"), ("nothing", "No outcome recorded"))
STATUS = {"investigating", "nothing"}
LATER_STAGE_FIRST = ("charged", "cautioned", "unable", "other", "no suspect")


def read_csvs(paths) -> pd.DataFrame:
    return pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig") for p in paths],
                     ignore_index=True)


def outcome_groups(street: pd.DataFrame, entries: pd.DataFrame, as_of=None, fallback=True) -> pd.DataFrame:
    """Each crime (not anti-social behaviour) with its group: its outcomes-file entry of the latest
    month (the later stage first), else, with `fallback`, its street "Last outcome category"."""
    e = entries[(entries["Crime ID"] != "")].copy()
    if as_of:
        e = e[e["Month"] <= as_of]
    e["group"] = e["Outcome type"].map(WORDING_2013)
    assert e["group"].notna().all()
    e = e[~e["group"].isin(STATUS)]
    e["stage"] = e["group"].map(LATER_STAGE_FIRST.index)
    e = e.sort_values(["Crime ID", "Month", "stage"], ascending=[True, False, True]).drop_duplicates("Crime ID")
    crimes = street[street["Crime type"] != "Anti-social behaviour"]
    joined = crimes.merge(e[["Crime ID", "Month", "group"]].rename(columns={"Month": "outcome_month"}),
                          on="Crime ID", how="left")
    own = joined["Last outcome category"].map(WORDING_2013) if fallback else "nothing"
    joined["final"] = joined["group"].where(joined["group"].notna(), own)
    assert joined["final"].notna().all()
    joined["lag"] = [(int(o[:4]) * 12 + int(o[5:])) - (int(m[:4]) * 12 + int(m[5:])) if isinstance(o, str)
                     else np.nan for o, m in zip(joined["outcome_month"], joined["Month"])]
    return joined


@pytest.fixture(scope="module")
def june_store(tmp_path_factory):
    from crimemap_plugin.core.importer import import_path
    path = tmp_path_factory.mktemp("views-june2013") / "store.gpkg"
    import_path(JUNE_2013, path)
    return path


def june(force: str, kind: str) -> Path:
    return JUNE_2013 / f"2013-06-{force}-{kind}.csv"


# --------------------------------------------------------------------------- Outcomes

@pytest.mark.parametrize("force, code, name", [("city-of-london", CITY, "City of London Police"),
                                               ("dorset", DORSET, "Dorset Police")])
def test_outcomes_view_matches_an_independent_join(qtbot, june_store, force, code, name):
    from crimemap_plugin.ui.outcomes_view import OutcomesView
    view = OutcomesView()
    qtbot.addWidget(view)
    shown(qtbot, view, context(june_store, code=code, name=name, force=force, end="2013-06", months=1))
    assert view.message() == ""
    latest = outcome_groups(read_csvs([june(force, "street")]), read_csvs(sorted(JUNE_2013.glob("*-outcomes.csv"))))
    n = len(latest)
    counts = latest["final"].value_counts()
    bar = [(p.label, p.count) for p in view.bar.parts]
    assert bar == [(label, int(counts.get(group, 0))) for group, label in KEY]
    assert view.bar.total == n
    charged = int(counts.get("charged", 0))
    assert view.charge_label.text() == (f"Charged or summonsed so far: <b>{pct(charged / n)}</b> ({charged:,} of "
                                        f"{n:,} crimes).")
    median = latest["lag"].dropna().median()
    assert median == 0     # June's outcomes of June's crimes
    assert view.lag_label.text() == "Median time to an outcome: 0 months (recorded in the month of the crime)."
    has = (~latest["final"].isin(STATUS)).mean()
    assert view.completeness_label.text() == (f"{pct(has)} of these crimes have an outcome so far; recent months "
                                              "are still under investigation (outcomes up to Jun 2013).")
    assert view.like_label.text() == "No like-for-like comparison: June 2012 is not in the store for this area."
    # Tooltips give each group's count and share.
    first = view.bar.parts[0]
    assert view.bar.describe(first) == f"Charged or summonsed: {charged:,} crimes, {pct(charged / n)} of {n:,}"
    if force == "dorset":
        grab(qtbot, view, "outcomes")


def test_outcomes_view_a_missing_month_reads_no_data(qtbot, june_store):
    from crimemap_plugin.ui.outcomes_view import OutcomesView
    view = OutcomesView()
    qtbot.addWidget(view)
    shown(qtbot, view, context(june_store, code=DORSET, name="Dorset Police", force="dorset", end="2013-06",
                               months=2))
    assert view.message() == "No data: the store has no street crimes of Dorset Police for May 2013."
    shown(qtbot, view, context(june_store, code=DORSET, name="Dorset Police", force="dorset", end="2013-06",
                               months=1, category="anti-social-behaviour"))
    assert view.message().startswith("Anti-social behaviour has no outcomes")


def test_outcomes_view_of_a_neighbourhood_counts_the_crimes_inside(qtbot, june_store, tmp_path):
    from crimemap_plugin.ui.outcomes_view import OutcomesView
    poole = (-2.00, 50.70, -1.85, 50.76)       # Poole and Bournemouth
    store = with_box_neighbourhood(june_store, tmp_path / "box.gpkg", poole, "dorset", "Poole and Bournemouth")
    view = OutcomesView()
    qtbot.addWidget(view)
    shown(qtbot, view, context(store, code="dorset/BOX", name="Poole and Bournemouth", force="dorset",
                               level="neighbourhood", end="2013-06", months=1))
    assert view.message() == ""
    street = read_csvs(sorted(JUNE_2013.glob("*-street.csv")))
    street["lon"], street["lat"] = pd.to_numeric(street["Longitude"]), pd.to_numeric(street["Latitude"])
    latest = outcome_groups(in_box_wgs84(street, poole), read_csvs(sorted(JUNE_2013.glob("*-outcomes.csv"))))
    assert 500 < len(latest) < 3000
    counts = latest["final"].value_counts()
    assert [(p.label, p.count) for p in view.bar.parts] == [(label, int(counts.get(g, 0))) for g, label in KEY]
    assert "Poole and Bournemouth (Dorset)" in view.title_label.text()


def test_a_store_that_cannot_be_read_is_said_in_the_view(qtbot, tmp_path):
    from crimemap_plugin.ui.outcomes_view import OutcomesView
    view = OutcomesView()
    qtbot.addWidget(view)
    shown(qtbot, view, context(tmp_path / "missing.gpkg", end="2013-06", months=1))
    assert view.message().startswith("This view cannot be shown: ")
    assert "missing.gpkg" in view.message()


def _redated(source: Path, folder: Path, month: str, drop=None) -> Path:
    """A real file filed again under another month, its Crime IDs reversed (so they join only to the
    copy's own crimes), optionally without the rows of one outcome wording."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame["Month"] = month
    frame["Crime ID"] = frame["Crime ID"].str[::-1]
    if drop:
        frame = frame[frame["Outcome type"] != drop]
    target = folder / source.name.replace("2013-06", month)
    frame.to_csv(target, index=False)
    return target


def test_outcomes_view_like_for_like_when_the_year_before_is_held(qtbot, tmp_path):
    # Derived: Dorset's June 2013 files, and copies filed as June 2014 (ids reversed, the outcomes
    # without their "Suspect charged" entries). June 2014 is compared with June 2013, both seen 0
    # months after they ended.
    from crimemap_plugin.core.importer import import_path
    from crimemap_plugin.ui.outcomes_view import OutcomesView
    folder = tmp_path / "files"
    folder.mkdir()
    for kind in ("street", "outcomes"):
        shutil.copy(june("dorset", kind), folder)
    street_2014 = _redated(june("dorset", "street"), folder, "2014-06")
    outcomes_2014 = _redated(june("dorset", "outcomes"), folder, "2014-06", drop="Suspect charged")
    store = tmp_path / "store.gpkg"
    import_path(folder, store)
    view = OutcomesView()
    qtbot.addWidget(view)
    shown(qtbot, view, context(store, code=DORSET, name="Dorset Police", force="dorset", end="2014-06", months=1))
    assert view.message() == ""
    entries = read_csvs([june("dorset", "outcomes"), outcomes_2014])
    now = outcome_groups(read_csvs([street_2014]), entries, as_of="2014-06", fallback=False)
    then = outcome_groups(read_csvs([june("dorset", "street")]), entries, as_of="2013-06", fallback=False)
    rate_now, rate_then = (now["final"] == "charged").mean(), (then["final"] == "charged").mean()
    assert rate_now < rate_then
    assert view.like_label.text() == (f"Like for like, 0 months after each period ended: {pct(rate_now)} charged or "
                                      f"summonsed, against {pct(rate_then)} for June 2013.")
    main = outcome_groups(read_csvs([street_2014]), entries)
    charged = int((main["final"] == "charged").sum())
    assert f"({charged:,} of {len(main):,} crimes)" in view.charge_label.text()


# --------------------------------------------------------------------------- independent: stop and search

def search_rows(files) -> pd.DataFrame:
    rows = read_csvs(files)
    rows["lon"] = pd.to_numeric(rows["Longitude"].replace("", np.nan))
    rows["lat"] = pd.to_numeric(rows["Latitude"].replace("", np.nan))
    return rows


def city_searches(months) -> pd.DataFrame:
    return search_rows([SEARCHES / "city-of-london-2018-2021" / f"{m}-city-of-london-stop-and-search.csv"
                        for m in months])


def officer_group(value: str):
    return value.lower() if value in ("Asian", "Black", "Mixed", "White", "Other") else None


def self_group(value: str):
    """'Black/African/Caribbean/Black British - African' -> 'black'; 'Not stated' and empty -> None."""
    head, _, detail = value.partition(" - ")
    if not detail or detail == "Not stated":
        return None
    return {"Asian/Asian British": "asian", "Black/African/Caribbean/Black British": "black",
            "Mixed/Multiple ethnic groups": "mixed", "White": "white", "Other ethnic group": "other"}[head]


def census_residents(slug: str) -> dict:
    """Usual residents of the force's area by broad group: TS021 by local authority, the authorities
    of the force summed (ONS LAD -> police force area lookup); the group is the category's first word."""
    ts021 = pd.read_csv(POPULATION / "ethnicity" / "census2021-ts021-ltla-20cat.csv")
    lookup = pd.read_csv(POPULATION / "ethnicity" / "lad21_csp21_pfa21_lookup.csv", dtype=str)
    codes = pd.read_csv(POPULATION / "lookups" / "pfa_code_to_police_uk_slug_derived.csv", dtype=str)
    pfa = codes.loc[codes["police_uk_slug"] == slug, "pfa_code"].iloc[0]
    lads = set(lookup.loc[lookup["PFA21CD"] == pfa, "LAD21CD"])
    mine = ts021[ts021["Lower Tier Local Authorities Code"].isin(lads)
                 & (ts021["Ethnic group (20 categories) Code"] > 0)]
    first_word = mine["Ethnic group (20 categories)"].str.split(r"[ ,:]", regex=True).str[0].str.lower()
    return mine.groupby(first_word)["Observation"].sum().to_dict()


@pytest.fixture(scope="module")
def search_store(tmp_path_factory):
    from crimemap_plugin.core.importer import import_path
    path = tmp_path_factory.mktemp("views-searches") / "store.gpkg"
    import_path(SEARCHES, path)
    return path


def ratio_ci(count: int, residents_g: int, white: int, residents_white: int):
    """Rate ratio against White and its 95 % interval (log scale, Poisson counts)."""
    value = (count / residents_g) / (white / residents_white)
    half = norm.ppf(0.975) * math.sqrt(1 / count + 1 / white)
    return value, value * math.exp(-half), value * math.exp(half)


def expected_rates(rows: pd.DataFrame, residents: dict, group_of) -> dict:
    """group -> (searches, per 1,000, ratio (low–high)) texts as the table shows them."""
    groups = rows["Officer-defined ethnicity" if group_of is officer_group else "Self-defined ethnicity"].map(group_of)
    n = groups.value_counts()
    white = int(n.get("white", 0))
    out = {}
    for g in ("asian", "black", "mixed", "white", "other"):
        count = int(n.get(g, 0))
        rate = count / residents[g] * 1000
        if g == "white":
            ratio = "reference"
        elif count and white:
            value, low, high = ratio_ci(count, residents[g], white, residents["white"])
            ratio = f"{value:.1f} ({low:.1f}–{high:.1f})"
        else:
            ratio = "—"
        out[g] = (f"{count:,}", f"{rate:.2f}", ratio)
    return out


# --------------------------------------------------------------------------- Stop and search

def test_stopsearch_view_by_force_against_the_files_and_the_census(qtbot, search_store):
    from crimemap_plugin.ui.stopsearch_view import StopSearchView
    view = StopSearchView()
    qtbot.addWidget(view)
    ctx = context(search_store, end="2019-06", months=3)
    shown(qtbot, view, ctx)
    assert view.message() == ""
    rows = city_searches(["2019-04", "2019-05", "2019-06"])
    residents = census_residents("city-of-london")
    n = len(rows)
    found = (rows["Outcome linked to object of search"] == "True").mean()
    nowhere = rows["lon"].isna().mean()
    per_1000 = n / sum(residents.values()) * 1000
    assert view.summary_label.text() == (f"{n:,} searches; {pct(found)} found what was searched for; "
                                         f"{pct(nowhere)} have no location; {per_1000:.2f} per 1,000 residents.")
    assert view.ethnicity_combo.currentData() == "officer"
    assert view.rates() == expected_rates(rows, residents, officer_group)
    unknown = int(rows["Officer-defined ethnicity"].map(officer_group).isna().sum())
    assert view.rates_table.toolTip() == "Searches counted by officer-defined ethnicity"
    assert f"{unknown:,} of unknown ethnicity are in no group" in view.note_label.text()
    assert view.rates()["mixed"][2] == "—"          # officers in these files record no Mixed
    groups = rows["Officer-defined ethnicity"].map(officer_group).value_counts()
    value, low, high = ratio_ci(int(groups["black"]), residents["black"], int(groups["white"]), residents["white"])
    assert view.rates_table.item(1, 3).toolTip() == (f"Black: {value:.2f} times the White rate (95 % interval "
                                                     f"{low:.2f} to {high:.2f})")
    assert view.rates_table.isVisibleTo(view)
    grab(qtbot, view, "stopsearch")
    # Self-defined ethnicity, from the combo.
    view.ethnicity_combo.setCurrentIndex(view.ethnicity_combo.findData("self"))
    qtbot.waitUntil(lambda: not view.background.busy(), timeout=120_000)
    assert view.rates() == expected_rates(rows, residents, self_group)
    assert view.rates_table.toolTip() == "Searches counted by self-defined ethnicity"


def test_stopsearch_view_a_missing_month_reads_no_data(qtbot, search_store):
    from crimemap_plugin.ui.stopsearch_view import StopSearchView
    view = StopSearchView()
    qtbot.addWidget(view)
    shown(qtbot, view, context(search_store, code="E23000005", name="Greater Manchester Police",
                               force="greater-manchester", end="2019-06", months=3))
    assert view.message() == ("No data: the store has no stop and search of Greater Manchester Police for "
                              "Apr–May 2019.")
    shown(qtbot, view, context(search_store, code="E23000005", name="Greater Manchester Police",
                               force="greater-manchester", end="2019-06", months=1))
    rows = search_rows([SEARCHES / "2019-06-greater-manchester-stop-and-search.csv"])
    assert view.message() == "" and view.summary_label.text().startswith(f"{len(rows):,} searches;")
    assert view.rates() == expected_rates(rows, census_residents("greater-manchester"), officer_group)


def test_show_searches_on_the_map_adds_the_located_searches_styled(qtbot, search_store):
    from crimemap_plugin.layers.common import GROUP_NAME
    from crimemap_plugin.ui.stopsearch_view import StopSearchView
    view = StopSearchView()
    qtbot.addWidget(view)
    shown(qtbot, view, context(search_store, end="2019-06", months=3))
    assert view.map_button.isEnabled()
    with qtbot.waitSignal(view.pointsAdded, timeout=10_000) as added:
        view.map_button.click()
    layer = QgsProject.instance().mapLayer(added.args[0])
    rows = city_searches(["2019-04", "2019-05", "2019-06"])
    located = rows[rows["lon"].notna()]
    assert layer.featureCount() == len(located)
    assert layer.crs().authid() == "EPSG:4326"
    assert isinstance(layer.renderer(), QgsCategorizedSymbolRenderer)
    assert layer.renderer().classAttribute() == "result"
    linked = sum(1 for f in layer.getFeatures() if f["result"] == "linked")
    assert linked == int((located["Outcome linked to object of search"] == "True").sum())
    assert layer.name() == "Stop and search points · 2019-04 to 2019-06 · City of London"
    group = QgsProject.instance().layerTreeRoot().findGroup(GROUP_NAME)
    assert group is not None and group.findLayer(layer.id()) is not None


def test_stopsearch_view_of_a_neighbourhood_counts_the_searches_inside(qtbot, search_store, tmp_path):
    from crimemap_plugin.ui.stopsearch_view import StopSearchView
    store = with_box_neighbourhood(search_store, tmp_path / "box.gpkg")
    view = StopSearchView()
    qtbot.addWidget(view)
    shown(qtbot, view, context(store, code="city-of-london/BOX", name="Bank and St Paul's", level="neighbourhood",
                               end="2019-12", months=12))
    assert view.message() == ""
    rows = city_searches([f"2019-{m:02d}" for m in range(1, 13)])
    mine = in_box_wgs84(rows, BOX)
    assert 20 < len(mine) < rows["lon"].notna().sum()
    found = (mine["Outcome linked to object of search"] == "True").mean()
    assert view.summary_label.text() == f"{len(mine):,} searches; {pct(found)} found what was searched for."
    assert not view.rates_table.isVisibleTo(view)
    assert "Rates by ethnic group are not shown for a neighbourhood" in view.note_label.text()
    assert not view.ethnicity_combo.isVisibleTo(view)
    grab(qtbot, view, "stopsearch-neighbourhood")
    layer = view.add_points()
    assert layer.featureCount() == len(mine)


# --------------------------------------------------------------------------- the context from the dock

def test_context_from_the_dock(qgis_iface, qtbot, tmp_path, monkeypatch, sample_store):
    from crimemap_plugin import settings
    from crimemap_plugin.layers.common import find_layer
    from crimemap_plugin.ui.view_context import context_from
    from crimemap_plugin.ui.where_view import WhereView
    from tests.qgis.conftest import open_dock
    store = tmp_path / "store.gpkg"
    shutil.copy(sample_store, store)
    monkeypatch.setenv("CRIMEMAP_STORE", str(store))
    settings.DOCK_STATE.set_value("")
    dock = open_dock(qgis_iface, qtbot)
    try:
        ctx = context_from(dock)
        assert ctx == ViewContext(str(store), "force", CITY, "City of London Police", "city-of-london", "all-crime",
                                  Period("2025-12", 3), Period("2024-12", 3))
        view = WhereView()
        qtbot.addWidget(view)
        shown(qtbot, view, ctx)
        now = locations(inside(street_rows(city_of_london_street(), "2025-10", "2025-12"), city_area()))
        assert f"{sum(now.values()):,} crimes at {len(now):,} locations" in view.summary_label.text()
        combo = dock.ui.baselineCombo
        with qtbot.waitSignal(dock.updated):
            combo.setCurrentIndex(combo.findData("area"))
        assert context_from(dock).baseline is None
    finally:
        dock.teardown()
        qgis_iface.mapCanvas().waitWhileRendering()
        layer = find_layer("comparison")
        if layer is not None:
            QgsProject.instance().removeMapLayer(layer.id())

"""crimemap:outcomes and crimemap:stopsearch in QGIS, against independent calculations.

The independent side reads the police.uk CSV files with pandas, joins street crimes to outcomes by
Crime ID itself and maps the wording police.uk used in 2013 to outcome groups with its own table;
stop-and-search counts, find rates and breakdowns come straight from the files, populations by
ethnic group are summed here from the Census 2021 TS021 table by local authority through the ONS
LAD -> police force area lookup, and confidence intervals use scipy. Nothing is taken from the
plugin's own tables.

Where a test needs a later outcome month or a year-earlier period, it derives files from the real
ones and says how (re-dated copies); every expected value is still calculated here from the files.
"""

import math
import shutil
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from pyproj import Transformer
from qgis.core import (
    NULL,
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)
from scipy.stats import norm

from tests.shared_data import shared_data

JUNE_2013 = shared_data() / "police_uk" / "outcomes-2013-06"
SEARCH_FOLDER = shared_data() / "police_uk" / "stop-and-search"
POPULATION = shared_data() / "population"
MANCHESTER_LSOA = shared_data() / "boundaries" / "manchester-lsoa-2021" / "manchester_lsoa_2021.shp"

# -- outcomes: the groups of the wording police.uk used in 2013, by hand --------------------------------
CHARGED = "charged_or_summonsed"
GROUP_2013 = {
    "Offender imprisoned": CHARGED, "Offender given suspended prison sentence": CHARGED,
    "Offender given community penalty": CHARGED, "Offender fined": CHARGED,
    "Offender required to pay compensation": CHARGED, "Offender deprived of property": CHARGED,
    "Offender given conditional discharge": CHARGED, "Offender given absolute discharge": CHARGED,
    "Offender otherwise dealt with": CHARGED, "Suspect found not guilty": CHARGED,
    "Court case unable to proceed": CHARGED, "Suspect sent to Crown Court": CHARGED,
    "Awaiting court outcome": CHARGED, "Suspect charged": CHARGED,
    "Offender sentenced as part of another case": CHARGED,
    "Offender given a caution": "cautioned_or_community_resolution",
    "Offender given penalty notice": "cautioned_or_community_resolution",
    "Local resolution": "cautioned_or_community_resolution",
    "Unable to prosecute suspect": "unable_to_prosecute",
    "No further action at this time": "no_suspect_identified",
    "Under investigation": "under_investigation",
    "Status update unavailable": "no_outcome_recorded",
    "": "no_outcome_recorded",
}
STATUSES = {"under_investigation", "no_outcome_recorded"}
GROUPS = (CHARGED, "cautioned_or_community_resolution", "no_suspect_identified", "unable_to_prosecute",
          "under_investigation", "other", "no_outcome_recorded")
# Several entries for one crime in one month (one per suspect, a charge and its result): the later
# stage of the justice process stands.
STAGES = (CHARGED, "cautioned_or_community_resolution", "unable_to_prosecute", "other", "no_suspect_identified")


def _slug_to_code() -> dict:
    table = pd.read_csv(POPULATION / "lookups" / "pfa_code_to_police_uk_slug_derived.csv", dtype=str)
    return dict(zip(table["police_uk_slug"], table["pfa_code"]))


def _file_force(path: Path, kind: str) -> str:
    return path.name[len("2013-06-"):-len(f"-{kind}.csv")]


def read_street(files) -> pd.DataFrame:
    parts = []
    for path in files:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        parts.append(pd.DataFrame({"force": _file_force(Path(path), "street"), "crime_id": frame["Crime ID"],
                                   "month": frame["Month"], "crime_type": frame["Crime type"],
                                   "last": frame["Last outcome category"], "lsoa": frame["LSOA code"],
                                   "lon": pd.to_numeric(frame["Longitude"]), "lat": pd.to_numeric(frame["Latitude"])}))
    return pd.concat(parts, ignore_index=True)


def read_outcomes(files) -> pd.DataFrame:
    frame = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig") for p in files],
                      ignore_index=True)
    return pd.DataFrame({"crime_id": frame["Crime ID"], "month": frame["Month"], "wording": frame["Outcome type"]})


def _month_number(text: str) -> int:
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def independent_latest(street: pd.DataFrame, entries: pd.DataFrame, as_of=None, fallback=True) -> pd.DataFrame:
    """Each street crime (anti-social behaviour left out) with the group of its latest outcome: its
    outcomes-file entry of the latest month (latest stage first), else its street category."""
    e = entries[entries["crime_id"] != ""].assign(group=entries["wording"].map(GROUP_2013))
    assert e["group"].notna().all(), set(e.loc[e["group"].isna(), "wording"])
    if as_of:
        e = e[e["month"] <= as_of]
    e = e[~e["group"].isin(STATUSES)]
    e = e.assign(stage=e["group"].map(STAGES.index)).sort_values(["crime_id", "month", "stage"],
                                                                  ascending=[True, False, True])
    best = e.drop_duplicates("crime_id")[["crime_id", "month", "group"]].rename(
        columns={"month": "entry_month", "group": "entry_group"})
    crimes = street[street["crime_type"] != "Anti-social behaviour"]
    out = crimes.merge(best, on="crime_id", how="left")
    street_group = out["last"].map(GROUP_2013) if fallback else pd.Series("no_outcome_recorded", index=out.index)
    assert street_group.notna().all()
    out["group"] = out["entry_group"].where(out["entry_group"].notna(), street_group)
    out["has"] = ~out["group"].isin(STATUSES)
    out["lag"] = [(_month_number(m) - _month_number(c)) if isinstance(m, str) else np.nan
                  for m, c in zip(out["entry_month"], out["month"])]
    return out


def independent_summary(latest: pd.DataFrame, key: str) -> dict:
    out = {}
    for area, rows in latest.groupby(key):
        n = len(rows)
        counts = rows["group"].value_counts()
        lags = rows["lag"].dropna()
        out[area] = {"crimes": n, "with_outcome": int(rows["has"].sum()),
                     "charged_or_summonsed": int(counts.get(CHARGED, 0)),
                     **{f"share_{g}": counts.get(g, 0) / n for g in GROUPS},
                     "median_lag_months": float(lags.median()) if len(lags) else None}
    return out


def _features(layer) -> dict:
    return {f["area_code"]: f for f in layer.getFeatures()}


def _check_outcome_row(feature, want) -> None:
    assert feature["complete"] is True or feature["complete"] == 1
    assert feature["crimes"] == want["crimes"]
    assert feature["with_outcome"] == want["with_outcome"]
    assert feature["charged_or_summonsed"] == want["charged_or_summonsed"]
    assert feature["charge_rate"] == pytest.approx(want["charged_or_summonsed"] / want["crimes"], abs=1e-12)
    assert feature["completeness"] == pytest.approx(want["with_outcome"] / want["crimes"], abs=1e-12)
    for g in GROUPS:
        assert feature[f"share_{g}"] == pytest.approx(want[f"share_{g}"], abs=1e-12), g
    if want["median_lag_months"] is None:
        assert feature["median_lag_months"] == NULL
    else:
        assert feature["median_lag_months"] == pytest.approx(want["median_lag_months"])


class Log(QgsProcessingFeedback):
    """The algorithm's log, kept."""

    def __init__(self):
        super().__init__()
        self.lines = []

    def pushInfo(self, info):  # noqa: N802
        self.lines.append(info)
        super().pushInfo(info)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@pytest.fixture()
def run(plugin, qgis_processing):
    import processing
    return processing.run


@pytest.fixture(scope="module")
def june_store(tmp_path_factory):
    """The ten forces' June 2013 street and outcomes files, imported."""
    from crimemap_plugin.core.importer import import_path
    path = tmp_path_factory.mktemp("june2013") / "store.gpkg"
    import_path(JUNE_2013, path)
    return path


@pytest.fixture(scope="module")
def june_files():
    street = sorted(JUNE_2013.glob("*-street.csv"))
    outcomes = sorted(JUNE_2013.glob("*-outcomes.csv"))
    assert len(street) == len(outcomes) == 10
    return street, outcomes


def _redated(source: Path, folder: Path, month: str, drop_wording=None, reverse_ids=False) -> Path:
    """A copy of a real file filed under another month (its Month column and name changed);
    optionally without the rows of one outcome wording, and with its Crime IDs reversed (so that they
    join only to the copy's own crimes)."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame["Month"] = month
    if drop_wording:
        frame = frame[frame["Outcome type"] != drop_wording]
    if reverse_ids:
        frame["Crime ID"] = frame["Crime ID"].map(lambda s: s[::-1])
    target = folder / (month + source.name[len("2013-06"):])
    frame.to_csv(target, index=False)
    return target


# -- outcomes ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("category, crime_type", [("all-crime", None), ("burglary", "Burglary")])
def test_outcomes_by_force_match_an_independent_join(run, june_store, june_files, tmp_path, category, crime_type):
    street_files, outcome_files = june_files
    street = read_street(street_files)
    if crime_type:
        street = street[street["crime_type"] == crime_type]
    latest = independent_latest(street, read_outcomes(outcome_files))
    codes = _slug_to_code()
    expected = independent_summary(latest.assign(code=latest["force"].map(codes)), "code")
    out = tmp_path / "outcomes.gpkg"
    log = Log()
    result = run("crimemap:outcomes", {"STORE": str(june_store), "LEVEL": "force", "CATEGORY": category,
                                       "END_MONTH": "2013-06", "MONTHS": 1, "OUTPUT": str(out)}, feedback=log)
    layer = QgsVectorLayer(str(result["OUTPUT"]), "outcomes", "ogr")
    assert layer.isValid() and layer.featureCount() == 45        # 43 areas, BTP and PSNI without geometry
    rows = _features(layer)
    assert len(expected) == 10
    for code, want in expected.items():
        _check_outcome_row(rows[code], want)
    for code, feature in rows.items():
        if code not in expected:   # forces with no files: no data, never zero
            assert not feature["complete"] and feature["crimes"] == NULL and feature["charge_rate"] == NULL
            assert "street 2013-06" in feature["missing_months"]
    # The whole set: every non-ASB street crime once.
    assert sum(rows[c]["crimes"] for c in expected) == len(latest)
    if category == "all-crime":
        assert len(latest) == 66067 - 30713          # the street rows less anti-social behaviour
        dorset = rows[codes["dorset"]]
        assert dorset["area_name"] == "Dorset Police" and dorset["category"] == "all-crime"
        assert dorset["observed_to"] == "2013-06" and dorset["period"] == "2013-06"
    # Opened fresh, the layer comes styled from the GeoPackage: charge-rate classes, then no data.
    assert isinstance(layer.renderer(), QgsRuleBasedRenderer)
    labels = [r.label() for r in layer.renderer().rootRule().children()]
    assert labels[-1] == "no data (a month is missing)" and all("%" in label for label in labels[:-1])
    # The log says how complete the outcomes are, in a sentence.
    whole = sum(e["with_outcome"] for e in expected.values()) / sum(e["crimes"] for e in expected.values())
    assert f"So far {whole * 100:.1f}% of the {len(latest):,} crimes of June 2013" in log.text


def test_outcomes_yet_are_results_not_statuses(run, june_store, june_files):
    # Crimes whose only word is the street file's "Under investigation" (or nothing) have no outcome
    # yet; an outcomes-file entry or a street result is one. Counted here per force, straight.
    street_files, outcome_files = june_files
    street = read_street(street_files)
    crimes = street[street["crime_type"] != "Anti-social behaviour"]
    entry_ids = set(read_outcomes(outcome_files)["crime_id"])
    has = crimes["crime_id"].isin(entry_ids) | ~crimes["last"].isin(["", "Under investigation",
                                                                      "Status update unavailable"])
    codes = _slug_to_code()
    result = run("crimemap:outcomes", {"STORE": str(june_store), "END_MONTH": "2013-06", "MONTHS": 1,
                                       "OUTPUT": "memory:"})
    rows = _features(result["OUTPUT"])
    for force, flags in has.groupby(crimes["force"]):
        row = rows[codes[force]]
        assert row["with_outcome"] == int(flags.sum())
        assert row["share_under_investigation"] + row["share_no_outcome_recorded"] == pytest.approx(
            1 - flags.mean(), abs=1e-12)


def test_like_for_like_without_a_year_earlier_is_left_empty(run, june_store, june_files):
    street_files, outcome_files = june_files
    latest = independent_latest(read_street(street_files), read_outcomes(outcome_files), fallback=False)
    codes = _slug_to_code()
    expected = independent_summary(latest.assign(code=latest["force"].map(codes)), "code")
    log = Log()
    result = run("crimemap:outcomes", {"STORE": str(june_store), "END_MONTH": "2013-06", "MONTHS": 1,
                                       "OUTPUT": "memory:"}, feedback=log)
    rows = _features(result["OUTPUT"])
    for code, want in expected.items():
        row = rows[code]
        # this period from outcomes files alone, at lag 0 (outcomes known to June 2013)
        assert row["lag_months"] == 0
        assert row["same_lag_charge_rate"] == pytest.approx(want["charged_or_summonsed"] / want["crimes"], abs=1e-12)
        assert row["same_lag_completeness"] == pytest.approx(want["with_outcome"] / want["crimes"], abs=1e-12)
        # June 2012 is not in the store: no data, never zero
        assert row["baseline_crimes"] == NULL and row["baseline_charge_rate"] == NULL
        assert row["charge_rate_change"] == NULL and not row["baseline_complete"]
        assert row["baseline_observed_to"] == "2012-06" and "street 2012-06" in row["baseline_missing_months"]
    assert "No like-for-like comparison" in log.text


def test_a_missing_street_month_marks_every_area_incomplete(run, june_store):
    log = Log()
    result = run("crimemap:outcomes", {"STORE": str(june_store), "END_MONTH": "2013-06", "MONTHS": 2,
                                       "OUTPUT": "memory:"}, feedback=log)
    rows = _features(result["OUTPUT"])
    dorset = rows[_slug_to_code()["dorset"]]
    assert not dorset["complete"] and dorset["crimes"] == NULL and dorset["charge_rate"] == NULL
    assert dorset["missing_months"] == "street 2013-05; outcomes 2013-05"
    assert not any(f["complete"] for f in rows.values())
    assert "Areas without data for the period: 35 " in log.text
    assert "Areas lacking data for some months of the period: 10 " in log.text
    assert "Cumbria Constabulary (street 2013-05; outcomes 2013-05)" in log.text
    assert "No area has complete data for May–June 2013." in log.text


def test_later_outcomes_win_their_lag_and_a_missing_outcomes_month(run, june_files, tmp_path):
    # Derived: Dorset's and Durham's June 2013 outcomes filed again as July 2013, without their
    # "Suspect charged" entries (so those crimes' latest outcome is July's where July has one). The
    # other eight forces then lack an outcomes file for July: their outcome figures are no data.
    from crimemap_plugin.core.importer import import_path
    street_files, outcome_files = june_files
    folder = tmp_path / "files"
    shutil.copytree(JUNE_2013, folder)
    july = [_redated(p, folder, "2013-07", drop_wording="Suspect charged") for p in outcome_files
            if _file_force(p, "outcomes") in ("dorset", "durham")]
    store = tmp_path / "store.gpkg"
    import_path(folder, store)
    latest = independent_latest(read_street(street_files), read_outcomes(list(outcome_files) + july))
    codes = _slug_to_code()
    expected = independent_summary(latest.assign(code=latest["force"].map(codes)), "code")
    result = run("crimemap:outcomes", {"STORE": str(store), "END_MONTH": "2013-06", "MONTHS": 1,
                                       "OUTPUT": "memory:"})
    rows = _features(result["OUTPUT"])
    for force in ("dorset", "durham"):
        want = expected[codes[force]]
        _check_outcome_row(rows[codes[force]], want)
        assert want["median_lag_months"] == 1.0          # most entries are July's now
        assert rows[codes[force]]["observed_to"] == "2013-07" and rows[codes[force]]["lag_months"] == 1
    lags = latest[latest["force"] == "dorset"]["lag"].dropna()
    assert set(lags) == {0.0, 1.0}
    for force in ("avon-and-somerset", "cheshire", "city-of-london"):
        row = rows[codes[force]]
        assert not row["complete"] and row["missing_months"] == "outcomes 2013-07"
        assert row["crimes"] == expected[codes[force]]["crimes"]       # the crimes still count
        assert row["charge_rate"] == NULL and row["with_outcome"] == NULL and row["median_lag_months"] == NULL


def test_like_for_like_against_the_same_period_a_year_earlier(run, june_files, tmp_path):
    # Derived: Dorset's June 2013 street and outcomes files filed again as June 2014, with their Crime
    # IDs reversed and the outcomes file without its "Suspect charged" entries. June 2014 is then
    # compared with the real June 2013, both observed 0 months after they end.
    from crimemap_plugin.core.importer import import_path
    street_files, outcome_files = june_files
    folder = tmp_path / "files"
    shutil.copytree(JUNE_2013, folder)
    dorset_street = next(p for p in street_files if _file_force(p, "street") == "dorset")
    dorset_outcomes = next(p for p in outcome_files if _file_force(p, "outcomes") == "dorset")
    street_2014 = _redated(dorset_street, folder, "2014-06", reverse_ids=True)
    outcomes_2014 = _redated(dorset_outcomes, folder, "2014-06", drop_wording="Suspect charged", reverse_ids=True)
    store = tmp_path / "store.gpkg"
    import_path(folder, store)
    entries = read_outcomes(list(outcome_files) + [outcomes_2014])
    now = independent_latest(read_street([street_2014]), entries, as_of="2014-06", fallback=False)
    then = independent_latest(read_street([dorset_street]), entries, as_of="2013-06", fallback=False)
    main = independent_latest(read_street([street_2014]), entries)
    log = Log()
    result = run("crimemap:outcomes", {"STORE": str(store), "END_MONTH": "2014-06", "MONTHS": 1,
                                       "OUTPUT": "memory:"}, feedback=log)
    rows = _features(result["OUTPUT"])
    row = rows[_slug_to_code()["dorset"]]
    charged_now, charged_then = (now["group"] == CHARGED).mean(), (then["group"] == CHARGED).mean()
    assert row["complete"] and row["baseline_complete"] and row["lag_months"] == 0
    assert row["crimes"] == len(main) and row["charged_or_summonsed"] == int((main["group"] == CHARGED).sum())
    assert row["same_lag_charge_rate"] == pytest.approx(charged_now, abs=1e-12)
    assert row["baseline_crimes"] == len(then)
    assert row["baseline_charged_or_summonsed"] == int((then["group"] == CHARGED).sum())
    assert row["baseline_charge_rate"] == pytest.approx(charged_then, abs=1e-12)
    assert row["charge_rate_change"] == pytest.approx(charged_now - charged_then, abs=1e-12)
    assert charged_now < charged_then        # the copy lost its "Suspect charged" entries
    assert row["baseline_observed_to"] == "2013-06" and row["baseline_period"] == "2013-06"
    assert f"{charged_now * 100:.1f}% charged or summonsed for June 2014, against {charged_then * 100:.1f}% " \
           "for June 2013" in log.text
    # the other forces have no street file for June 2014
    assert not rows[_slug_to_code()["durham"]]["complete"]


def test_outcomes_by_lsoa_code(run, june_store, june_files):
    street_files, outcome_files = june_files
    latest = independent_latest(read_street(street_files), read_outcomes(outcome_files))
    expected = independent_summary(latest[latest["lsoa"] != ""], "lsoa")
    dorset_codes = sorted(set(read_street([p for p in street_files if "dorset" in p.name])["lsoa"]) - {""})[:40]
    layer = QgsVectorLayer("Polygon?crs=EPSG:27700&field=code:string", "lsoas", "memory")
    features = []
    for i, code in enumerate(dorset_codes):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromRect(QgsGeometry.fromPointXY(QgsPointXY(400000 + i * 100, 90000))
                                           .buffer(40, 4).boundingBox()))
        f.setAttributes([code])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    result = run("crimemap:outcomes", {"STORE": str(june_store), "LEVEL": "lsoa", "END_MONTH": "2013-06",
                                       "MONTHS": 1, "AREAS": layer, "AREA_CODE_FIELD": "code", "OUTPUT": "memory:"})
    rows = _features(result["OUTPUT"])
    assert set(rows) == set(dorset_codes)
    for code in dorset_codes:
        if code in expected:
            _check_outcome_row(rows[code], expected[code])
        else:   # only anti-social behaviour there: whole data, no crimes, no rate
            assert rows[code]["complete"] and rows[code]["crimes"] == 0 and rows[code]["charge_rate"] == NULL
    assert sum(code in expected for code in dorset_codes) >= 35


def test_outcomes_by_neighbourhood_count_crimes_inside(run, june_store, june_files, tmp_path):
    # Dorset's police force area (ONS, ultra-generalised) stored as one neighbourhood: the crimes inside
    # it, of whichever force, found here with geopandas.
    from crimemap_plugin.core.store import NeighbourhoodRecord, open_store
    street_files, outcome_files = june_files
    areas = gpd.read_file(shared_data() / "boundaries" / "ons-pfa-dec2022-buc-wgs84.geojson")
    shape = areas.loc[areas["PFA22CD"] == "E23000039", "geometry"].iloc[0]
    parts = list(shape.geoms) if shape.geom_type == "MultiPolygon" else [shape]
    polygons = [[list(part.exterior.coords), *[list(r.coords) for r in part.interiors]] for part in parts]
    store = tmp_path / "with-neighbourhood.gpkg"
    shutil.copy(june_store, store)
    with open_store(str(store)) as opened:
        opened.store_neighbourhoods("dorset", [NeighbourhoodRecord("dorset", "ALL", "All of Dorset", polygons, {},
                                                                   [], [], [], "2026-01-01T00:00:00",
                                                                   has_details=False)])
    street = read_street(street_files)
    located = street[street["lon"].notna()]
    inside = gpd.GeoDataFrame(located, geometry=gpd.points_from_xy(located["lon"], located["lat"]),
                              crs="EPSG:4326").within(shape)
    latest = independent_latest(located[inside.to_numpy()], read_outcomes(outcome_files))
    want = independent_summary(latest.assign(area="dorset/ALL"), "area")["dorset/ALL"]
    assert want["crimes"] > 3000
    result = run("crimemap:outcomes", {"STORE": str(store), "LEVEL": "neighbourhood", "END_MONTH": "2013-06",
                                       "MONTHS": 1, "OUTPUT": "memory:"})
    rows = _features(result["OUTPUT"])
    assert set(rows) == {"dorset/ALL"} and rows["dorset/ALL"]["area_name"] == "All of Dorset"
    _check_outcome_row(rows["dorset/ALL"], want)


def test_outcomes_refuse_what_has_no_outcomes(run, june_store, tmp_path):
    with pytest.raises(QgsProcessingException, match="anti-social behaviour has no Crime ID"):
        run("crimemap:outcomes", {"STORE": str(june_store), "CATEGORY": "anti-social-behaviour", "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="unknown category"):
        run("crimemap:outcomes", {"STORE": str(june_store), "CATEGORY": "fraud", "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="importneighbourhoods"):
        run("crimemap:outcomes", {"STORE": str(june_store), "LEVEL": "neighbourhood", "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="AREAS"):
        run("crimemap:outcomes", {"STORE": str(june_store), "LEVEL": "lsoa", "OUTPUT": "memory:"})


def test_outcomes_loaded_output_is_styled_and_titled(run, run_and_load, june_store):
    from qgis.core import QgsProcessingContext, QgsProject
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = run_and_load("crimemap:outcomes", {
        "STORE": str(june_store), "CATEGORY": "burglary", "END_MONTH": "2013-06", "MONTHS": 1,
        "OUTPUT": "TEMPORARY_OUTPUT"}, context=context, feedback=QgsProcessingFeedback())
    layer = QgsProject.instance().mapLayer(result["OUTPUT"])
    assert layer.name() == "Charged or summonsed so far · Burglary · June 2013"
    assert isinstance(layer.renderer(), QgsRuleBasedRenderer)
    assert "Open Government Licence" in " ".join(layer.metadata().rights())
    assert layer.labelsEnabled()


# -- stop and search --------------------------------------------------------------------------------------

SEARCH_COLUMNS = {"legislation": "Legislation", "object_of_search": "Object of search", "outcome": "Outcome",
                  "age_range": "Age range", "gender": "Gender",
                  "officer_defined_ethnicity": "Officer-defined ethnicity",
                  "self_defined_ethnicity": "Self-defined ethnicity"}
BROAD = ("asian", "black", "mixed", "white", "other")
OFFICER = {"Asian": "asian", "Black": "black", "Mixed": "mixed", "White": "white", "Other": "other"}
# The self-defined values police.uk writes, by their Census 2011 high-level group ("Not stated": unknown).
SELF = {"Asian/Asian British": "asian", "Black/African/Caribbean/Black British": "black",
        "Mixed/Multiple ethnic groups": "mixed", "White": "white", "Other ethnic group": "other"}
# TS021 (20 categories) codes of each broad group.
TS021_GROUP = {**dict.fromkeys(range(1, 6), "asian"), **dict.fromkeys(range(6, 9), "black"),
               **dict.fromkeys(range(9, 13), "mixed"), **dict.fromkeys(range(13, 18), "white"), 18: "other",
               19: "other"}


def _self_group(value: str):
    head, _, tail = value.partition(" - ")
    return None if not tail or tail == "Not stated" else SELF[head]


def read_searches() -> pd.DataFrame:
    files = sorted((SEARCH_FOLDER / "city-of-london-2018-2021").glob("*.csv")) + \
        [SEARCH_FOLDER / "2019-06-greater-manchester-stop-and-search.csv"]
    parts = []
    for path in files:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        frame["force"] = path.name[len("2019-06-"):-len("-stop-and-search.csv")]
        frame["month"] = path.name[:7]
        parts.append(frame)
    out = pd.concat(parts, ignore_index=True)
    assert len(out) == 8057 + 907
    out["found"] = out["Outcome linked to object of search"] == "True"
    out["nowhere"] = (out["Latitude"] == "") | (out["Longitude"] == "")
    out["officer_group"] = out["Officer-defined ethnicity"].map(OFFICER)
    out["self_group"] = out["Self-defined ethnicity"].map(_self_group)
    return out


def census_by_force() -> pd.DataFrame:
    """Usual residents per force (police.uk slug) and broad group, summed from TS021 by LAD."""
    ts021 = pd.read_csv(POPULATION / "ethnicity" / "census2021-ts021-ltla-20cat.csv")
    lookup = pd.read_csv(POPULATION / "ethnicity" / "lad21_csp21_pfa21_lookup.csv", dtype=str)
    lad_pfa = lookup.drop_duplicates("LAD21CD").set_index("LAD21CD")["PFA21CD"]
    slug = pd.read_csv(POPULATION / "lookups" / "pfa_code_to_police_uk_slug_derived.csv", dtype=str) \
        .set_index("pfa_code")["police_uk_slug"]
    ts021 = ts021[ts021["Ethnic group (20 categories) Code"] > 0]
    ts021 = ts021.assign(group=ts021["Ethnic group (20 categories) Code"].map(TS021_GROUP),
                         force=ts021["Lower Tier Local Authorities Code"].map(lad_pfa).map(slug))
    assert ts021["force"].notna().all() and ts021["group"].notna().all()
    return ts021.pivot_table(index="force", columns="group", values="Observation", aggfunc="sum")


@pytest.fixture(scope="module")
def search_store(tmp_path_factory):
    from crimemap_plugin.core.importer import import_path
    path = tmp_path_factory.mktemp("searches") / "store.gpkg"
    import_path(SEARCH_FOLDER, path)
    return path


@pytest.fixture(scope="module")
def search_rows():
    return read_searches()


def _ratio(a, pop_a, b, pop_b):
    ratio = (a / pop_a) / (b / pop_b)
    half = norm.ppf(0.975) * math.sqrt(1 / a + 1 / b)
    return ratio, math.exp(math.log(ratio) - half), math.exp(math.log(ratio) + half)


def _check_force_rates(row, rows, census, group_column):
    n = rows[group_column].value_counts()
    assert row["searches"] == len(rows)
    assert row["searches_unknown_ethnicity"] == int(rows[group_column].isna().sum())
    force = rows["force"].iloc[0]
    for g in BROAD:
        count, pop = int(n.get(g, 0)), int(census.at[force, g])
        assert row[f"searches_{g}"] == count and row[f"population_{g}"] == pop
        assert row[f"rate_{g}"] == pytest.approx(count / pop * 1000, rel=1e-12)
        if g == "white":
            continue
        if count and n.get("white", 0):
            ratio, low, high = _ratio(count, pop, int(n["white"]), int(census.at[force, "white"]))
            assert row[f"ratio_{g}"] == pytest.approx(ratio, rel=1e-12)
            assert row[f"ratio_{g}_low"] == pytest.approx(low, rel=1e-9)
            assert row[f"ratio_{g}_high"] == pytest.approx(high, rel=1e-9)
        else:   # undefined, never zero or infinite, with the reason
            assert row[f"ratio_{g}"] == NULL and row[f"ratio_{g}_low"] == NULL and row[f"ratio_{g}_reason"]


def _check_breakdowns(table, rows, code):
    """Every dimension's values, searches, shares, finds and find rates for one area."""
    mine = [f for f in table.getFeatures() if f["area_code"] == code]
    for dimension, header in SEARCH_COLUMNS.items():
        values = rows[header].replace("", "(not recorded)")
        counts, found = values.value_counts(), values[rows["found"]].value_counts()
        got = {f["value"]: f for f in mine if f["dimension"] == dimension}
        assert set(got) == set(counts.index), dimension
        for value, f in got.items():
            assert f["searches"] == counts[value]
            assert f["share"] == pytest.approx(counts[value] / len(rows), abs=1e-12)
            assert f["found"] == found.get(value, 0)


def test_stopsearch_by_force_matches_the_files_and_the_census(run, search_store, search_rows, tmp_path):
    census = census_by_force()
    codes = _slug_to_code()
    june = search_rows[search_rows["month"] == "2019-06"]
    result = run("crimemap:stopsearch", {"STORE": str(search_store), "LEVEL": "force", "START_MONTH": "2019-06",
                                         "END_MONTH": "2019-06", "OUTPUT": str(tmp_path / "searches.gpkg"),
                                         "BREAKDOWNS": "memory:"})
    layer = QgsVectorLayer(str(result["OUTPUT"]), "searches", "ogr")
    rows = _features(layer)
    assert layer.featureCount() == 45
    for force, mine in june.groupby("force"):
        row = rows[codes[force]]
        assert row["complete"]
        assert row["found"] == int(mine["found"].sum())
        assert row["find_rate"] == pytest.approx(mine["found"].mean(), abs=1e-12)
        assert row["no_location_count"] == int(mine["nowhere"].sum())
        assert row["no_location"] == pytest.approx(mine["nowhere"].mean(), abs=1e-12)
        assert row["rate_per_1000"] == pytest.approx(len(mine) / census.loc[force, list(BROAD)].sum() * 1000,
                                                     rel=1e-12)
        _check_force_rates(row, mine, census, "officer_group")
        _check_breakdowns(result["BREAKDOWNS"], mine, codes[force])
    gmp = rows[codes["greater-manchester"]]
    assert (gmp["searches"], gmp["searches_black"], gmp["searches_white"]) == (907, 145, 531)
    # Officers in these files record no "Mixed": the ratio is undefined, with the reason.
    assert gmp["searches_mixed"] == 0 and "Mixed" in gmp["ratio_mixed_reason"]
    met = rows[codes["metropolitan"]]
    assert not met["complete"] and met["searches"] == NULL and met["rate_black"] == NULL
    assert met["population_black"] == int(census.at["metropolitan", "black"])
    assert isinstance(layer.renderer(), QgsRuleBasedRenderer)


def test_stopsearch_self_defined_over_a_year_and_a_force_without_it(run, search_store, search_rows):
    census = census_by_force()
    codes = _slug_to_code()
    year = search_rows[search_rows["month"].between("2019-01", "2019-12")]
    log = Log()
    result = run("crimemap:stopsearch", {"STORE": str(search_store), "START_MONTH": "2019-01",
                                         "END_MONTH": "2019-12", "ETHNICITY": "self", "OUTPUT": "memory:"},
                 feedback=log)
    rows = _features(result["OUTPUT"])
    city = year[year["force"] == "city-of-london"]
    _check_force_rates(rows[codes["city-of-london"]], city, census, "self_group")
    assert rows[codes["city-of-london"]]["ethnicity"] == "self"
    # Greater Manchester published one month of the twelve here: no data, never a year of one month.
    gmp = rows[codes["greater-manchester"]]
    assert not gmp["complete"] and gmp["searches"] == NULL and gmp["rate_white"] == NULL
    assert gmp["missing_months"].startswith("stop-and-search 2019-01,2019-02")
    assert "Areas lacking data for some months of the period: 1 " in log.text
    assert "Greater Manchester Police (stop-and-search 2019-01,2019-02,2019-03,2019-04,2019-05,2019-07" in log.text
    assert "self-defined ethnicity" in log.text


def test_a_partial_month_marks_the_force_incomplete(run, search_store, tmp_path):
    # City of London, January 2021: 135 searches against a median of 247 around it (lockdown): the
    # coverage audit calls it partial, so the winter's figures are no data.
    result = run("crimemap:stopsearch", {"STORE": str(search_store), "START_MONTH": "2020-12",
                                         "END_MONTH": "2021-02", "OUTPUT": str(tmp_path / "winter.gpkg"),
                                         "BREAKDOWNS": "memory:"})
    layer = QgsVectorLayer(str(result["OUTPUT"]), "winter", "ogr")
    city = _features(layer)[_slug_to_code()["city-of-london"]]
    assert not city["complete"] and city["partial_months"] == "stop-and-search 2021-01"
    assert city["missing_months"] == "" and city["searches"] == NULL and city["find_rate"] == NULL
    assert result["BREAKDOWNS"].featureCount() == 0
    # Nothing is whole: the legend says no data (every other force) and partial data (the City).
    labels = [r.label() for r in layer.renderer().rootRule().children()]
    assert labels == ["no data (a month is missing)", "partial data (a force published part of a month)"]


def test_force_populations_by_group_sum_to_the_census_totals(run, search_store):
    ts021 = pd.read_csv(POPULATION / "ethnicity" / "census2021-ts021-ltla-20cat.csv")
    ts021 = ts021[ts021["Ethnic group (20 categories) Code"] > 0]
    totals = ts021.groupby(ts021["Ethnic group (20 categories) Code"].map(TS021_GROUP))["Observation"].sum()
    census = census_by_force()
    result = run("crimemap:stopsearch", {"STORE": str(search_store), "START_MONTH": "2019-06",
                                         "END_MONTH": "2019-06", "OUTPUT": "memory:"})
    rows = [f for f in result["OUTPUT"].getFeatures() if f["area_code"].startswith(("E23", "W15"))]
    assert len(rows) == 43
    for g in BROAD:
        assert sum(f[f"population_{g}"] for f in rows) == totals[g]
    assert sum(totals) == 59_597_578 == sum(f["population"] for f in rows)
    for f in rows:
        force = next(s for s, c in _slug_to_code().items() if c == f["area_code"])
        assert f["population"] == sum(f[f"population_{g}"] for g in BROAD) == census.loc[force, list(BROAD)].sum()


def test_stopsearch_by_lsoa_and_neighbourhood_counts_points_inside(run, search_store, search_rows, tmp_path):
    from crimemap_plugin.core.store import NeighbourhoodRecord, open_store
    gmp = search_rows[(search_rows["force"] == "greater-manchester") & ~search_rows["nowhere"]]
    lsoas = gpd.read_file(MANCHESTER_LSOA)
    points = gpd.GeoDataFrame(gmp, geometry=gpd.points_from_xy(gmp["Longitude"].astype(float),
                                                              gmp["Latitude"].astype(float)), crs="EPSG:4326")
    joined = gpd.sjoin(points.to_crs(27700), lsoas[["lsoa21cd", "geometry"]], predicate="within")
    counts, found = joined["lsoa21cd"].value_counts(), joined.loc[joined["found"], "lsoa21cd"].value_counts()
    ts001 = pd.read_csv(POPULATION / "census2021-ts001-lsoa.csv")
    residents = dict(zip(ts001["geography code"], ts001["Residence type: Total; measures: Value"]))
    areas = QgsVectorLayer(str(MANCHESTER_LSOA), "lsoas", "ogr")
    result = run("crimemap:stopsearch", {"STORE": str(search_store), "LEVEL": "lsoa", "START_MONTH": "2019-06",
                                         "END_MONTH": "2019-06", "AREAS": areas, "AREA_CODE_FIELD": "lsoa21cd",
                                         "OUTPUT": "memory:"})
    rows = _features(result["OUTPUT"])
    assert len(rows) == 295 and counts.sum() > 300
    for code, row in rows.items():
        assert row["complete"] and row["searches"] == counts.get(code, 0), code
        assert row["found"] == found.get(code, 0)
        assert row["no_location"] == NULL   # it means something at force level only
        assert row["rate_per_1000"] == pytest.approx(counts.get(code, 0) / residents[code] * 1000, rel=1e-9)
    # The three busiest LSOAs as neighbourhoods of Greater Manchester, stored as police.uk's would be.
    busiest = list(counts.index[:3])
    to_wgs = Transformer.from_crs(27700, 4326, always_xy=True)
    records = []
    for code in busiest:
        shape = lsoas.loc[lsoas["lsoa21cd"] == code, "geometry"].iloc[0]
        parts = list(shape.geoms) if shape.geom_type == "MultiPolygon" else [shape]
        polygons = [[list(zip(*to_wgs.transform(*np.array(ring.coords).T))) for ring in
                     (part.exterior, *part.interiors)] for part in parts]
        records.append(NeighbourhoodRecord("greater-manchester", code, f"Area {code}", polygons, {}, [], [], [],
                                           "2026-01-01T00:00:00", has_details=False))
    store = tmp_path / "with-neighbourhoods.gpkg"
    shutil.copy(search_store, store)
    with open_store(str(store)) as opened:
        opened.store_neighbourhoods("greater-manchester", records)
    result = run("crimemap:stopsearch", {"STORE": str(store), "LEVEL": "neighbourhood", "START_MONTH": "2019-06",
                                         "END_MONTH": "2019-06", "OUTPUT": "memory:", "BREAKDOWNS": "memory:"})
    rows = _features(result["OUTPUT"])
    assert set(rows) == {f"greater-manchester/{c}" for c in busiest}
    for code in busiest:
        row = rows[f"greater-manchester/{code}"]
        assert row["complete"] and row["searches"] == counts[code] and row["found"] == found.get(code, 0)
        _check_breakdowns(result["BREAKDOWNS"], joined[joined["lsoa21cd"] == code], f"greater-manchester/{code}")


def test_stopsearch_points_styled_by_what_searches_led_to(run, run_and_load, search_store, search_rows):
    from qgis.core import QgsProcessingContext, QgsProject
    year = search_rows[search_rows["month"].between("2019-01", "2019-12") & ~search_rows["nowhere"]]
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = run_and_load("crimemap:stopsearch", {
        "STORE": str(search_store), "START_MONTH": "2019-01", "END_MONTH": "2019-12",
        "OUTPUT": "TEMPORARY_OUTPUT", "BREAKDOWNS": "TEMPORARY_OUTPUT", "POINTS": "TEMPORARY_OUTPUT"},
        context=context, feedback=QgsProcessingFeedback())
    points = QgsProject.instance().mapLayer(result["POINTS"])
    assert points.crs().authid() == "EPSG:4326" and points.featureCount() == len(year)
    assert points.name() == "Stop and search points · 2019-01 to 2019-12"
    renderer = points.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "result"
    assert [c.label() for c in renderer.categories()][0] == "found: outcome linked to the object searched for"
    results = pd.Series([f["result"] for f in points.getFeatures()]).value_counts()
    assert results["linked"] == int(year["found"].sum())
    nfa = year["Outcome"].str.contains("no further action", case=False) & ~year["found"]
    assert results["no_further_action"] == int(nfa.sum())
    areas = QgsProject.instance().mapLayer(result["OUTPUT"])
    assert areas.name() == "Stop and search per 1,000 residents · 2019-01 to 2019-12"
    assert isinstance(areas.renderer(), QgsRuleBasedRenderer)
    assert "Open Government Licence" in " ".join(areas.metadata().rights())


def test_stopsearch_refuses_bad_input_clearly(run, search_store, june_store):
    with pytest.raises(QgsProcessingException, match="not a month"):
        run("crimemap:stopsearch", {"STORE": str(search_store), "END_MONTH": "June 2019", "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="no stop and search yet"):
        run("crimemap:stopsearch", {"STORE": str(june_store), "OUTPUT": "memory:"})


def test_a_team_store_gives_the_same_outcomes_and_searches(run, june_files, search_rows, tmp_path):
    # The same files in a PostGIS store (the GeoPackage is every other test's): the same figures as
    # the independent calculation.
    from crimemap_plugin.core.importer import import_path
    from tests.stores import drop, new_store
    street_files, outcome_files = june_files
    latest = independent_latest(read_street(street_files), read_outcomes(outcome_files))
    codes = _slug_to_code()
    expected = independent_summary(latest.assign(code=latest["force"].map(codes)), "code")
    store = new_store("postgis", tmp_path, "outcomes")
    try:
        import_path(JUNE_2013, store)
        import_path(SEARCH_FOLDER / "2019-06-greater-manchester-stop-and-search.csv", store)
        rows = _features(run("crimemap:outcomes", {"STORE": store, "END_MONTH": "2013-06", "MONTHS": 1,
                                                   "OUTPUT": "memory:"})["OUTPUT"])
        for code, want in expected.items():
            _check_outcome_row(rows[code], want)
        searches = _features(run("crimemap:stopsearch", {"STORE": store, "END_MONTH": "2019-06",
                                                         "START_MONTH": "2019-06", "OUTPUT": "memory:"})["OUTPUT"])
        gmp = search_rows[(search_rows["force"] == "greater-manchester")]
        _check_force_rates(searches[codes["greater-manchester"]], gmp, census_by_force(), "officer_group")
        assert searches[codes["greater-manchester"]]["found"] == int(gmp["found"].sum())
    finally:
        drop(store)

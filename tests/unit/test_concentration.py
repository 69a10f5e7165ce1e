"""Concentration at police.uk's locations: hand-worked Lorenz curve and Gini, and the real Kent months
against an independent count (csv module, Counter, GEOS for the area)."""

import csv
import math
from collections import Counter

import numpy as np
import pytest
from osgeo import ogr, osr

from crimemap_plugin.core import concentration as co
from tests.shared_data import shared_data

ogr.UseExceptions()
osr.UseExceptions()

KENT = shared_data() / "police_uk" / "kent-2018-10_2019-02"
PFA = shared_data() / "boundaries" / "ons-pfa-dec2022-buc" / "PFA_DEC_2022_EW_BUC_V2.shp"


# --------------------------------------------------------------------------- by hand

def test_lorenz_and_gini_by_hand():
    # counts 6, 1, 2, 1 -> ascending 1, 1, 2, 6 (total 10, L = 4)
    # Lorenz: x = 0, .25, .5, .75, 1; y = 0, .1, .2, .4, 1
    # Gini = 1 - Σ .25 (y_k + y_{k-1}) = 1 - .25 (.1 + .3 + .6 + 1.4) = 1 - .6 = 0.4
    # check: 2 Σ k c_(k) / (L C) - (L + 1) / L = 2 (1 + 2 + 6 + 24) / 40 - 5/4 = 1.65 - 1.25 = 0.4
    x, y = co.lorenz([6, 1, 2, 1])
    assert x.tolist() == [0, 0.25, 0.5, 0.75, 1]
    assert y.tolist() == pytest.approx([0, 0.1, 0.2, 0.4, 1])
    assert co.gini([6, 1, 2, 1]) == pytest.approx(0.4, abs=1e-15)
    assert co.gini([3, 3, 3]) == pytest.approx(0.0, abs=1e-15)
    assert math.isnan(co.gini([]))


def test_top_shares_by_hand():
    # 4 locations: the top 1 %, 5 % and 10 % are each ceil(0.04), ceil(0.2), ceil(0.4) = 1 location: 6 of 10
    shares = co.top_shares([6, 1, 2, 1])
    assert [(s.percent, s.locations, s.crimes) for s in shares] == [(1, 1, 6), (5, 1, 6), (10, 1, 6)]
    assert shares[0].share == pytest.approx(0.6)
    # 25 locations with 1..25 crimes (325): top 10 % = ceil(2.5) = 3 locations = 25 + 24 + 23 = 72
    shares = co.top_shares(list(range(1, 26)))
    assert shares[2].locations == 3 and shares[2].crimes == 72 and shares[2].share == pytest.approx(72 / 325)


def test_locations_are_coordinates_and_name_and_change_is_against_the_baseline():
    lon = [0.5, 0.5, 0.5, 0.6, np.nan]
    lat = [51.2, 51.2, 51.2, 51.3, np.nan]
    name = ["On or near A", " On or near A ", "On or near B", "On or near A", "On or near C"]
    result = co.concentration(lon, lat, name, [0.5, 0.7], [51.2, 51.4], ["On or near A", "On or near D"])
    table = result.table
    assert result.crimes == 4 and result.locations == 3 and result.unlocated == 1 and result.baseline_crimes == 2
    first = table.iloc[0]
    assert (first["location"], first["crimes"], first["baseline"], first["change"]) == ("On or near A", 2, 1, 1)
    assert first["change_pct"] == pytest.approx(100.0)
    gone = table[table["location"] == "On or near D"].iloc[0]
    assert gone["crimes"] == 0 and gone["baseline"] == 1 and gone["change"] == -1
    assert len(result.top(10)) == 3                          # the baseline-only location is not a top location
    assert np.isnan(table[table["location"] == "On or near B"]["change_pct"]).all()


def test_nothing_located_gives_empty_results_not_errors():
    result = co.concentration([np.nan], [np.nan], ["On or near A"])
    assert result.crimes == 0 and result.locations == 0 and result.unlocated == 1
    assert math.isnan(result.gini) and all(math.isnan(s.share) for s in result.shares)


# --------------------------------------------------------------------------- real data

def read_month(month):
    rows = []
    with open(KENT / f"{month}-kent-street.csv", newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            lon, lat = row["Longitude"].strip(), row["Latitude"].strip()
            rows.append((float(lon) if lon else math.nan, float(lat) if lat else math.nan, row["Location"]))
    return rows


def key(lon, lat, name):
    return f"{lon:.6f}", f"{lat:.6f}", name.strip()


def arrays(rows):
    lon, lat, name = zip(*rows)
    return np.array(lon), np.array(lat), np.array(name, dtype=object)


def test_kent_february_against_january_matches_an_independent_count():
    feb, jan = read_month("2019-02"), read_month("2019-01")
    result = co.concentration(*arrays(feb), *arrays(jan))

    now = Counter(key(*r) for r in feb if not math.isnan(r[0]))
    before = Counter(key(*r) for r in jan if not math.isnan(r[0]))
    assert result.crimes == sum(now.values()) and result.locations == len(now)
    assert result.unlocated == sum(math.isnan(r[0]) for r in feb)
    got = {key(a, b, c): (n, m) for a, b, c, n, m in
           result.table[["lon", "lat", "location", "crimes", "baseline"]].itertuples(index=False)}
    assert got == {k: (now.get(k, 0), before.get(k, 0)) for k in set(now) | set(before)}

    ranked = sorted(now.values(), reverse=True)
    assert result.top(10)["crimes"].tolist() == ranked[:10]
    for share in result.shares:
        k = math.ceil(share.percent / 100 * len(ranked))
        assert share.locations == k and share.crimes == sum(ranked[:k])
        assert share.share == pytest.approx(sum(ranked[:k]) / sum(ranked))
    ascending = ranked[::-1]
    n, total = len(ascending), sum(ascending)
    gini = 2 * sum((i + 1) * c for i, c in enumerate(ascending)) / (n * total) - (n + 1) / n
    assert result.gini == pytest.approx(gini, rel=1e-12)
    assert 0.3 < result.gini < 0.7 and result.shares[2].share > 0.2   # crime concentrates
    assert result.lorenz_y[-1] == pytest.approx(1.0) and len(result.lorenz_x) == n + 1


def test_an_area_keeps_only_the_crimes_inside_it():
    feb = read_month("2019-02")
    window = ogr.CreateGeometryFromWkt("POLYGON((572000 148000,587000 148000,587000 160000,572000 160000,"
                                       "572000 148000))")
    ring = window.GetGeometryRef(0)
    pts = np.array(ring.GetPoints(), dtype=float)
    area = [[(pts[:, 0].copy(), pts[:, 1].copy())]]
    result = co.concentration(*arrays(feb), area=area)

    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4326)
    dst.ImportFromEPSG(27700)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(src, dst)
    located = [r for r in feb if not math.isnan(r[0])]
    inside = Counter()
    for r, (x, y, _) in zip(located, transform.TransformPoints([(r[0], r[1]) for r in located])):
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(x, y)
        if window.Contains(point):
            inside[key(*r)] += 1
    assert result.crimes == sum(inside.values()) > 500
    assert result.outside == len(located) - result.crimes
    assert result.locations == len(inside)

"""Emerging hot spots: Mann–Kendall against hand-worked cases and a naive count, the patterns against
hand-built series and a plain per-cell implementation of ArcGIS's rules, and Gi* per step on the real
Kent months (the partial December 2018 missing, not zero) against the direct formula."""

import csv
import math
from collections import Counter

import numpy as np
import pytest
from osgeo import ogr, osr

from crimemap_plugin.core import emerging as em
from crimemap_plugin.core.errors import CrimeMapError
from tests.shared_data import shared_data

ogr.UseExceptions()
osr.UseExceptions()

KENT = shared_data() / "police_uk" / "kent-2018-10_2019-02"
PFA = shared_data() / "boundaries" / "ons-pfa-dec2022-buc" / "PFA_DEC_2022_EW_BUC_V2.shp"


# --------------------------------------------------------------------------- Mann–Kendall by hand

def test_mann_kendall_hand_worked_with_a_tie():
    # x = 1, 3, 2, 2, 5, 4. Signs of x_j - x_i over i < j:
    #   i=1 (1): + + + + +      -> +5
    #   i=2 (3): - - + +        ->  0
    #   i=3 (2): 0 + +          -> +2
    #   i=4 (2): + +            -> +2
    #   i=5 (5): -              -> -1      S = 8
    # n = 6: n(n-1)(2n+5) = 6·5·17 = 510; one tie group of t = 2: t(t-1)(2t+5) = 18
    # Var(S) = (510 - 18) / 18 = 492 / 18;  Z = (S - 1) / sqrt(Var) = 7 / sqrt(27.333...) = 1.338911...
    result = em.mann_kendall([1, 3, 2, 2, 5, 4])
    assert result.s.tolist() == [8]
    assert result.var[0] == pytest.approx(492 / 18, rel=1e-15)
    assert result.z[0] == pytest.approx(7 / math.sqrt(492 / 18), rel=1e-14)
    assert result.z[0] == pytest.approx(1.338911, abs=1e-6)
    assert result.p[0] == pytest.approx(math.erfc(result.z[0] / math.sqrt(2)), rel=1e-14)
    assert result.p[0] == pytest.approx(0.180600, abs=1e-6)
    assert result.n.tolist() == [6]


def test_mann_kendall_hand_worked_decreasing_with_three_tied():
    # x = 4, 4, 4, 1: S = (0 + 0 - 1) + (0 - 1) + (-1) = -3; n = 4: 4·3·13 = 156;
    # one tie group of t = 3: 3·2·11 = 66; Var = (156 - 66) / 18 = 5; Z = (S + 1) / sqrt(5)
    result = em.mann_kendall([4, 4, 4, 1])
    assert result.s.tolist() == [-3] and result.var[0] == pytest.approx(5.0)
    assert result.z[0] == pytest.approx(-2 / math.sqrt(5), rel=1e-14)


def test_mann_kendall_leaves_missing_values_out():
    with_gap = em.mann_kendall([1, np.nan, 3, 2, 2, np.nan, 5, 4])
    assert with_gap.s.tolist() == [8] and with_gap.n.tolist() == [6]
    assert with_gap.var[0] == pytest.approx(492 / 18)


def test_mann_kendall_without_variance_has_no_z():
    result = em.mann_kendall([[2, 2, 2], [np.nan, 1, np.nan], [0, 1, np.nan]])
    assert result.s.tolist() == [0, 0, 1]
    assert np.isnan(result.z[:2]).all() and np.isnan(result.p[:2]).all()
    assert result.var[2] == pytest.approx(2 * 1 * 9 / 18)       # n = 2, no ties
    assert result.z[2] == 0.0 and result.p[2] == 1.0            # (S - 1) / sqrt(1) = 0


def naive_mann_kendall(values):
    xs = [v for v in values if not math.isnan(v)]
    n = len(xs)
    s = sum((xs[j] > xs[i]) - (xs[j] < xs[i]) for i in range(n) for j in range(i + 1, n))
    ties = sum(t * (t - 1) * (2 * t + 5) for t in Counter(xs).values())
    var = (n * (n - 1) * (2 * n + 5) - ties) / 18
    if var <= 0:
        return s, var, math.nan
    z = (s - 1) / math.sqrt(var) if s > 0 else (s + 1) / math.sqrt(var) if s < 0 else 0.0
    return s, var, z


def test_mann_kendall_matches_a_naive_count_on_many_series_with_ties_and_gaps():
    rng = np.random.default_rng(11)
    x = rng.integers(0, 4, size=(400, 12)).astype(float)
    x[rng.random(x.shape) < 0.15] = np.nan
    result = em.mann_kendall(x)
    for k, row in enumerate(x):
        s, var, z = naive_mann_kendall(row.tolist())
        assert result.s[k] == s and result.var[k] == pytest.approx(var)
        assert (math.isnan(z) and math.isnan(result.z[k])) or result.z[k] == pytest.approx(z)


# --------------------------------------------------------------------------- patterns

S, N = 0.001, 0.5          # a significant and a not significant q
RISING = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
FLAT = [5, 6, 5, 6, 5, 6, 5, 6, 5, 6]         # Mann–Kendall S = 5, p ≈ 0.68: no trend
CASES = [
    ("new", FLAT, [N] * 9 + [S]),
    ("consecutive", FLAT, [N] * 7 + [S] * 3),
    ("intensifying", RISING, [S] * 10),
    ("persistent", FLAT, [S] * 10),
    ("persistent", FLAT, [N] + [S] * 9),                       # 90 % exactly
    ("diminishing", RISING[::-1], [S] * 10),
    ("sporadic", FLAT, [S, N, S, N, N, S, N, N, N, S]),
    ("oscillating", [1, 4, 1, 1, -4, 1, 1, 1, 1, 4], [N, S, N, N, S, N, N, N, N, S]),
    ("historical", FLAT, [S] * 9 + [N]),
    ("no pattern detected", FLAT, [N] * 10),
    ("new", [-4] + FLAT[1:], [S] + [N] * 8 + [S]),               # new wins over oscillating
    ("consecutive", FLAT, [N, N, N, N, N, N, N, N, S, S]),
]


def classify_one(z, q):
    z = np.array([z], dtype=float)
    q = np.array([q], dtype=float)
    trend = em.mann_kendall(z)
    return em.classify(z, q, trend.z, trend.p)[0]


@pytest.mark.parametrize("kind,z,q", CASES)
def test_hot_patterns(kind, z, q):
    expected = kind if kind == em.NO_PATTERN else f"{kind} hot spot"
    assert classify_one(z, q) == expected


@pytest.mark.parametrize("kind,z,q", CASES)
def test_cold_patterns_mirror_the_hot_ones(kind, z, q):
    expected = kind if kind == em.NO_PATTERN else f"{kind} cold spot"
    assert classify_one([-v for v in z], q) == expected


def test_the_final_step_is_the_last_one_with_a_z_score():
    z = FLAT[:9] + [math.nan]
    assert classify_one(z, [N] * 8 + [S, math.nan]) == "new hot spot"
    assert classify_one([math.nan] * 10, [math.nan] * 10) == em.NO_PATTERN


def test_a_missing_step_neither_breaks_nor_extends_a_run():
    z = FLAT[:7] + [math.nan] + FLAT[8:]
    assert classify_one(z, [N] * 6 + [S, math.nan, S, S]) == "consecutive hot spot"


# --------------------------------------------------------------------------- time steps

def test_time_steps_months_and_quarters():
    months = em.time_steps("2018-11", "2019-02")
    assert [s.label for s in months] == ["2018-11", "2018-12", "2019-01", "2019-02"]
    quarters = em.time_steps("2018-11", "2019-04", em.QUARTER)
    assert [s.label for s in quarters] == ["2018-11..2019-01", "2019-02..2019-04"]
    assert quarters[0].months == ("2018-11", "2018-12", "2019-01")
    with pytest.raises(CrimeMapError, match="whole number"):
        em.time_steps("2018-10", "2019-02", em.QUARTER)


def test_missing_steps_from_flags_labels_or_months():
    quarters = em.time_steps("2018-10", "2019-03", em.QUARTER)
    assert em.missing_flags(quarters, ["2018-12"]).tolist() == [True, False]
    assert em.missing_flags(quarters, ["2019-01..2019-03"]).tolist() == [False, True]
    assert em.missing_flags(quarters, [False, True]).tolist() == [False, True]
    with pytest.raises(CrimeMapError):
        em.missing_flags(quarters, ["2020-01"])


# --------------------------------------------------------------------------- the real data

def kent_area():
    ds = ogr.Open(str(PFA))
    for feature in ds.GetLayer():
        if feature.GetField("PFA22NM") == "Kent":
            geometry = feature.GetGeometryRef()
            polygons = []
            for k in range(geometry.GetGeometryCount()):
                part = geometry.GetGeometryRef(k)
                rings = []
                for r in range(part.GetGeometryCount()):
                    pts = np.array(part.GetGeometryRef(r).GetPoints(), dtype=float)
                    rings.append((pts[:, 0].copy(), pts[:, 1].copy()))
                polygons.append(rings)
            return polygons
    raise AssertionError("no Kent")


def kent_rows():
    rows = []
    for path in sorted(KENT.glob("*.csv")):
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                lon, lat = row["Longitude"].strip(), row["Latitude"].strip()
                rows.append((row["Month"], float(lon) if lon else math.nan, float(lat) if lat else math.nan))
    return rows


def projected_counts(rows, size):
    """Counter of (month, col, row) with GDAL's OSR, apart from the code's pyproj."""
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4326)
    dst.ImportFromEPSG(27700)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    located = [r for r in rows if not math.isnan(r[1])]
    xy = osr.CoordinateTransformation(src, dst).TransformPoints([(r[1], r[2]) for r in located])
    return Counter((r[0], math.floor(x / size), math.floor(y / size)) for r, (x, y, _) in zip(located, xy))


def direct_gi(x, cols, rows, size, band):
    n = len(x)
    xbar = x.mean()
    s = math.sqrt((x * x).mean() - xbar ** 2)
    cx, cy = (cols + 0.5) * size, (rows + 0.5) * size
    w = (np.hypot(cx[:, None] - cx[None, :], cy[:, None] - cy[None, :]) <= band).astype(float)
    sw = w.sum(axis=1)
    return (w @ x - xbar * sw) / (s * np.sqrt((n * (w * w).sum(axis=1) - sw ** 2) / (n - 1)))


def reference_pattern(zs, qs, mk_z, mk_p):
    """ArcGIS's rules, one cell at a time, written plainly."""
    steps = [(z, q) for z, q in zip(zs, qs) if not math.isnan(z)]
    m = len(steps)
    if not m:
        return "no pattern detected"
    hot = [q < 0.10 and z > 0 for z, q in steps]
    cold = [q < 0.10 and z < 0 for z, q in steps]
    up, down = mk_p < 0.10 and mk_z > 0, mk_p < 0.10 and mk_z < 0
    for kind, spot, other, rising, falling in (("hot", hot, cold, up, down), ("cold", cold, hot, down, up)):
        if not spot[-1]:
            continue
        count = sum(spot)
        run = 0
        for flag in reversed(spot):
            if not flag:
                break
            run += 1
        ninety = count / m >= 0.9
        if count == 1:
            return f"new {kind} spot"
        if run >= 2 and count == run and not ninety:
            return f"consecutive {kind} spot"
        if ninety:
            return f"{'intensifying' if rising else 'diminishing' if falling else 'persistent'} {kind} spot"
        return f"{'oscillating' if any(other) else 'sporadic'} {kind} spot"
    for kind, spot in (("hot", hot), ("cold", cold)):
        if sum(spot) / m >= 0.9:
            return f"historical {kind} spot"
    return "no pattern detected"


@pytest.fixture(scope="module")
def kent():
    rows = kent_rows()
    months = np.array([r[0] for r in rows], dtype=object)
    lon = np.array([r[1] for r in rows])
    lat = np.array([r[2] for r in rows])
    result = em.emerging_hotspots(lon, lat, months, kent_area(), "2018-10", "2019-02",
                                  missing=["2018-12"], cell_size=1000, band=2500)
    return rows, result


def test_the_partial_month_is_missing_not_zero(kent):
    rows, result = kent
    assert [s.label for s in result.steps] == ["2018-10", "2018-11", "2018-12", "2019-01", "2019-02"]
    assert result.missing.tolist() == [False, False, True, False, False]
    assert np.isnan(result.z[:, 2]).all() and np.isnan(result.q[:, 2]).all()
    assert result.counts[:, 2].sum() > 0               # its crimes are still counted, just not tested
    assert set(result.trend.n.tolist()) == {4}          # every cell's series has the other four steps
    assert any("2018-12" in w for w in result.warnings)


def test_gi_z_of_each_step_matches_the_direct_formula(kent):
    rows, result = kent
    counts = projected_counts(rows, 1000)
    cols, cells_rows = result.col.astype(float), result.row.astype(float)
    for t, step in enumerate(result.steps):
        x = np.array([counts.get((step.label, c, r), 0) for c, r in zip(result.col, result.row)], dtype=float)
        assert result.counts[:, t].tolist() == x.astype(int).tolist()
        if result.missing[t]:
            continue
        z = direct_gi(x, cols, cells_rows, 1000, 2500)
        assert np.isfinite(z).all()
        np.testing.assert_allclose(result.z[:, t], z, rtol=1e-9, atol=1e-9)


def test_trends_and_patterns_follow_from_the_z_and_q_of_the_steps(kent):
    rows, result = kent
    for k in range(result.n_cells):
        s, var, z = naive_mann_kendall(result.z[k].tolist())
        assert result.trend.s[k] == s
        assert (math.isnan(z) and math.isnan(result.trend.z[k])) or result.trend.z[k] == pytest.approx(z)
    expected = [reference_pattern(result.z[k].tolist(), result.q[k].tolist(), result.trend.z[k], result.trend.p[k])
                for k in range(result.n_cells)]
    assert result.pattern.tolist() == expected
    found = set(expected)
    assert {"persistent hot spot", "no pattern detected"} <= found and len(found) >= 4


def test_crimes_outside_the_period_or_without_location_are_counted(kent):
    rows, result = kent
    assert result.crimes_total == len(rows)
    assert result.crimes_unlocated == sum(math.isnan(r[1]) for r in rows)
    assert result.crimes_outside_period == 0
    placed = int(result.counts.sum())
    assert placed + result.crimes_outside + result.crimes_unlocated == len(rows)
    later = em.emerging_hotspots([0.52, 0.52], [51.27, 51.27], ["2019-01", "2019-03"], kent_area(),
                                 "2018-10", "2019-02", cell_size=1000, band=2500)
    assert later.crimes_outside_period == 1 and int(later.counts.sum()) == 1

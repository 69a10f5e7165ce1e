"""A whole national month (December 2018: 41 forces with British Transport Police and PSNI, and Kent's
real partial submission), with Kent and BTP over five months: every force, every count, no false
alarms. Numbers are checked against independent counts from the files (csv module, the published
force and category lists), exact binomial p-values and Benjamini–Hochberg written out here."""

import csv
import math
from collections import Counter
from fractions import Fraction
from statistics import median

import pandas as pd
import pytest

from crimemap_plugin.core import forces
from crimemap_plugin.core.compare import compare, monthly_trend
from crimemap_plugin.core.coverage import MISSING, PARTIAL, WHOLE, audit
from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.periods import Period
from crimemap_plugin.core.store import open_store
from tests.independent import street_counts, street_files
from tests.shared_data import shared_data
from tests.stores import BACKENDS, content, copy_of, drop, new_store

NATIONAL = "national-2018-12"
KENT = "kent-2018-10_2019-02"
BTP = "btp-2018-10_2019-02"


def folder(name):
    return shared_data() / "police_uk" / name


def exact_p(c: int, b: int) -> float:
    n, k = c + b, min(c, b)
    if n == 0 or c == b:
        return 1.0
    return min(1.0, float(Fraction(2 * sum(math.comb(n, i) for i in range(k + 1)), 2 ** n)))


def bh(p_values: dict) -> dict:
    """Benjamini–Hochberg written from its definition: q_i = min over p_j >= p_i of p_j * m / rank_j."""
    ranked = sorted(p_values.items(), key=lambda kv: kv[1])
    m = len(ranked)
    out = {}
    for i, (key, _) in enumerate(ranked):
        out[key] = min(1.0, min(p * m / (j + 1) for j, (_, p) in enumerate(ranked) if j >= i))
    return out


def rows_of(path) -> int:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return sum(1 for _ in csv.DictReader(fh))


@pytest.fixture(scope="module", params=BACKENDS)
def national_store(request, tmp_path_factory):
    """The national month with Kent and BTP's five months, on each backend."""
    path = new_store(request.param, tmp_path_factory.mktemp("national"), "national")
    first = import_path(folder(NATIONAL), path)
    assert not first.refused and first.rows_rejected == 0
    kent = import_path(folder(KENT), path)
    btp = import_path(folder(BTP), path)
    yield path, first, kent, btp
    drop(path)


@pytest.fixture()
def national_copy(national_store, tmp_path):
    backend = "postgis" if str(national_store[0]).startswith("postgresql://") else "geopackage"
    path = copy_of(str(national_store[0]), backend, tmp_path, "store")
    yield path
    drop(path)


def all_files():
    return sorted({f.name: f for name in (NATIONAL, KENT, BTP) for f in street_files(folder(name))}.values())


def test_every_row_of_every_force_is_counted_exactly(national_store):
    path, first, _, _ = national_store
    expected = street_counts(all_files())
    assert first.rows_imported == 342_885
    assert {f for f, _, _ in expected} >= {"btp", "northern-ireland", "kent"}
    with open_store(path) as store:
        stored = store.counts("force", sorted({m for _, m, _ in expected}))
        by_key = Counter()
        for force, month, cat, n in store.db.query(
                "SELECT force, month, category, SUM(n) FROM crime_counts GROUP BY force, month, category"):
            by_key[(force, month, cat)] = n
    assert by_key == expected
    assert int(stored["n"].sum()) == sum(expected.values())


def test_sums_over_spans_of_months_equal_the_files(national_store):
    """What comparisons read: each force's crimes over spans of months (one range, months with a gap,
    a span with no month stored), all crime and one category, against the CSV files."""
    path = national_store[0]
    expected = street_counts(all_files())
    months = sorted({m for _, m, _ in expected})
    spans = {"all": months, "ends": [months[0], months[-1]], "last": months[-1:], "none": ["2001-01"]}
    with open_store(path) as store:
        for category in (None, "burglary", "anti-social-behaviour"):
            sums = store.sums("force", spans, category)
            for force in {f for f, _, _ in expected}:
                for name, span in spans.items():
                    want = sum(n for (f, m, c), n in expected.items() if f == force and m in span
                               and (category is None or c == category))
                    got = int(sums[name].get(force, 0))
                    assert got == want, (force, name, category)


def test_every_published_force_is_compared_with_btp_and_psni(national_store):
    path = national_store[0]
    expected = street_counts(all_files())
    with open_store(path) as store:
        result = compare(store, "force", "all-crime", Period("2018-12", 1), "previous_period")
    rows = result.rows.set_index("area_code")
    assert len(rows) == 45
    assert {"btp", "northern-ireland"} <= set(rows.index)
    btp, psni = rows.loc["btp"], rows.loc["northern-ireland"]
    assert btp["area_name"] == "British Transport Police" and btp["force"] == "btp"
    assert psni["population"] == 1_903_175 and btp["population"] == 0
    # December against November: BTP has both months, so it is compared; it has no residents, so no rate.
    dec = sum(n for (f, m, _), n in expected.items() if f == "btp" and m == "2018-12")
    nov = sum(n for (f, m, _), n in expected.items() if f == "btp" and m == "2018-11")
    assert btp["complete"] and (btp["current"], btp["baseline"]) == (dec, nov)
    assert math.isnan(btp["rate_per_1000"])
    # PSNI has only December: its current count and rate, no comparison.
    psni_dec = sum(n for (f, m, _), n in expected.items() if f == "northern-ireland" and m == "2018-12")
    assert psni["current"] == psni_dec and not psni["complete"]
    assert psni["rate_per_1000"] == pytest.approx(psni_dec / 1_903_175 * 1000, rel=1e-12)
    assert psni["missing_months"] == "2018-11"


def test_kent_december_2018_is_partial_and_never_a_change(national_store):
    path, _, kent_report, _ = national_store
    files = {f.name[:7]: rows_of(f) for f in street_files(folder(KENT))}
    assert files == {"2018-10": 19396, "2018-11": 13818, "2018-12": 8438, "2019-01": 17792, "2019-02": 16291}
    with open_store(path) as store:
        audited = {fm.month: fm for fm in store.coverage("street") if fm.force == "kent"}
        dec = audited["2018-12"]
        assert dec.status == PARTIAL and dec.rows == 8438
        assert dec.expected == median([files[m] for m in ("2018-10", "2018-11", "2019-01", "2019-02")])
        assert all(audited[m].status == WHOLE for m in ("2018-10", "2018-11", "2019-01", "2019-02"))
        # January 2019 against December 2018 read +111 % "beyond chance" before the audit.
        result = compare(store, "force", "all-crime", Period("2019-01", 1), "previous_period")
        trend = monthly_trend(store, "force", "kent", "all-crime", ["2018-11", "2018-12", "2019-01"])
    kent = result.rows.set_index("force").loc["kent"]
    assert not kent["complete"]
    assert kent["partial_months"] == "2018-12" and kent["missing_months"] == ""
    assert kent["current"] == files["2019-01"]   # the period itself is whole: its count stands
    assert pd.isna(kent["baseline"]) and pd.isna(kent["change"]) and pd.isna(kent["significant"])
    assert math.isnan(kent["change_pct"]) and math.isnan(kent["q_value"])
    assert trend.states == [WHOLE, PARTIAL, WHOLE] and trend.values[1] == 8438
    # The import said so.
    assert [(fm.force, fm.month) for fm in kent_report.partial] == [("kent", "2018-12")]
    assert "kent 2018-12 street: 8,438 rows" in kent_report.summary()


def test_a_user_can_mark_the_partial_month_whole_and_take_it_back(national_copy):
    with open_store(national_copy) as store:
        store.mark_whole("street", "kent", "2018-12", note="confirmed by the force")
        dec = next(fm for fm in store.coverage("street") if (fm.force, fm.month) == ("kent", "2018-12"))
        assert dec.status == WHOLE and dec.overridden
        kent = compare(store, "force", "all-crime", Period("2019-01", 1), "previous_period").rows.set_index(
            "force").loc["kent"]
        assert kent["complete"] and (kent["current"], kent["baseline"]) == (17792, 8438)
        store.mark_whole("street", "kent", "2018-12", whole=False)
        dec = next(fm for fm in store.coverage("street") if (fm.force, fm.month) == ("kent", "2018-12"))
        assert dec.status == PARTIAL and not dec.overridden
    # The mark is kept in the store (survives reopening) while it stands.
    with open_store(national_copy) as store:
        store.mark_whole("street", "kent", "2018-12")
    with open_store(national_copy) as store:
        assert store.db.one("SELECT status FROM coverage WHERE force='kent' AND month='2018-12'"
                                  )[0] == WHOLE


def test_coverage_table_lists_every_force_month_with_missing_ones(national_store):
    with open_store(national_store[0]) as store:
        table = store.db.query("SELECT force, month, rows, status FROM coverage WHERE kind='street'")
    by = {(f, m): (r, s) for f, m, r, s in table}
    # The store spans 2018-10 to 2019-02; forces with only December are missing the other months.
    assert by[("essex", "2018-11")] == (None, MISSING)
    assert by[("essex", "2018-12")] == (rows_of(folder(NATIONAL) / "2018-12-essex-street.csv"), WHOLE)
    assert len({f for f, _ in by}) == 41 and len(by) == 41 * 5


def test_q_values_are_benjamini_hochberg_over_the_complete_areas(national_store):
    """Kent's LSOAs, February against January 2019 (both whole): thousands of areas tested at once."""
    path = national_store[0]
    with open_store(path) as store:
        result = compare(store, "lsoa", "all-crime", Period("2019-02", 1), "previous_period")
    rows = result.rows
    kent = rows[rows["force"] == "kent"]
    assert len(kent) > 900 and kent["complete"].all()
    complete = rows[rows["complete"]]
    p = {code: exact_p(int(c), int(b)) for code, c, b in zip(complete["area_code"], complete["current"],
                                                            complete["baseline"])}
    q = bh(p)
    for code, got_p, got_q, sig in zip(complete["area_code"], complete["p_value"], complete["q_value"],
                                       complete["significant"]):
        assert got_p == pytest.approx(p[code], rel=1e-9, abs=1e-15)
        assert got_q == pytest.approx(q[code], rel=1e-9, abs=1e-15)
        assert bool(sig) == (q[code] < 0.05)
    # Some areas pass p < 0.05 by chance alone and no longer count as beyond chance.
    assert sum(1 for v in p.values() if v < 0.05) > sum(1 for v in q.values() if v < 0.05)


def test_renamed_forces_are_never_refused(tmp_path):
    """2013 files call two forces by older names; an archive file's name says whose it is."""
    data = tmp_path / "2013"
    data.mkdir()
    renames = {"devon-and-cornwall": ("Devon & Cornwall Police", "Devon and Cornwall Constabulary"),
               "leicestershire": ("Leicestershire Police", "Leicestershire Constabulary")}
    for slug, (today, then) in renames.items():
        text = (folder(NATIONAL) / f"2018-12-{slug}-street.csv").read_text(encoding="utf-8-sig")
        assert today in text
        (data / f"2018-12-{slug}-street.csv").write_text(text.replace(today, then), encoding="utf-8")
    store = tmp_path / "s.gpkg"
    report = import_path(data, store)
    assert not report.refused and report.rows_rejected == 0
    with open_store(store) as s:
        counts = dict(s.db.query("SELECT force, SUM(n) FROM crime_counts GROUP BY force"))
    for slug in renames:
        assert counts[slug] == rows_of(folder(NATIONAL) / f"2018-12-{slug}-street.csv")
    # A loose file (no archive name): "Reported by" says whose it is, under the old name too.
    lines = (folder(NATIONAL) / "2018-12-leicestershire-street.csv").read_text(encoding="utf-8-sig").splitlines()
    loose = tmp_path / "leicester-extract.csv"
    loose.write_text("\n".join([lines[0]] + [ln.replace("Leicestershire Police", "Leicestershire Constabulary")
                                             for ln in lines[1:101]]) + "\n", encoding="utf-8")
    report = import_path(loose, tmp_path / "loose.gpkg")
    assert report.rows_imported == 100 and report.rows_rejected == 0
    assert report.units == [("street", "leicestershire", "2018-12")]


def test_a_truly_unknown_force_name_is_rejected_row_by_row(tmp_path):
    text = (folder(NATIONAL) / "2018-12-dorset-street.csv").read_text(encoding="utf-8-sig").splitlines()
    bad = [text[0]] + text[1:11] + [text[11].replace("Dorset Police", "Atlantis Constabulary")]
    path = tmp_path / "2018-12-dorset-street.csv"
    path.write_text("\n".join(bad) + "\n", encoding="utf-8")
    report = import_path(path, tmp_path / "s.gpkg")
    assert report.rows_imported == 10 and report.rows_rejected == 1
    assert "unknown force in 'Falls within'" in report.files[0].message and "line 12" in report.files[0].message


@pytest.mark.parametrize("name,file_force,slug", [
    ("Devon and Cornwall Constabulary", None, "devon-and-cornwall"),
    ("Devon & Cornwall Police", "devon-and-cornwall", "devon-and-cornwall"),
    ("Leicestershire Constabulary", None, "leicestershire"),
    ("Police Service of Northern Ireland", None, "northern-ireland"),
    ("British Transport Police", None, "btp"),
    ("Hampshire & Isle of Wight Constabulary", None, "hampshire"),
    ("London, City of", None, "city-of-london"),
    ("Dyfed Powys Police", None, "dyfed-powys"),
    ("North Wales Constabulary", "north-wales", "north-wales"),
    ("Atlantis Constabulary", "kent", None),
    ("Police", "kent", None),
    ("", None, None),
])
def test_force_names_every_form(name, file_force, slug):
    assert forces.slug_for_name(name, file_force) == slug


def test_audit_rules_hand_worked():
    stored = [("street", "gwent", m, n) for m, n in
              (("2020-01", 1000), ("2020-02", 1000), ("2020-03", 1000), ("2020-04", 1580), ("2020-05", 1000),
               ("2020-06", 1000), ("2020-07", 590), ("2020-09", 1000))]
    got = {fm.month: fm for fm in audit(stored)}
    assert got["2020-04"].status == WHOLE          # a real rise is a result, never partial
    assert got["2020-07"].status == PARTIAL and got["2020-07"].expected == 1000
    assert got["2020-08"].status == MISSING and got["2020-08"].rows is None
    # 590 of an expected 1,000 is partial; 600 is not (fewer than 60 %).
    edge = {fm.month: fm for fm in audit([s if s[2] != "2020-07" else ("street", "gwent", "2020-07", 600)
                                          for s in stored])}
    assert edge["2020-07"].status == WHOLE
    # With fewer than three stored months within three either side, the audit says nothing.
    sparse = {fm.month: fm for fm in audit([("street", "x", "2020-01", 1000), ("street", "x", "2020-02", 10),
                                             ("street", "x", "2020-03", 1000)])}
    assert sparse["2020-02"].status == WHOLE and sparse["2020-02"].expected is None
    marked = {fm.month: fm for fm in audit(stored, [("street", "gwent", "2020-07")])}
    assert marked["2020-07"].status == WHOLE and marked["2020-07"].overridden


def test_both_backends_hold_and_compare_the_national_month_identically(tmp_path):
    stores = {}
    for backend in BACKENDS:
        stores[backend] = new_store(backend, tmp_path, "same")
        for name in (NATIONAL, KENT, BTP):
            import_path(folder(name), stores[backend])
    try:
        assert content(stores["geopackage"], with_times=False) == content(stores["postgis"], with_times=False)
        results = {}
        for backend, spec in stores.items():
            with open_store(spec, read_only=True) as store:
                results[backend] = [compare(store, level, category, Period(end, length), baseline).records()
                                    for level in ("force", "lsoa") for category in ("all-crime", "burglary")
                                    for end, length, baseline in (("2019-01", 1, "previous_period"),
                                                                  ("2019-02", 3, "previous_period"))]
        assert results["geopackage"] == results["postgis"]
    finally:
        for spec in stores.values():
            drop(spec)

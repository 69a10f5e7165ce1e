"""The briefing's words and choices: signs written alike, the headline sentence in every case, the rate
with its population (checked against the shared ONS and police.uk files), links made clickable, the
period a panel briefing chooses, the trend's months, and local authority districts summed from LSOAs
(against the CSV files grouped with pandas and the shared ONS lookups, with an exact test and
Benjamini–Hochberg written here)."""

import csv
import re
from datetime import datetime

import pandas as pd
import pytest
from scipy.stats import binomtest

from crimemap_plugin.core import briefing_text as words
from crimemap_plugin.core.briefing import DISTRICTS, briefings, choice_note, choose_period, trend_window
from crimemap_plugin.core.coverage import MonthStatus
from crimemap_plugin.core.districts import district_changes, district_name
from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.periods import PREVIOUS_PERIOD, SAME_PERIOD_LAST_YEAR, Period
from crimemap_plugin.core.store import open_store
from tests.independent import months, street_files
from tests.shared_data import city_of_london_street, shared_data

MINUS = "\u2212"


@pytest.mark.parametrize("value,text", [(12.4, "+12%"), (-8.2, f"{MINUS}8%"), (0.0, "0%"), (-0.4, "0%"),
                                        (0.49, "0%"), (2.5, "+3%"), (-2.5, f"{MINUS}3%"), (1234.0, "+1,234%")])
def test_percentages_are_signed_alike(value, text):
    assert words.signed_pct(value) == text


def test_counts_are_signed_alike():
    assert [words.signed(n) for n in (140, -140, 0, 12345)] == ["+140", f"{MINUS}140", "0", "+12,345"]


def headline(current, baseline, significant=False, complete=True, missing=(), partial=(),
             kind=SAME_PERIOD_LAST_YEAR, length=3):
    pct = (current - baseline) / baseline * 100 if complete and baseline else None
    return words.headline_sentence("Burglary", current, baseline, pct, significant, complete, list(missing),
                                   list(partial), kind, length)


def test_headline_sentences():
    assert headline(1260, 1400, True) == ("Burglary fell 10% — 140 fewer than the same months last year; more than "
                                          "chance would explain")
    assert headline(110, 100, False, kind=PREVIOUS_PERIOD) == ("Burglary rose 10% — 10 more than the 3 months "
                                                              "before; within what chance would explain")
    assert headline(103, 100) == ("Burglary was about the same (+3%): 3 more than the same months last year; "
                                  "within what chance would explain")
    # A small change beyond chance is said as a rise, not "about the same".
    assert headline(10400, 10000, True).startswith("Burglary rose 4% — 400 more")
    assert headline(5, 5) == "Burglary was unchanged: 5, as in the same months last year"
    assert headline(4, 0) == ("Burglary: 4 recorded against none in the same months last year; within what chance "
                              "would explain")
    assert headline(0, 0) == "Burglary: none recorded, nor in the same months last year"
    assert headline(1, 1, complete=False, missing=["2020-01"]) == "Burglary: no data for January 2020, so not compared"
    assert headline(1, 1, complete=False, partial=["2018-12"]) == (
        "Burglary: partial data for December 2018 (the force published part of the month), so not compared")
    assert "no data for January–May 2020, so" in headline(1, 1, complete=False, missing=["2020-01", "2020-02",
                                                                                         "2020-03", "2020-04",
                                                                                         "2020-05"])
    assert "no data for January 2020, March 2020, May 2020 and 1 more, so" in headline(
        1, 1, complete=False, missing=["2020-01", "2020-03", "2020-05", "2020-07"])
    assert headline(9, 10, kind=PREVIOUS_PERIOD, length=1).endswith("than the month before; within what chance "
                                                                    "would explain")


def shared_force_population() -> dict:
    with open(shared_data() / "population" / "pfa_population_census2021_derived.csv", newline="") as fh:
        return {r["police_uk_slug"]: int(r["population"]) for r in csv.DictReader(fh)}


def test_rate_words_for_every_kind_of_force():
    assert words.rate_sentence(4.2449, 8583, words.CENSUS, "city-of-london", True) == \
        "4.2 per 1,000 residents (Census 2021: 8,583)"
    assert words.rate_sentence(0.351, 1_903_175, words.NISRA, "northern-ireland", True) == \
        "0.35 per 1,000 residents (NISRA, Census 2021: 1,903,175)"
    assert "no residents" in words.rate_sentence(None, 0, words.CENSUS, "btp", True)
    assert words.rate_sentence(None, 8583, words.CENSUS, "city-of-london", False).startswith("No rate")
    assert words.rate_sentence(0.0, 11065, words.CENSUS, "gloucestershire", True) == \
        "0 per 1,000 residents (Census 2021: 11,065)"


def test_the_force_briefing_says_its_rate_against_the_csv_files(sample_store):
    """City of London, burglary, Oct–Dec 2025: crimes counted from the files, residents from the shared
    ONS table."""
    period = months("2025-12", 3)
    n = 0
    for path in street_files(city_of_london_street()):
        with open(path, newline="", encoding="utf-8-sig") as fh:
            n += sum(1 for r in csv.DictReader(fh) if r["Month"] in period and r["Crime type"] == "Burglary")
    residents = shared_force_population()["city-of-london"]
    assert residents == 8583
    with open_store(sample_store, create=False) as store:
        brief = briefings(store, "city-of-london", None, "burglary", Period("2025-12", 3), SAME_PERIOD_LAST_YEAR,
                          datetime(2026, 1, 15))[0]
    assert brief.rate == f"{n / residents * 1000:.1f} per 1,000 residents (Census 2021: 8,583)"
    assert brief.summary.startswith("Burglary rose ") and "than the same months last year" in brief.summary


@pytest.mark.parametrize("url,shown", [
    ("http://www.gloucestershire.police.uk/neighbourhood/st-marks/", "https://www.gloucestershire.police.uk/"
                                                                     "neighbourhood/st-marks/"),
    ("http://police.uk/x?y=1", "https://police.uk/x?y=1"),
    ("https://www.police.uk/", "https://www.police.uk/"),
    ("http://www.cheltenham.gov.uk", "http://www.cheltenham.gov.uk"),       # not known to serve https
    ("http://evilpolice.uk/", "http://evilpolice.uk/"),
    ("http://police.uk.evil.example/", "http://police.uk.evil.example/"),
])
def test_police_uk_links_are_made_clickable(url, shown):
    assert words.clickable(url) == shown


def status(whole=(), partial=()):
    return MonthStatus({"f": set(whole)} if whole else {}, {"f": set(partial)} if partial else {})


def test_the_dock_choice_is_kept_when_the_force_holds_it_whole():
    held = months("2025-12", 24)
    choice = choose_period(status(held), "f", "2025-06", 3, SAME_PERIOD_LAST_YEAR)
    assert (choice.period, choice.baseline_kind, choice.as_asked) == (Period("2025-06", 3), SAME_PERIOD_LAST_YEAR,
                                                                      True)
    assert choice_note(choice, "F", Period("2025-06", 3), SAME_PERIOD_LAST_YEAR) == ""


def test_a_choice_the_force_lacks_moves_to_the_latest_whole_months():
    held = months("2025-12", 24)
    choice = choose_period(status(held), "f", "2026-03", 3, SAME_PERIOD_LAST_YEAR)
    assert (choice.period, choice.baseline_kind, choice.as_asked) == (Period("2025-12", 3), SAME_PERIOD_LAST_YEAR,
                                                                      False)
    note = choice_note(choice, "City of London Police", Period("2026-03", 3), SAME_PERIOD_LAST_YEAR)
    assert "latest 3 months" in note and "City of London Police" in note and "Jan–Mar 2026" in note


def test_without_a_year_of_data_the_previous_period_is_the_baseline():
    held = months("2021-05", 9)            # September 2020 to May 2021, as the Cheltenham answers
    choice = choose_period(status(held), "f", "2021-05", 3, SAME_PERIOD_LAST_YEAR)
    assert (choice.period, choice.baseline_kind) == (Period("2021-05", 3), PREVIOUS_PERIOD)


def test_partial_months_are_never_chosen():
    held = [m for m in months("2025-12", 24) if m != "2025-11"]
    choice = choose_period(status(held, ["2025-11"]), "f", "2025-12", 3, SAME_PERIOD_LAST_YEAR)
    assert not {"2025-11"} & set(choice.period.months + choice.period.baseline(choice.baseline_kind).months)
    assert choice.period.end == "2025-10" and choice.baseline_kind == SAME_PERIOD_LAST_YEAR


def test_no_choice_when_the_force_has_too_few_whole_months():
    assert choose_period(status(months("2025-12", 4)), "f", "2025-12", 3, SAME_PERIOD_LAST_YEAR) is None
    assert choose_period(status(), "f", "", 3) is None


def test_the_trend_starts_at_the_forces_first_month():
    held = months("2021-05", 9)
    assert trend_window(status(held), "f", Period("2021-05", 3)) == held
    assert trend_window(status(months("2025-12", 36)), "f", Period("2025-12", 3)) == months("2025-12", 24)


# -- districts -------------------------------------------------------------------------------------------
def shared_force_of_lsoa() -> dict:
    """LSOA code (2021 and 2011) -> police.uk slug, from the shared ONS-derived lookups."""
    lookups = shared_data() / "population" / "lookups"
    out = {}
    for name, code in (("lsoa11_to_pfa_derived.csv", "lsoa11cd"), ("lsoa21_to_lad_to_pfa_derived.csv", "lsoa21cd")):
        with open(lookups / name, newline="") as fh:
            out.update({r[code]: r["police_uk_slug"] for r in csv.DictReader(fh)})
    return out


def bh(p: list) -> list:
    """Benjamini–Hochberg q-values, written out plainly."""
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        q[i] = running
    return q


def csv_districts(folder, force_name: str, slug: str, category: str, now_months, before_months) -> dict:
    """district -> [crimes now, crimes before] from the CSV files with pandas: the force's rows ("Falls
    within"), grouped by the LSOA name without its " 001A"; a district is the force's when most of its
    rows' LSOA codes are the force's in the shared lookups (2011 and 2021 codes)."""
    frame = pd.concat([pd.read_csv(f, dtype=str) for f in street_files(folder)], ignore_index=True)
    frame = frame[(frame["Falls within"] == force_name) & frame["LSOA name"].notna()]
    if category != "all-crime":
        frame = frame[frame["Crime type"] == {"burglary": "Burglary"}[category]]
    frame = frame.assign(district=frame["LSOA name"].str.replace(r" [0-9]{3}[A-Z]$", "", regex=True))
    force_of = shared_force_of_lsoa()
    share = frame["LSOA code"].map(force_of).eq(slug).groupby(frame["district"]).mean()
    own = frame[frame["district"].isin(share[share > 0.5].index)]
    out = {}
    for district, rows in own.groupby("district"):
        out[district] = [int(rows["Month"].isin(now_months).sum()), int(rows["Month"].isin(before_months).sum())]
    return {d: c for d, c in out.items() if sum(c)}


@pytest.fixture(scope="module")
def kent_store(tmp_path_factory):
    """Kent's five real months, October 2018 to February 2019 (LSOA 2011 codes and names)."""
    path = tmp_path_factory.mktemp("kent") / "kent.gpkg"
    report = import_path(shared_data() / "police_uk" / "kent-2018-10_2019-02", path)
    assert report.rows_imported == 75735 and not report.rows_rejected
    return path


@pytest.mark.parametrize("category", ["all-crime", "burglary"])
def test_district_counts_are_the_sum_of_their_lsoas(kent_store, category):
    """Kent, February 2019 against January 2019, by local authority district: from the CSV files and the
    shared lookups, not from the store or the bundled table. Shepway (Folkestone and Hythe since 2018)
    keeps the name the files give it; the handful of crimes Kent placed in neighbouring forces' districts
    (Bexley, Bromley…) are not listed."""
    expected = csv_districts(shared_data() / "police_uk" / "kent-2018-10_2019-02", "Kent Police", "kent", category,
                             ["2019-02"], ["2019-01"])
    assert len(expected) == 13 and "Shepway" in expected and "Bexley" not in expected
    with open_store(kent_store, create=False) as store:
        changes = {a.name: a for a in district_changes(store, "kent", category, Period("2019-02", 1),
                                                       PREVIOUS_PERIOD)}
    names = sorted(expected)
    assert sorted(changes) == names
    p = [binomtest(expected[d][0], sum(expected[d]), 0.5).pvalue if expected[d][0] != expected[d][1] else 1.0
         for d in names]
    for district, q in zip(names, bh(p)):
        a = changes[district]
        now, before = expected[district]
        assert (a.current, a.baseline, a.complete) == (now, before, True), district
        assert a.change_pct == pytest.approx((now - before) / before * 100), district
        assert a.significant == (q < 0.05), district


def test_districts_follow_the_forces_completeness(kent_store):
    """December 2018 is a partial submission for Kent: a period holding it has no district counts."""
    with open_store(kent_store, create=False) as store:
        changes = district_changes(store, "kent", "all-crime", Period("2018-12", 1), PREVIOUS_PERIOD)
    assert len(changes) == 13 and not any(a.complete or a.significant for a in changes)
    assert all(a.current is None and a.baseline is None and a.change_pct is None for a in changes)


def test_a_force_without_neighbourhoods_lists_its_districts(sample_store, kent_store):
    """City of London (one district, the City) and Kent: rises and falls by district name, never an LSOA
    code or name; the counts are the CSV files' (grouped with pandas)."""
    with open_store(kent_store, create=False) as store:
        brief = briefings(store, "kent", None, "all-crime", Period("2019-02", 1), PREVIOUS_PERIOD,
                          datetime(2019, 3, 15))[0]
    assert brief.rises_of == DISTRICTS and brief.rises and len(brief.falls) == 3
    expected = csv_districts(shared_data() / "police_uk" / "kent-2018-10_2019-02", "Kent Police", "kent",
                             "all-crime", ["2019-02"], ["2019-01"])
    rises = sorted((d for d, (a, b) in expected.items() if a > b), key=lambda d: (expected[d][1] - expected[d][0], d))
    falls = sorted((d for d, (a, b) in expected.items() if a < b), key=lambda d: (expected[d][0] - expected[d][1], d))
    assert [line.split(":")[0] for line in brief.rises] == rises[:5]
    assert [line.split(":")[0] for line in brief.falls] == falls[:3]
    for line in brief.rises + brief.falls:
        district = line.split(":")[0]
        now, before = expected[district]
        assert line.startswith(f"{district}: {now:,}, {'up' if now > before else 'down'} from {before:,} ("), line
        assert not re.search(r"\d{3}[A-Z]\b|E0[12]\d{6}", line), line
    with open_store(sample_store, create=False) as store:
        city = briefings(store, "city-of-london", None, "all-crime", Period("2025-12", 3), SAME_PERIOD_LAST_YEAR,
                         datetime(2026, 1, 15))[0]
    expected = csv_districts(city_of_london_street(), "City of London Police", "city-of-london", "all-crime",
                             months("2025-12", 3), months("2024-12", 3))
    assert list(expected) == ["City of London"]
    now, before = expected["City of London"]
    beyond = binomtest(now, now + before, 0.5).pvalue < 0.05       # one district: its q is its p
    assert city.rises_of == DISTRICTS and city.rises + city.falls == [
        f"City of London: {now:,}, {'up' if now > before else 'down'} from {before:,} "
        f"({words.signed_pct((now - before) / before * 100)})" + (" — beyond chance" if beyond else "")]


def test_district_names_come_from_lsoa_names():
    assert district_name("East Lindsey 017A") == "East Lindsey"
    assert district_name("Tonbridge and Malling 012C") == "Tonbridge and Malling"
    assert district_name(" City of London 001F ") == "City of London"
    assert district_name("") == district_name(None) == ""


def test_forces_without_residents_or_wards_say_so(sample_store):
    """British Transport Police has no residents and no districts of its own; Northern Ireland's residents are NISRA's
    Census 2021 count; neither lists places."""
    with open_store(sample_store, create=False) as store:
        btp = briefings(store, "btp", None, "all-crime", Period("2025-12", 3), SAME_PERIOD_LAST_YEAR,
                        datetime(2026, 1, 15))[0]
        ni = briefings(store, "northern-ireland", None, "all-crime", Period("2025-12", 3), SAME_PERIOD_LAST_YEAR,
                       datetime(2026, 1, 15))[0]
    assert btp.rate == "British Transport Police polices the railways and has no residents: no rate per resident"
    assert btp.rises_of == "" and btp.rises == [] and btp.falls == []
    assert ni.rises_of == "" and ni.headline[0].population == 1_903_175     # NISRA, Census 2021 (MS-A01)
    assert ni.summary == ("All crime: no data for October–December 2024 and October–December 2025, so not "
                          "compared")

"""The briefing's words and choices: signs written alike, the headline sentence in every case, the rate
with its population (checked against the shared ONS and police.uk files), links made clickable, the
period a panel briefing chooses, the trend's months, and wards summed from LSOAs (against the CSV files
and the shared ward lookup, with an exact test and Benjamini–Hochberg written here)."""

import csv
import re
from collections import Counter
from datetime import datetime

import pytest
from scipy.stats import binomtest

from crimemap_plugin.core import briefing_text as words
from crimemap_plugin.core.briefing import WARDS, briefings, choice_note, choose_period, trend_window
from crimemap_plugin.core.coverage import MonthStatus
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


# -- wards ------------------------------------------------------------------------------------------------
def shared_ward_of() -> dict:
    with open(shared_data() / "population" / "lsoa_to_ward_techinesis.csv", newline="") as fh:
        return {r["lsoa_code"]: r["ward_code"] for r in csv.DictReader(fh) if r["ward_code"]}


def shared_force_of_lsoa() -> dict:
    with open(shared_data() / "population" / "lookups" / "lsoa21_to_lad_to_pfa_derived.csv", newline="") as fh:
        return {r["lsoa21cd"]: r["police_uk_slug"] for r in csv.DictReader(fh)}


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


def test_ward_counts_are_the_sum_of_their_lsoas(sample_store):
    """City of London, all crime, Oct–Dec 2025 against Oct–Dec 2024, by ward: from the CSV files'
    LSOA codes and the shared lookups, not from the store or the bundled table."""
    from crimemap_plugin.core.compare import LSOA, compare
    from crimemap_plugin.core.wards import lsoa_wards, ward_changes
    ward_of, force_of = shared_ward_of(), shared_force_of_lsoa()
    now, before = Counter(), Counter()
    now_months, before_months = months("2025-12", 3), months("2024-12", 3)
    for path in street_files(city_of_london_street()):
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for r in csv.DictReader(fh):
                lsoa = r["LSOA code"]
                if force_of.get(lsoa) != "city-of-london" or lsoa not in ward_of:
                    continue
                if r["Month"] in now_months:
                    now[ward_of[lsoa]] += 1
                elif r["Month"] in before_months:
                    before[ward_of[lsoa]] += 1
    with open_store(sample_store, create=False) as store:
        records = compare(store, LSOA, "all-crime", Period("2025-12", 3)).records()
    changes = {a.code: a for a in ward_changes(records, "city-of-london")}
    wards = sorted(set(now) | set(before))
    assert len(wards) >= 4 and sorted(changes) == wards
    p = [binomtest(now[w], now[w] + before[w], 0.5).pvalue if now[w] + before[w] else 1.0 for w in wards]
    for w, q in zip(wards, bh(p)):
        a = changes[w]
        assert (a.current, a.baseline, a.complete) == (now[w], before[w], True), w
        assert a.significant == (q < 0.05), w
        named = {ward: name for ward, name in lsoa_wards().values() if name}
        assert a.name == named.get(w, f"ward {w} in City of London"), a.name
        assert not re.search(r"\d{3}[A-Z]\b", a.name), "never an LSOA name"


def test_a_force_without_neighbourhoods_lists_its_wards(sample_store):
    with open_store(sample_store, create=False) as store:
        brief = briefings(store, "city-of-london", None, "all-crime", Period("2025-12", 3), SAME_PERIOD_LAST_YEAR,
                          datetime(2026, 1, 15))[0]
    assert brief.rises_of == WARDS and brief.rises and len(brief.rises) <= 5
    for line in brief.rises + brief.falls:
        assert not re.search(r"\d{3}[A-Z]\b", line), line
        assert re.search(r": [\d,]+, (up|down) from [\d,]+ \([+\u2212]\d[\d,]*%\)", line), line


def test_forces_without_residents_or_wards_say_so(sample_store):
    """British Transport Police has no residents and no wards; Northern Ireland's residents are NISRA's
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

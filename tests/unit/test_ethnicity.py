"""The bundled Census 2021 population by broad ethnic group per force, against the shared TS021
table and lookup summed here with the csv module, and against the published totals."""

import csv
import importlib.util
from collections import Counter, defaultdict

from crimemap_plugin.core import ethnicity, forces
from crimemap_plugin.core.population import force_population
from tests.shared_data import REPO, shared_data

ETHNICITY = shared_data() / "population" / "ethnicity"
TS021 = ETHNICITY / "census2021-ts021-ltla-20cat.csv"
LOOKUP = ETHNICITY / "lad21_csp21_pfa21_lookup.csv"
# The data README: Census 2021 usual residents of England and Wales by broad group.
PUBLISHED = {"asian": 5_515_455, "black": 2_409_283, "mixed": 1_717_977, "white": 48_699_231, "other": 1_255_632}
GROUP_OF_CODE = {**dict.fromkeys(range(1, 6), "asian"), **dict.fromkeys(range(6, 9), "black"),
                 **dict.fromkeys(range(9, 13), "mixed"), **dict.fromkeys(range(13, 18), "white"),
                 18: "other", 19: "other"}


def _independent():
    """slug -> Counter of broad groups, from TS021 by LAD (codes by number) and the LAD -> PFA lookup."""
    with open(shared_data() / "population" / "lookups" / "pfa_code_to_police_uk_slug_derived.csv",
              newline="", encoding="utf-8-sig") as fh:
        slug = {r["pfa_code"]: r["police_uk_slug"] for r in csv.DictReader(fh)}
    pfa_of = defaultdict(set)
    with open(LOOKUP, newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            pfa_of[r["LAD21CD"]].add(r["PFA21CD"])
    assert all(len(p) == 1 for p in pfa_of.values())     # no LAD in two forces
    out = defaultdict(Counter)
    with open(TS021, newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            code = int(r["Ethnic group (20 categories) Code"])
            if code == -8:
                assert int(r["Observation"]) == 0
                continue
            (pfa,) = pfa_of[r["Lower Tier Local Authorities Code"]]
            out[slug[pfa]][GROUP_OF_CODE[code]] += int(r["Observation"])
    return out


def test_codes_of_each_group_by_name():
    with open(TS021, newline="", encoding="utf-8-sig") as fh:
        names = {int(r["Ethnic group (20 categories) Code"]): r["Ethnic group (20 categories)"]
                 for r in csv.DictReader(fh)}
    starts = {"asian": "Asian, Asian British or Asian Welsh:", "black": "Black, Black British, Black Welsh",
              "mixed": "Mixed or Multiple ethnic groups:", "white": "White:", "other": "Other ethnic group:"}
    for code, group in GROUP_OF_CODE.items():
        assert names[code].startswith(starts[group]), (code, names[code])


def test_forces_sum_to_the_published_totals():
    table = ethnicity.force_ethnicity()
    assert set(table) == {f.slug for f in forces.territorial()}
    for g, total in PUBLISHED.items():
        assert sum(row[g] for row in table.values()) == total
    assert sum(row["total"] for row in table.values()) == 59_597_578
    for row in table.values():
        assert row["total"] == sum(row[g] for g in ethnicity.GROUPS)


def test_each_force_equals_the_independent_sum():
    expected = _independent()
    table = ethnicity.force_ethnicity()
    assert set(expected) == set(table)
    for slug, counts in expected.items():
        assert {g: table[slug][g] for g in ethnicity.GROUPS} == {g: counts[g] for g in ethnicity.GROUPS}, slug
    assert table["city-of-london"]["total"] == 8_584
    assert table["metropolitan"]["black"] == 1_188_137


def test_totals_agree_with_the_lsoa_based_populations():
    # Perturbed independently, TS021 and TS001 differ by a few dozen residents per force; only
    # Northamptonshire and Thames Valley differ more (an LSOA ONS best-fits across their border).
    table, lsoa_based = ethnicity.force_ethnicity(), force_population()
    far = {slug for slug, row in table.items() if abs(row["total"] - lsoa_based[slug]) > 60}
    assert far == {"northamptonshire", "thames-valley"}


def test_build_script_reproduces_the_bundled_table():
    spec = importlib.util.spec_from_file_location("build_ethnicity", REPO / "scripts" / "build_ethnicity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.build(str(TS021), str(LOOKUP))
    with open(ethnicity.TABLE, newline="", encoding="utf-8") as fh:
        bundled = [{k: (v if k in ("ons_code", "force") else int(v)) for k, v in r.items()} for r in csv.DictReader(fh)]
    assert rows == bundled

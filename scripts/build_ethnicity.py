"""Build the bundled Census 2021 population by broad ethnic group for every police force area.

Census 2021 TS021 (ethnic group, 20 categories) by lower-tier local authority, summed to police force
areas through the ONS LAD (2021) -> Community Safety Partnership -> police force area lookup, in the
five broad groups the Home Office publishes stop-and-search rates for (Asian, Black, Mixed, White,
Other). A LAD that spans several CSPs appears once per CSP in the lookup: it is counted once. Which
TS021 codes make up each broad group is read from the category names in the file itself ("Asian,
Asian British or Asian Welsh: Indian" is Asian), and the script stops if any code is left over or
the England and Wales totals differ from the published ones.

    python3 scripts/build_ethnicity.py ../shared/data/population/ethnicity/census2021-ts021-ltla-20cat.csv \\
        ../shared/data/population/ethnicity/lad21_csp21_pfa21_lookup.csv
"""

import csv
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crimemap_plugin.core import forces  # noqa: E402

TABLE = ROOT / "crimemap_plugin" / "resources" / "population" / "pfa_ethnicity_census2021.csv"
GROUPS = ("asian", "black", "mixed", "white", "other")

# TS021 high-level group names (the text before ":" in a 20-category name) -> broad group
_HIGH_LEVEL = {
    "asian, asian british or asian welsh": "asian",
    "black, black british, black welsh, caribbean or african": "black",
    "mixed or multiple ethnic groups": "mixed",
    "white": "white",
    "other ethnic group": "other",
}
NOT_APPLICABLE = "-8"   # "Does not apply": no usual residents (0 everywhere)

# Census 2021 usual residents of England and Wales by broad group, as published from this table
EXPECTED_EW = {"asian": 5_515_455, "black": 2_409_283, "mixed": 1_717_977, "white": 48_699_231,
               "other": 1_255_632}


def broad_group(code: str, name: str) -> str:
    """The broad group of one TS021 20-category code, from its name."""
    high_level = name.split(":", 1)[0].strip().lower()
    if ":" not in name or high_level not in _HIGH_LEVEL:
        raise ValueError(f"TS021 code {code} {name!r} names no broad group")
    return _HIGH_LEVEL[high_level]


def read_lookup(path: str) -> Dict[str, str]:
    """LAD 2021 code -> police.uk slug of its force (each LAD once; refuses a LAD in two forces)."""
    lad_force: Dict[str, str] = {}
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            force = forces.BY_ONS_CODE.get(row["PFA21CD"])
            if force is None:
                raise SystemExit(f"{path}: unknown police force area {row['PFA21CD']} {row['PFA21NM']!r}")
            seen = lad_force.setdefault(row["LAD21CD"], force.slug)
            if seen != force.slug:
                raise SystemExit(f"{path}: LAD {row['LAD21CD']} lies in two forces ({seen}, {force.slug})")
    return lad_force


def read_ts021(path: str) -> Tuple[Dict[str, Dict[str, int]], Dict[str, str]]:
    """LAD code -> broad group -> usual residents, and the code -> broad group mapping used."""
    by_lad: Dict[str, Dict[str, int]] = defaultdict(lambda: dict.fromkeys(GROUPS, 0))
    code_group: Dict[str, str] = {}
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            code, name = row["Ethnic group (20 categories) Code"], row["Ethnic group (20 categories)"]
            count = int(row["Observation"])
            if code == NOT_APPLICABLE:
                if count:
                    raise SystemExit(f"{path}: 'Does not apply' is {count} in {row['Lower Tier Local Authorities']}")
                continue
            group = code_group.setdefault(code, broad_group(code, name))
            if broad_group(code, name) != group:
                raise SystemExit(f"{path}: code {code} has names of two broad groups")
            by_lad[row["Lower Tier Local Authorities Code"]][group] += count
    return dict(by_lad), code_group


def build(ts021_csv: str, lookup_csv: str) -> List[dict]:
    lad_force = read_lookup(lookup_csv)
    by_lad, code_group = read_ts021(ts021_csv)
    if set(by_lad) != set(lad_force):
        raise SystemExit(f"LADs differ between the files: {sorted(set(by_lad) ^ set(lad_force))[:5]}")
    if sorted(code_group, key=int) != [str(c) for c in range(1, 20)]:
        raise SystemExit(f"expected TS021 codes 1-19 besides -8, found {sorted(code_group, key=int)}")
    per_force: Dict[str, Dict[str, int]] = defaultdict(lambda: dict.fromkeys(GROUPS, 0))
    for lad, counts in by_lad.items():
        for group, n in counts.items():
            per_force[lad_force[lad]][group] += n
    missing = [f.slug for f in forces.territorial() if f.slug not in per_force]
    if missing:
        raise SystemExit(f"no local authority for force(s) {missing}")
    ew = {g: sum(c[g] for c in by_lad.values()) for g in GROUPS}
    if ew != EXPECTED_EW:
        raise SystemExit(f"England and Wales totals {ew} differ from the published {EXPECTED_EW}")
    rows = []
    for force in forces.territorial():
        counts = per_force[force.slug]
        rows.append({"ons_code": force.ons_code, "force": force.slug, **counts, "total": sum(counts.values())})
    for g in GROUPS:
        if sum(r[g] for r in rows) != ew[g]:
            raise SystemExit(f"forces do not sum to England and Wales for {g}")
    groups_text = ", ".join(f"{g}: {sorted((c for c, x in code_group.items() if x == g), key=int)}" for g in GROUPS)
    print(f"TS021 codes per broad group: {groups_text}")
    return rows


def write(rows: List[dict]) -> None:
    with open(TABLE, "w", newline="", encoding="utf-8") as fh:
        out = csv.DictWriter(fh, fieldnames=["ons_code", "force", *GROUPS, "total"], lineterminator="\n")
        out.writeheader()
        out.writerows(rows)
    total = sum(r["total"] for r in rows)
    print(f"{TABLE}: {len(rows)} forces, {total:,} usual residents")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    write(build(sys.argv[1], sys.argv[2]))

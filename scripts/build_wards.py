"""Build crimemap_plugin/resources/population/lsoa_ward_2025.csv: LSOA 2021 -> electoral ward (May 2025).

The source is an ONS-derived lookup (every LSOA 2021 assigned to the May 2025 ward its centre lies in,
from the ONS LSOA 2021 and ward May 2025 boundaries): `lsoa_code,ward_code`. It carries no ward names;
give ONS's ward names (any CSV with WD25CD and WD25NM columns, such as ONS's "Ward to Local Authority
District (May 2025) Lookup in the United Kingdom") with --names to add them. LSOAs the source leaves
without a ward (their centre falls outside every ward polygon, on the coast) are left out.

usage: python3 scripts/build_wards.py LOOKUP.csv [--names WARD_NAMES.csv]
"""

import argparse
import csv
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "crimemap_plugin" / "resources" / "population" / "lsoa_ward_2025.csv"
LSOA = re.compile(r"^[EW]01\d{6}$")
WARD = re.compile(r"^[EW]05\d{6}$")


def ward_names(path: Path) -> dict:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        fields = {f.upper(): f for f in reader.fieldnames or ()}
        code, name = fields.get("WD25CD"), fields.get("WD25NM")
        if not code or not name:
            raise SystemExit(f"{path}: no WD25CD and WD25NM columns")
        return {row[code].strip(): row[name].strip() for row in reader}


def build(lookup: Path, names: dict) -> list:
    rows = []
    with open(lookup, newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            lsoa, ward = row["lsoa_code"].strip(), (row["ward_code"] or "").strip()
            if not LSOA.match(lsoa):
                raise SystemExit(f"{lookup}: {lsoa!r} is not an LSOA code")
            if not ward:
                continue
            if not WARD.match(ward):
                raise SystemExit(f"{lookup}: {ward!r} ({lsoa}) is not a ward code")
            rows.append((lsoa, ward, names.get(ward, "")))
    if len({r[0] for r in rows}) != len(rows):
        raise SystemExit(f"{lookup}: an LSOA is listed twice")
    return sorted(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lookup", type=Path)
    parser.add_argument("--names", type=Path)
    args = parser.parse_args(argv)
    rows = build(args.lookup, ward_names(args.names) if args.names else {})
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["lsoa_code", "ward_code", "ward_name"])
        out.writerows(rows)
    named = sum(1 for r in rows if r[2])
    print(f"{OUT}: {len(rows)} LSOAs in {len({r[1] for r in rows})} wards ({named} LSOAs with a ward name)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Add the ONS population-weighted centroid (WGS84) of every LSOA 2021 to the bundled LSOA table.

Neighbourhood populations are the residents of the LSOAs whose centroid falls inside the
neighbourhood; the centroids come from ONS's LSOA (Dec 2021) population-weighted centroids V3.

    python3 scripts/build_population.py ../shared/data/population/centroids/lsoa21_pwc_v3_points.csv
"""

import csv
import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "crimemap_plugin" / "resources" / "population" / \
    "lsoa_population_census2021.csv"


def main(centroids_csv: str) -> None:
    with open(centroids_csv, newline="", encoding="utf-8") as fh:
        centroids = {r["lsoa21cd"]: (r["lon"], r["lat"]) for r in csv.DictReader(fh)}
    with open(TABLE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    missing = [r["lsoa_code"] for r in rows if r["lsoa_code"] not in centroids]
    if missing:
        sys.exit(f"{centroids_csv}: no centroid for {len(missing)} LSOAs, e.g. {missing[:3]}")
    with open(TABLE, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["lsoa_code", "lsoa_name", "force", "population", "centroid_lon", "centroid_lat"])
        for r in rows:
            out.writerow([r["lsoa_code"], r["lsoa_name"], r["force"], r["population"], *centroids[r["lsoa_code"]]])
    print(f"{TABLE}: {len(rows)} LSOAs with centroids")


if __name__ == "__main__":
    main(sys.argv[1])

"""Independent counts straight from police.uk CSV files, for checking the store.

Written apart from the import code on purpose: it uses the csv module, and maps names with the
published API lists in the shared data (forces and crime categories), not the plugin's tables.
"""

import csv
import json
from collections import Counter
from pathlib import Path

from .shared_data import shared_data


def _force_slugs() -> dict:
    with open(shared_data() / "api" / "forces_api_as_csv.csv", newline="", encoding="utf-8") as fh:
        slugs = {row["police_force_name"]: row["police_force_id"] for row in csv.DictReader(fh)}
    slugs["British Transport Police"] = "btp"
    return slugs


def _category_slugs() -> dict:
    with open(shared_data() / "api" / "crime-categories.json", encoding="utf-8") as fh:
        return {c["name"]: c["url"] for c in json.load(fh)}


def street_counts(files) -> Counter:
    """Counter of (force slug, month, category slug) over the given street CSV files."""
    forces, cats = _force_slugs(), _category_slugs()
    counts = Counter()
    for path in files:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                counts[(forces[row["Falls within"]], row["Month"], cats[row["Crime type"]])] += 1
    return counts


def without_location(files) -> int:
    n = 0
    for path in files:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                lon, lat = row["Longitude"].strip(), row["Latitude"].strip()
                if not lon or not lat or (float(lon) == 0 and float(lat) == 0):
                    n += 1
    return n


def street_files(folder) -> list:
    return sorted(Path(folder).rglob("*-street.csv"))


def months(end: str, length: int) -> list:
    """The `length` months ending with `end`, written out by hand (not with the plugin's periods)."""
    y, m = map(int, end.split("-"))
    n = y * 12 + m - 1
    return [f"{k // 12:04d}-{k % 12 + 1:02d}" for k in range(n - length + 1, n + 1)]


def total(counts, category: str, month_list, force: str = None) -> int:
    """Sum of a street_counts() Counter for a category (or all-crime), months and optionally a force."""
    return sum(n for (f, m, c), n in counts.items()
               if (force is None or f == force) and m in month_list and (category == "all-crime" or c == category))

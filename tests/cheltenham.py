"""Real crimes around St Marks (Cheltenham, Gloucestershire neighbourhood AA3), for neighbourhood tests.

The shared data holds nine months of real `crimes-street/all-crime` API answers for St Marks' centre
(2020-09 to 2021-05). They are written out here as police.uk street CSV files, the format the import
reads, with the category names from the published crime-categories list (not the plugin's tables).
"""

import csv
import json
from pathlib import Path

from osgeo import ogr

from .shared_data import shared_data

HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
          "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"]
FORCE_NAME = "Gloucestershire Constabulary"


def api_crimes() -> dict:
    """month -> the API's crime records."""
    folder = shared_data() / "api" / "crimes_street_cheltenham"
    out = {}
    for path in sorted(folder.glob("*.json")):
        out[path.stem.rsplit("_", 1)[1]] = json.loads(path.read_text())
    return out


def write_street_csvs(folder: Path) -> list:
    """One `<month>/<month>-gloucestershire-street.csv` per month; returns the files."""
    with open(shared_data() / "api" / "crime-categories.json", encoding="utf-8") as fh:
        names = {c["url"]: c["name"] for c in json.load(fh)}
    files = []
    for month, crimes in api_crimes().items():
        path = Path(folder) / month / f"{month}-gloucestershire-street.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(HEADER)
            for c in crimes:
                loc = c["location"]
                out.writerow([c.get("persistent_id") or "", c["month"], FORCE_NAME, FORCE_NAME, loc["longitude"],
                              loc["latitude"], loc["street"]["name"], "", "", names[c["category"]],
                              (c.get("outcome_status") or {}).get("category", ""), c.get("context") or ""])
        files.append(path)
    return files


def st_marks_polygon() -> ogr.Geometry:
    """St Marks' boundary from the real API answer, as an OGR polygon (lon, lat)."""
    points = json.loads((shared_data() / "api" / "gloucestershire_AA3_boundary.json").read_text())
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for p in points + points[:1]:
        ring.AddPoint_2D(float(p["longitude"]), float(p["latitude"]))
    polygon = ogr.Geometry(ogr.wkbPolygon)
    polygon.AddGeometry(ring)
    return polygon


def counts_inside(polygon: ogr.Geometry) -> dict:
    """(month, category) -> crimes inside the polygon, by GEOS, straight from the API answers."""
    out = {}
    for month, crimes in api_crimes().items():
        for c in crimes:
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(float(c["location"]["longitude"]), float(c["location"]["latitude"]))
            if polygon.Contains(point):
                out[(month, c["category"])] = out.get((month, c["category"]), 0) + 1
    return out


def census_population_inside(polygon: ogr.Geometry) -> int:
    """Census 2021 residents of the LSOAs whose ONS population-weighted centroid lies in the polygon,
    from the shared ONS files (not the plugin's bundled table)."""
    data = shared_data() / "population"
    with open(data / "census2021-ts001-lsoa.csv", newline="", encoding="utf-8") as fh:
        residents = {r["geography code"]: int(r["Residence type: Total; measures: Value"])
                     for r in csv.DictReader(fh)}
    total = 0
    with open(data / "centroids" / "lsoa21_pwc_v3_points.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(float(r["lon"]), float(r["lat"]))
            if polygon.Contains(point):
                total += residents[r["lsoa21cd"]]
    return total

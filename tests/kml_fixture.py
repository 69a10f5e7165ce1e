"""A police.uk-style neighbourhood KML zip for Gloucestershire, with the published anomalies.

Boundaries are those of the local fake police.uk (the real St Marks shape and its mosaic of copies).
St Marks gets a hole around its busiest crime location; the archive also holds a parent area
covering St Marks and its eight neighbours, a neighbourhood listed twice, another id with a copied
boundary, and hostile or broken entries.
"""

import zipfile
from collections import Counter

from osgeo import ogr

from .api_server import FakePoliceUk
from .cheltenham import api_crimes

KML = ('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
       '<Placemark><name>{name}</name>{geometry}</Placemark></Document></kml>')


def _coords(ring) -> str:
    ring = list(ring) + [ring[0]]
    return " ".join(f"{x:.9f},{y:.9f},0" for x, y in ring)


def polygon_kml(outer, holes=()) -> str:
    inner = "".join(f"<innerBoundaryIs><LinearRing><coordinates>{_coords(h)}</coordinates></LinearRing>"
                    "</innerBoundaryIs>" for h in holes)
    return (f"<Polygon><outerBoundaryIs><LinearRing><coordinates>{_coords(outer)}</coordinates></LinearRing>"
            f"</outerBoundaryIs>{inner}</Polygon>")


def boundaries() -> dict:
    fake = FakePoliceUk()
    return {n["id"]: (n["name"], [(float(p["longitude"]), float(p["latitude"])) for p in fake._boundary_for(i)])
            for i, n in enumerate(fake.listing)}


def ogr_polygon(outer, holes=()) -> ogr.Geometry:
    polygon = ogr.Geometry(ogr.wkbPolygon)
    for ring_points in [outer, *holes]:
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in list(ring_points) + [ring_points[0]]:
            ring.AddPoint_2D(x, y)
        polygon.AddGeometry(ring)
    return polygon


def st_marks_hole(outer) -> list:
    """A small square around St Marks' busiest crime location (inside St Marks)."""
    shape = ogr_polygon(outer)
    places = Counter()
    for crimes in api_crimes().values():
        for c in crimes:
            x, y = float(c["location"]["longitude"]), float(c["location"]["latitude"])
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(x, y)
            if shape.Contains(point):
                places[(x, y)] += 1
    (x, y), _ = places.most_common(1)[0]
    d = 0.0004
    hole = [(x - d, y - d), (x + d, y - d), (x + d, y + d), (x - d, y + d)]
    assert shape.Contains(ogr_polygon(hole)), "the hole must lie inside St Marks"
    return hole


def write_kml_zip(path, hostile: bool = True) -> dict:
    """Write the archive; returns what a test needs: the St Marks polygon with its hole (OGR), the
    ids expected in the store and the anomalies by id."""
    shapes = boundaries()
    name, outer = shapes["AA3"]
    hole = st_marks_hole(outer)
    xs = [x for _, ring in shapes.values() for x, _ in ring]
    ys = [y for _, ring in shapes.values() for _, y in ring]
    aa3_x = [x for x, _ in outer]
    aa3_y = [y for _, y in outer]
    w, h = max(aa3_x) - min(aa3_x), max(aa3_y) - min(aa3_y)
    parent = [(min(aa3_x) - w * 1.05, min(aa3_y) - h * 1.05), (max(aa3_x) + w * 1.05, min(aa3_y) - h * 1.05),
              (max(aa3_x) + w * 1.05, max(aa3_y) + h * 1.05), (min(aa3_x) - w * 1.05, max(aa3_y) + h * 1.05)]
    assert min(xs) < parent[0][0] and max(ys) > parent[2][1]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for nid, (label, ring) in shapes.items():
            holes = [hole] if nid == "AA3" else []
            z.writestr(f"gloucestershire/{nid}.kml", KML.format(name=label, geometry=polygon_kml(ring, holes)))
        z.writestr("gloucestershire/CHELT.kml", KML.format(name="Cheltenham", geometry=polygon_kml(parent)))
        first = next(iter(shapes))
        z.writestr("gloucestershire/ZZ9.kml", KML.format(name="Copy", geometry=polygon_kml(shapes[first][1])))
        z.writestr("wiltshire/W1.kml", KML.format(name="Another force", geometry=polygon_kml(outer)))
        if hostile:
            z.writestr("../evil.kml", KML.format(name="evil", geometry=polygon_kml(outer)))
            z.writestr("gloucestershire/BAD1.kml", '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaa">]>'
                                                   '<kml>&a;</kml>')
            z.writestr("gloucestershire/BAD2.kml", "<kml><Placemark><Polygon><outerBoundaryIs>")
            z.writestr("gloucestershire/BAD3.kml", KML.format(name="Far", geometry=polygon_kml(
                [(40.0, 10.0), (40.1, 10.0), (40.1, 10.1)])))
    return {"st_marks": ogr_polygon(outer, [hole]), "ids": set(shapes), "parent": "CHELT", "copy": ("ZZ9", first),
            "names": {nid: label for nid, (label, _) in shapes.items()}}

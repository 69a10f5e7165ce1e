"""Build resources/boundaries/police_force_areas.gpkg from the ONS Police Force Areas (Dec 2022, BUC).

Run with the system Python (GDAL bindings): /usr/bin/python3 scripts/build_boundaries.py <shapefile>
The result is committed; the plugin never needs the source at run time.
"""

import sys
from pathlib import Path

from osgeo import gdal, ogr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from crimemap_plugin.core import forces  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "crimemap_plugin/resources/boundaries/police_force_areas.gpkg"
ATTRIBUTION = ("Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
               "Contains OS data © Crown copyright and database right 2022.")


def main(shapefile: str) -> None:
    gdal.UseExceptions()
    src = ogr.Open(shapefile)
    layer = src.GetLayer(0)
    if OUT.exists():
        OUT.unlink()
    drv = ogr.GetDriverByName("GPKG")
    dst = drv.CreateDataSource(str(OUT))
    out = dst.CreateLayer("police_force_areas", layer.GetSpatialRef(), ogr.wkbMultiPolygon,
                          ["DESCRIPTION=Police force areas of England and Wales (ONS, December 2022, "
                           "ultra-generalised). " + ATTRIBUTION, "IDENTIFIER=Police force areas"])
    for name in ("ons_code", "ons_name", "force", "name"):
        out.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    count = 0
    for feat in layer:
        code = feat.GetField("PFA22CD")
        force = forces.BY_ONS_CODE[code]
        assert force.ons_name == feat.GetField("PFA22NM"), (code, feat.GetField("PFA22NM"))
        new = ogr.Feature(out.GetLayerDefn())
        new.SetField("ons_code", code)
        new.SetField("ons_name", feat.GetField("PFA22NM"))
        new.SetField("force", force.slug)
        new.SetField("name", force.name)
        new.SetGeometry(ogr.ForceToMultiPolygon(feat.GetGeometryRef()))
        out.CreateFeature(new)
        count += 1
    assert count == 43, count
    dst = None
    print(f"{OUT}: {count} force areas")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else
         "../shared/data/boundaries/ons-pfa-dec2022-buc/PFA_DEC_2022_EW_BUC_V2.shp")

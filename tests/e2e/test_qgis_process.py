"""qgis_process sees the provider and runs crimemap:importcrimes from the packaged plugin."""

import json
import os
import subprocess

from tests.independent import street_counts, street_files
from tests.shared_data import city_of_london_street

QGIS_PROCESS = "/usr/bin/qgis_process.bin"  # Debian's wrapper adds an option that breaks it


def _run(profiles, *args):
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(profiles), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True, text=True, timeout=300)


def test_qgis_process_lists_and_runs_importcrimes(deployed, tmp_path):
    profiles = deployed
    assert _run(profiles, "plugins", "enable", "crimemap_plugin").returncode == 0
    listing = _run(profiles, "list")
    assert "crimemap:importcrimes" in listing.stdout, listing.stderr[-2000:]
    store = tmp_path / "qp.gpkg"
    proc = _run(profiles, "--json", "run", "crimemap:importcrimes",
                f"--INPUT={city_of_london_street()}", f"--STORE={store}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout)["results"]
    assert results["ROWS_IMPORTED"] == sum(street_counts(street_files(city_of_london_street())).values())
    assert results["FORCE_MONTHS"] == 24 and results["ROWS_REJECTED"] == 0
    assert results["STORE"] == str(store)
    # Enum parameters by their text, and a briefing from the command line.
    out = tmp_path / "compare.gpkg"
    proc = _run(profiles, "--json", "run", "crimemap:compareperiods", f"--STORE={store}", "--LEVEL=force",
                "--BASELINE=previous_period", "--END_MONTH=2025-06", f"--OUTPUT={out}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    brief = tmp_path / "city.pdf"
    proc = _run(profiles, "--json", "run", "crimemap:briefingmap", f"--STORE={store}", "--FORCE=city-of-london",
                "--CATEGORY=burglary", f"--OUTPUT={brief}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)["results"]["PAGES"] == 1
    text = subprocess.run(["pdftotext", str(brief), "-"], capture_output=True, text=True, check=True).stdout
    assert "Burglary: October–December 2025 compared with October–December 2024" in text


def test_qgis_process_imports_into_postgis_and_compares_as_the_geopackage(deployed, tmp_path):
    """`qgis_process run crimemap:importcrimes -- INPUT=… STORE=postgresql://…` then compareperiods on that
    store: exactly the GeoPackage's numbers."""
    from osgeo import ogr

    from tests.stores import drop, new_store
    profiles = deployed
    assert _run(profiles, "plugins", "enable", "crimemap_plugin").returncode == 0
    pg = new_store("postgis", tmp_path, "qgis_process")
    gpkg = tmp_path / "same.gpkg"
    try:
        outputs = {}
        for name, store in (("pg", pg), ("gpkg", str(gpkg))):
            proc = _run(profiles, "--json", "run", "crimemap:importcrimes", "--", f"INPUT={city_of_london_street()}",
                        f"STORE={store}")
            assert proc.returncode == 0, proc.stderr[-2000:]
            assert json.loads(proc.stdout)["results"]["ROWS_IMPORTED"] == 18867
            out = tmp_path / f"compare-{name}.gpkg"
            proc = _run(profiles, "--json", "run", "crimemap:compareperiods", "--", f"STORE={store}",
                        "LEVEL=force", "CATEGORY=burglary", "END_MONTH=2025-09", "MONTHS=3",
                        "BASELINE=same_period_last_year", f"OUTPUT={out}")
            assert proc.returncode == 0, proc.stderr[-2000:]
            ds = ogr.Open(str(out))
            layer = ds.GetLayer(0)
            outputs[name] = sorted(tuple(f.GetField(k) for k in ("area_code", "current", "baseline", "change",
                                                                  "p_value", "q_value", "complete"))
                                   for f in layer)
            ds = None
        assert outputs["pg"] == outputs["gpkg"]
        city = next(r for r in outputs["pg"] if r[0] == "E23000034")
        expected = sum(n for (f, m, c), n in street_counts(street_files(city_of_london_street())).items()
                       if c == "burglary" and m in ("2025-07", "2025-08", "2025-09"))
        assert city[1] == expected
    finally:
        drop(pg)

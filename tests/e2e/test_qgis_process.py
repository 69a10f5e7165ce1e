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

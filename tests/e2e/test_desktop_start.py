"""The real QGIS desktop (1280×800, Xvfb) starts with the plugin on a real national store and on broken
stores: the plugin is active with its dock every time, the national store lists BTP and PSNI with
their counts, and a broken store is explained in the dock, never as a failed plugin or an error dialog."""

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from crimemap_plugin.core.importer import import_path
from tests.e2e.conftest import xvfb_run
from tests.independent import street_counts, street_files
from tests.shared_data import shared_data

REPO = Path(__file__).resolve().parents[2]
FOLDERS = ("national-2018-12", "kent-2018-10_2019-02", "btp-2018-10_2019-02")


def start_desktop(profiles, store, out, tmp_path) -> dict:
    env = dict(os.environ, CRIMEMAP_E2E_OUT=str(out), CRIMEMAP_STORE=str(store), HOME=str(tmp_path / "home"))
    env.pop("QT_QPA_PLATFORM", None)
    cmd = xvfb_run() + ["qgis", "--profiles-path", str(profiles),
           "--profile", "default", "--nologo", "--noversioncheck",
           "--code", str(REPO / "tests" / "e2e" / "desktop_start_check.py")]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
    assert out.exists(), f"QGIS wrote no result (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
    result = json.loads(out.read_text())
    assert "error" not in result, result.get("error")
    keep = REPO / "build" / "screenshots"
    keep.mkdir(parents=True, exist_ok=True)
    shot = out.with_suffix(".png")
    assert shot.exists() and shot.stat().st_size > 20_000
    shutil.copy(shot, keep / f"desktop-start-{out.stem}.png")
    return result


def test_desktop_on_a_national_store_lists_btp_and_psni(profiles, tmp_path):
    store = tmp_path / "national.gpkg"
    for name in FOLDERS:
        import_path(shared_data() / "police_uk" / name, store)
    result = start_desktop(profiles, store, tmp_path / "national.json", tmp_path)
    assert result["active"] and result["dock"] and result["still_active"] and result["dock_visible"]
    counts = street_counts(sorted({f.name: f for n in FOLDERS
                                   for f in street_files(shared_data() / "police_uk" / n)}.values()))

    def total(force, month):
        return sum(n for (f, m, _), n in counts.items() if f == force and m == month)

    rows = result["rows"]
    assert len(rows) == 45
    def cells(code):
        return [rows[code]["current"], rows[code]["baseline"]]
    assert cells("btp") == [str(total("btp", "2019-01")), str(total("btp", "2018-12"))]
    # PSNI has only December 2018: the month before, no data for January.
    assert cells("northern-ireland") == ["no data", str(total("northern-ireland", "2018-12"))]
    assert cells("E23000032") == [str(total("kent", "2019-01")), "partial data"]
    # Rows with data come first, whatever the sort; the most important columns first.
    assert list(rows[next(iter(rows))])[:4] == ["area", "current", "change_pct", "beyond"]
    assert "British Transport" in result["title"] and "not on the map" in result["title"]
    assert result["dialogs"] == []


@pytest.mark.parametrize("kind", ["garbage", "sqlite-not-geopackage"])
def test_desktop_on_a_broken_store_keeps_the_plugin(profiles, tmp_path, kind):
    store = tmp_path / "broken.gpkg"
    if kind == "garbage":
        store.write_bytes(b"this is not a database\n" * 500)
    else:
        with sqlite3.connect(store) as conn:
            conn.execute("CREATE TABLE notes (text TEXT)")
    before = store.read_bytes()
    result = start_desktop(profiles, store, tmp_path / f"broken-{kind}.json", tmp_path)
    assert result["active"] and result["dock"] and result["still_active"] and result["dock_visible"]
    assert "cannot be read" in result["summary"] and "broken.gpkg" in result["summary"]
    assert any("cannot be read" in item for item in result["bar"])
    assert result["dialogs"] == []
    assert store.read_bytes() == before   # nothing written into it


def test_desktop_on_a_postgis_team_store(profiles, tmp_path):
    from tests.stores import drop, new_store
    store = new_store("postgis", tmp_path, "desktop")
    try:
        for name in FOLDERS:
            import_path(shared_data() / "police_uk" / name, store)
        result = start_desktop(profiles, store, tmp_path / "postgis.json", tmp_path)
        assert result["active"] and result["dock"] and result["dock_visible"] and result["dialogs"] == []
        assert "429,326</b> crimes" in result["summary"]
        rows = result["rows"]
        assert len(rows) == 45 and rows["E23000032"]["baseline"] == "partial data"
        assert rows["btp"]["current"].isdigit()
    finally:
        drop(store)

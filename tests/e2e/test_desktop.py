"""End to end: the packaged plugin in the real QGIS desktop under Xvfb."""

import json
import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_plugin_loads_unloads_and_reloads_in_qgis_desktop(tmp_path, profiles):
    out = tmp_path / "e2e.json"
    env = dict(os.environ, CRIMEMAP_E2E_OUT=str(out), CRIMEMAP_STORE=str(tmp_path / "store.gpkg"),
               HOME=str(tmp_path / "home"))
    env.pop("QT_QPA_PLATFORM", None)
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", "qgis", "--profiles-path", str(profiles),
           "--profile", "default", "--nologo", "--noversioncheck",
           "--code", str(REPO / "tests" / "e2e" / "desktop_check.py")]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert out.exists(), f"QGIS wrote no result (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
    result = json.loads(out.read_text())
    assert "error" not in result, result.get("error")
    steps = {s["label"]: s for s in result["steps"]}
    loaded, shown, unloaded, reloaded = (steps[k] for k in ("loaded", "dock shown", "unloaded", "reloaded"))
    for state in (loaded, reloaded):
        assert state["active"] and state["provider"] and state["import_algorithm"]
        assert "CrimeMapDock" in state["objects"]
    assert "Police force areas" in shown["layers"]
    assert not unloaded["active"]
    assert not unloaded["provider"]
    assert unloaded["objects"] == []
    shot = out.with_suffix(".png")
    assert shot.exists() and shot.stat().st_size > 20_000
    keep = REPO / "build" / "screenshots"
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, keep / "e2e-desktop.png")

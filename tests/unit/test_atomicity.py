"""Atomic per force-month: cancel and kill -9 leave only whole force-months, and a clean GeoPackage."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.store import open_store
from tests.independent import street_counts, street_files
from tests.shared_data import city_of_london_street
from tests.unit.conftest import store_counts

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FORCES = {"kent": b"Kent Police", "essex": b"Essex Police", "surrey": b"Surrey Police",
          "sussex": b"Sussex Police", "norfolk": b"Norfolk Constabulary"}


def many_forces(tmp_path):
    """The 24 real City of London months, re-labelled as five more forces: 144 force-month files."""
    folder = tmp_path / "many"
    folder.mkdir()
    files = []
    for f in street_files(city_of_london_street()):
        data = f.read_bytes()
        for slug, name in FORCES.items():
            target = folder / f.name.replace("city-of-london", slug)
            target.write_bytes(data.replace(b"City of London Police", name))
            files.append(target)
        files.append(folder / f.name)
        (folder / f.name).write_bytes(data)
    return folder, files


def assert_only_whole_units(store):
    """Every stored force-month has exactly its recorded rows, counts and index entries; no orphans."""
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with open_store(store) as opened:
        assert opened.integrity_ok()
        # A killed bulk import leaves a spatial index to rebuild: the store says so, and upgrade() does it.
        if opened.needs_upgrade():
            assert opened.upgrade() == ["spatial index rebuilt"]
        assert not opened.needs_upgrade() and opened.integrity_ok()
    with sqlite3.connect(store) as conn:
        units = conn.execute("SELECT force, month, import_id, rows FROM force_months WHERE kind='street'").fetchall()
        for force, month, import_id, n in units:
            assert conn.execute("SELECT COUNT(*) FROM crimes WHERE import_id=?", (import_id,)).fetchone()[0] == n
            counted = conn.execute("SELECT COALESCE(SUM(n),0) FROM crime_counts WHERE unit_force=? AND month=?",
                                   (force, month)).fetchone()[0]
            assert counted == n
        live = {u[2] for u in units}
        stored = {r[0] for r in conn.execute("SELECT DISTINCT import_id FROM crimes")}
        assert stored <= live, "rows of an unfinished or replaced force-month remain"
        located = conn.execute("SELECT COUNT(*) FROM crimes WHERE geom IS NOT NULL").fetchone()[0]
        assert conn.execute("SELECT COUNT(*) FROM rtree_crimes_geom").fetchone()[0] == located
        return len(units)


def test_cancel_keeps_finished_force_months_and_rolls_back_the_current_one(tmp_path):
    folder, files = many_forces(tmp_path)
    store = tmp_path / "cancel.gpkg"
    polls = {"n": 0}

    def cancelled():
        polls["n"] += 1
        return polls["n"] > 40

    report = import_path(folder, store, cancelled=cancelled)
    assert report.cancelled
    finished = assert_only_whole_units(store)
    assert 0 < finished < len(files)
    assert finished == len(report.units)
    # Finishing the import afterwards gives exactly the independent counts.
    report = import_path(folder, store)
    assert not report.cancelled
    assert assert_only_whole_units(store) == len(files)
    assert store_counts(store) == dict(street_counts(files))


def test_kill_9_leaves_whole_force_months(tmp_path):
    folder, files = many_forces(tmp_path)
    store = tmp_path / "killed.gpkg"
    script = ("import sys; sys.path.insert(0, sys.argv[1]);"
              "from crimemap_plugin.core.importer import import_path; import_path(sys.argv[2], sys.argv[3])")
    rng = random.Random(20091020)
    kills = 0
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", script, REPO, str(folder), str(store)])
        deadline = time.time() + 60
        # Wait until some force-months are stored, then kill at a random moment inside the run.
        while time.time() < deadline and proc.poll() is None:
            if store.exists():
                try:
                    with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=0.05) as conn:
                        if conn.execute("SELECT COUNT(*) FROM force_months").fetchone()[0] > 2:
                            break
                except sqlite3.Error:
                    pass
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.3))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        assert_only_whole_units(store)
    assert kills >= 1, "the import finished before it could be killed: make the input larger"
    report = import_path(folder, store)
    assert assert_only_whole_units(store) == len(files)
    assert store_counts(store) == dict(street_counts(files))
    assert report.rows_imported + sum(1 for f in report.files if f.status == "unchanged") > 0

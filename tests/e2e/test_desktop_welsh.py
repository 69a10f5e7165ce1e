"""The real QGIS desktop (1280×800, Xvfb) set to Welsh: the plugin's dock shows no English the Welsh
translation has words for and no English month, its title and tabs are Welsh, the force briefing it
makes is a Welsh page, and nothing raised a Python exception along the way."""

import configparser
import json
import os
import re
import shutil
import subprocess
import time
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

from crimemap_plugin.core.importer import import_path
from tests.e2e.conftest import xvfb_run
from tests.independent import street_counts, street_files
from tests.shared_data import city_of_london_street

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "crimemap_plugin" / "i18n" / "crimemap_cy.ts"
# Kept for a person to look at; the run writes its own in tmp_path (another QGIS's rings may run beside).
KEEP = REPO / "build" / "screenshots" / "desktop-welsh.png"
ENGLISH_MONTHS = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November"
                            r"|December)\b")
TRACEBACK = "Traceback (most recent call last)"


def messages() -> list:
    """(English, Welsh) of every message in the Welsh .ts file."""
    root = ET.parse(TS).getroot()
    return [(m.findtext("source"), m.find("translation").text or "") for m in root.iter("message")]


def translated_sources() -> set:
    """The English texts the Welsh .ts file translates into something else."""
    return {source for source, welsh in messages() if welsh.strip() not in ("", source)}


def runs(text: str) -> set:
    """Every run of four words in a text, cut at {placeholders}, %-arguments and new lines (a longer run
    holds one of four)."""
    found = set()
    for part in re.split(r"\{[^}]*\}|%\w+|\n", text):
        words = part.split()
        found |= {" ".join(words[i:i + 4]) for i in range(len(words) - 3)}
    return found


def english_runs() -> set:
    """Runs of four words of the translated English texts that no Welsh text has as well: what a page
    shows of a string left in English, whatever was put in its placeholders (a name the Welsh keeps,
    like "Crime Map for QGIS", is not English left)."""
    english = set().union(*(runs(source) for source in translated_sources()))
    return english - set().union(*(runs(welsh) for _source, welsh in messages()))


def set_welsh(profiles: Path) -> None:
    """QGIS's own Settings ▸ Options ▸ General ▸ Override system locale, set to Welsh, in the profile."""
    ini = profiles / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    config = configparser.RawConfigParser()
    config.optionxform = str
    config.read(ini)
    if not config.has_section("locale"):
        config.add_section("locale")
    config.set("locale", "overrideFlag", "true")
    config.set("locale", "userLocale", "cy_GB")
    with open(ini, "w") as fh:
        config.write(fh, space_around_delimiters=False)


def test_the_desktop_in_welsh(profiles, tmp_path):
    began = time.monotonic()
    set_welsh(profiles)
    store = tmp_path / "city.gpkg"
    import_path(city_of_london_street(), store)
    # The latest month of the data, from the CSV files themselves.
    end = max(month for _force, month, _category in street_counts(street_files(city_of_london_street())))
    out, pdf = tmp_path / "welsh.json", tmp_path / "briff.pdf"
    shot = tmp_path / "welsh.png"
    env = dict(os.environ, CRIMEMAP_E2E_OUT=str(out), CRIMEMAP_STORE=str(store), HOME=str(tmp_path / "home"),
               CRIMEMAP_E2E_SHOT=str(shot), CRIMEMAP_E2E_PDF=str(pdf), CRIMEMAP_E2E_END=end)
    env.pop("QT_QPA_PLATFORM", None)
    cmd = xvfb_run() + ["qgis", "--profiles-path", str(profiles),
           "--profile", "default", "--nologo", "--noversioncheck",
           "--code", str(REPO / "tests" / "e2e" / "desktop_welsh_check.py")]
    started = time.monotonic()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=150)
    print(f"store {started - began:.1f} s, QGIS {time.monotonic() - started:.1f} s")
    assert out.exists(), f"QGIS wrote no result (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
    result = json.loads(out.read_text())
    assert "error" not in result, result.get("error")
    assert result["active"] and result["dock"] and result["ready"]

    # (1) No English the translation has Welsh for, no English month, anywhere in the dock.
    sources = translated_sources()
    texts = result["texts"]
    assert len(texts) > 100   # labels, buttons, choices, tabs, the table's 45 rows…
    english = sorted({(where, text) for where, text in texts if text.strip() in sources})
    assert english == [], f"English left in the Welsh dock: {english}"
    months = sorted({(where, text) for where, text in texts if ENGLISH_MONTHS.search(text)})
    assert months == [], f"English months in the Welsh dock: {months}"

    # ... nor in the names of the layers and groups it added.
    tree = [text for name, labels in result["layer_tree"] for text in [name, *labels]]   # names, legend classes
    assert tree, "the plugin added no layers"
    english = sorted(name for name in tree if name.strip() in sources or ENGLISH_MONTHS.search(name)
                     or any(run in name for run in english_runs()))
    assert english == [], f"English in the Welsh Layers panel: {english}"

    # (2) Its title and tabs.
    assert result["title"] == "Map Troseddau"
    assert result["tabs"] == ["Cymharu", "Ble", "Canlyniadau", "Stopio a chwilio"]

    # (3) No Python exception: not in QGIS's Log Messages panel (all of it since start-up), not in
    # what was logged while the script ran, not on the message bar, no stack-trace dialog (or any other
    # dialog), not on the console.
    assert result["log_panel"], "QGIS's Log Messages panel was not found"
    assert any("crimemap_plugin" in text for text in result["log_panel"])   # it holds the start-up's log
    assert result["dialogs"] == []
    for name in ("log_panel", "log", "bar"):
        said = [text for text in result[name] if TRACEBACK in text or "Python error" in text]
        assert said == [], f"{name}: {said}"
    assert TRACEBACK not in proc.stderr, proc.stderr[-3000:]

    assert shot.exists() and shot.stat().st_size > 20_000
    KEEP.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, KEEP)

    # (4) The force briefing's page speaks Welsh.
    assert result["pdf_files"] == [str(pdf)] and pdf.exists()
    page = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page = " ".join(unicodedata.normalize("NFKC", page).split())   # "ﬁ" ligatures as "fi"; lines joined
    assert "briff troseddau" in page, page[:300]
    left = {run for run in english_runs() if run in page}
    sentences = [s for s in re.split(r"(?<=[.;:])\s+", page) if any(run in s for run in left)]
    assert not left, f"English left on the Welsh briefing, in: {sentences}"

"""English and Welsh: with QGIS set to Welsh the dock, the results and the panel speak Welsh; every
string marked for translation has its Welsh in the .ts file, compiled into the .qm the plugin loads."""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.core import QgsSettings

from crimemap_plugin import i18n
from tests.qgis.conftest import open_dock

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def welsh():
    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "cy_GB")
    i18n.uninstall()
    assert i18n.locale_name() == "cy" and i18n.install()
    yield
    i18n.uninstall()
    settings.remove("locale/overrideFlag")
    settings.remove("locale/userLocale")


def test_the_dock_in_welsh(welsh, qgis_iface, qtbot, sample_store, monkeypatch):
    monkeypatch.setenv("CRIMEMAP_STORE", str(sample_store))
    from crimemap_plugin import settings
    settings.DOCK_STATE.set_value("")
    dock = open_dock(qgis_iface, qtbot, ready=False)
    try:
        ui = dock.ui
        assert ui.areaLevelLabel.text() == "Ardaloedd" and ui.copyButton.text() == "Copïo"
        assert ui.areaLevelCombo.itemText(0) == "Heddluoedd"
        assert ui.categoryCombo.itemText(0) == "Pob trosedd" and ui.baselineCombo.itemText(0) == "Blwyddyn ynghynt"
        assert [ui.viewTabs.tabText(i) for i in range(ui.viewTabs.count())] == [
            "Cymharu", "Ble", "Canlyniadau", "Stopio a chwilio"]
        english = still_english(dock)
        assert english == [], f"English left in the Welsh dock: {english}"
        model = ui.resultsTable.model()
        assert model.headerData(0, 1) == "Ardal"   # Qt.Horizontal
        texts = {model.index(r, 1).data() for r in range(model.rowCount())}
        assert "dim data" in texts, "forces without data read 'dim data'"
        assert "trosedd" in ui.storeSummaryLabel.text()
    finally:
        dock.teardown()


def english_sources() -> set:
    """Every English text the .ts file gives a Welsh text that differs from it."""
    ts = ET.parse(REPO / "crimemap_plugin" / "i18n" / "crimemap_cy.ts").getroot()
    return {m.findtext("source") for m in ts.iter("message")
            if (m.find("translation").text or "").strip() not in ("", m.findtext("source"))}


def still_english(dock) -> list:
    """Texts of the dock's widgets (labels, buttons, choices, tabs, headers, tooltips, placeholders) that
    are an English source with a Welsh translation: a string shown untranslated."""
    from qgis.PyQt.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QTabWidget, QWidget
    sources = english_sources()
    shown = [dock.windowTitle()]
    for widget in dock.findChildren(QWidget):
        shown.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            shown.append(widget.text())
        if isinstance(widget, QGroupBox):
            shown.append(widget.title())
        if isinstance(widget, QLineEdit):
            shown.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            shown += [widget.itemText(i) for i in range(widget.count())]
            shown += [widget.itemData(i, 3) or "" for i in range(widget.count())]   # Qt.ToolTipRole
        if isinstance(widget, QTabWidget):
            shown += [widget.tabText(i) for i in range(widget.count())]
    model = dock.ui.resultsTable.model()
    shown += [model.headerData(c, 1) or "" for c in range(model.columnCount())]
    shown += [str(model.index(r, c).data() or "") for r in range(model.rowCount()) for c in range(model.columnCount())]
    import re

    from crimemap_plugin.core.periods import ENGLISH_MONTHS
    months = re.compile(r"\b(" + "|".join(ENGLISH_MONTHS) + r")\b")
    return sorted({text for text in shown
                   if isinstance(text, str) and (text.strip() in sources or months.search(text))})


def test_english_again_once_uninstalled(qgis_iface, qtbot):
    i18n.uninstall()
    assert i18n.tr("no data") == "no data"


def test_every_marked_string_has_its_welsh(welsh):
    sys.path.insert(0, str(REPO / "scripts"))
    from update_translations import collect
    found = {(context, text) for context, texts in collect().items() for text in texts}
    ts = ET.parse(REPO / "crimemap_plugin" / "i18n" / "crimemap_cy.ts").getroot()
    translated = {(c.findtext("name"), m.findtext("source")) for c in ts.iter("context") for m in c.iter("message")
                  if (m.find("translation").text or "").strip() and m.find("translation").get("type") != "unfinished"}
    assert found - translated == set(), "run `make translations` and translate the new strings"
    # The compiled .qm, loaded by the fixture, says what the .ts says (`make translations` rebuilds it).
    from qgis.PyQt.QtCore import QCoreApplication
    for context in ts.iter("context"):
        for message in context.iter("message"):
            assert QCoreApplication.translate(context.findtext("name"), message.findtext("source")) == \
                message.find("translation").text, message.findtext("source")


def english_fragments() -> set:
    """Runs of four or more words of the translated English sources (placeholders cut out): what a
    page would show if a string were left untranslated."""
    import re
    fragments = set()
    for source in english_sources():
        for part in re.split(r"\{[^}]*\}|%\w+|\n", source):
            words = part.split()
            if len(words) >= 4:
                fragments.add(" ".join(words))
    return fragments


def test_a_briefing_in_welsh(welsh, sample_store, tmp_path):
    """The force briefing's page in Welsh: its title, table, sentences and notes, no English left
    (place names and police.uk's own names aside)."""
    import subprocess
    import unicodedata

    from crimemap_plugin.layers.briefing import make_briefings
    from crimemap_plugin.layers.layout_items import export
    layout, _layers, _briefs = make_briefings(str(sample_store), "city-of-london", category="burglary",
                                              end="2025-12")
    out = tmp_path / "briff.pdf"
    export(layout, str(out))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    assert "briff troseddau" in text and "Hydref–Rhagfyr 2025" in text, text[:300]
    left = sorted(fragment for fragment in english_fragments() if fragment in text)
    assert left == [], f"English left on the Welsh briefing: {left}"


def test_processing_in_welsh(welsh):
    """Every algorithm's name, group and help in Welsh (English sources left: none)."""
    from crimemap_plugin.processing.provider import CrimeMapProvider
    provider = CrimeMapProvider()
    provider.loadAlgorithms()
    algorithms = provider.algorithms()
    assert len(algorithms) >= 14
    fragments = english_fragments()
    for algorithm in algorithms:
        english = type(algorithm)
        parts = english.HELP if isinstance(english.HELP, tuple) else (english.HELP,)
        assert algorithm.displayName() != english.DISPLAY_NAME, algorithm.name()
        assert algorithm.group() != english.GROUP, algorithm.name()
        assert algorithm.shortHelpString() != "".join(parts), algorithm.name()
        left = [f for f in fragments if f in algorithm.shortHelpString()]
        assert left == [], (algorithm.name(), left)

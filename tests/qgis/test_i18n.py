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
        assert ui.areaLevelCombo.itemText(0) == "Ardaloedd heddluoedd"
        assert ui.categoryCombo.itemText(0) == "Pob trosedd" and ui.baselineCombo.itemText(0) == \
            "Yr un cyfnod y llynedd"
        model = ui.resultsTable.model()
        assert model.headerData(0, 1) == "Ardal"   # Qt.Horizontal
        texts = {model.index(r, 1).data() for r in range(model.rowCount())}
        assert "dim data" in texts, "forces without data read 'dim data'"
        assert "trosedd" in ui.storeSummaryLabel.text()
    finally:
        dock.teardown()


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

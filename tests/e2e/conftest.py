"""End-to-end ring: the packaged zip in real QGIS programs (desktop under Xvfb, qgis_process)."""

import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def packaged_zip() -> Path:
    zips = sorted((REPO / "dist").glob("crimemap_plugin-*.zip"), key=lambda p: p.stat().st_mtime)
    assert zips, "run `make package` first (make test does)"
    return zips[-1]


@pytest.fixture()
def deployed(tmp_path):
    """A QGIS profiles folder with the packaged plugin unpacked into it (not yet enabled)."""
    root = tmp_path / "profiles-root"
    plugins = root / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(packaged_zip()) as archive:
        archive.extractall(plugins)
    return root


@pytest.fixture()
def profiles(deployed):
    """The same with the plugin enabled and start-up dialogs switched off, for the desktop."""
    sys.path.insert(0, str(REPO / "scripts"))
    from prepare_profile import prepare
    prepare(str(deployed))
    return deployed

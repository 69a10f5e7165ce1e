"""End-to-end ring: the packaged zip in real QGIS programs (desktop under Xvfb, qgis_process)."""

import os
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def xvfb_run() -> list:
    """The start of a command that runs a program on its own X server of 1280 x 800, a laptop's screen.
    CRIMEMAP_XVFB_FROM is the first display number tried: a Debian root's rings use another range than
    the host's, whose X servers share the network namespace (and so X's abstract sockets)."""
    return ["xvfb-run", "-a", "-n", os.environ.get("CRIMEMAP_XVFB_FROM", "99"), "-s", "-screen 0 1280x800x24"]


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

"""The street map behind a neighbourhood's briefing map: XYZ tiles (OpenStreetMap's by default, the
URL and on/off in the plugin's settings) drawn by QGIS itself, so proxies and authentication set in
QGIS apply, and attributed on the map.

Offline it falls back to a plain background, without an error and without a long wait: before the
tiles are drawn, one tile where the map is centred is asked for, with PROBE_SECONDS as the bound on
the whole answer (a refused connection answers at once; a silent server is given up at the bound).
What the look found is remembered for PROBE_MEMORY seconds per URL, so a batch of pages asks once.
"""

import math
import time
from dataclasses import dataclass
from typing import Dict, Optional, Tuple
from urllib.parse import quote, urlsplit

from qgis.core import QgsLayerMetadata, QgsRasterLayer

from .. import settings
from ..core.api import TransportError
from ..i18n import tr, tr_noop
from ..network import QgisTransport

PROBE_SECONDS = 4.0
PROBE_MEMORY = 300.0
PROBE_ZOOM = 15
MAX_ZOOM = 19
OSM_ATTRIBUTION = tr_noop("© OpenStreetMap contributors")
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF")

_looks: Dict[str, Tuple[float, str]] = {}     # url -> (when, "" when reachable, else why not)


@dataclass
class Basemap:
    """The street map for one map: the layer (None when not drawn) and what the map says about it."""
    layer: Optional[QgsRasterLayer]
    attribution: str          # printed on the map when the layer is drawn
    note: str                 # printed on the map when it is enabled but could not be drawn ("" otherwise)


def tile_of(lon: float, lat: float, zoom: int) -> Tuple[int, int]:
    """The XYZ (web Mercator) tile holding a point."""
    n = 2 ** zoom
    x = int((lon + 180.0) / 360.0 * n)
    lat_r = math.radians(max(min(lat, 85.0511), -85.0511))
    y = int((1.0 - math.asinh(math.tan(lat_r)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def tile_url(url: str, zoom: int, x: int, y: int) -> str:
    """The URL of one tile ({-y}: rows counted from the south, as TMS servers do)."""
    flipped = 2 ** zoom - 1 - y
    return url.replace("{z}", str(zoom)).replace("{x}", str(x)).replace("{-y}", str(flipped)).replace("{y}", str(y))


def xyz_uri(url: str) -> str:
    """The raster layer source of an XYZ tile URL (QGIS's "wms" provider, type xyz)."""
    return f"type=xyz&url={quote(url, safe=':/')}&zmax={MAX_ZOOM}&zmin=0"


def host(url: str) -> str:
    return (urlsplit(url).hostname or url).lower()


def attribution_for(url: str) -> str:
    """What the map says about its tiles: OpenStreetMap's own words for its tiles; for another tile
    server (almost all draw OpenStreetMap's data) the server's name as well."""
    if host(url) == "openstreetmap.org" or host(url).endswith(".openstreetmap.org"):
        return tr(OSM_ATTRIBUTION)
    return tr("Street map: {host}; map data {osm}").format(host=host(url), osm=tr(OSM_ATTRIBUTION))


def reachable(url: str, lon: float, lat: float, timeout: float = PROBE_SECONDS) -> str:
    """"" when the tile server answers with an image for the tile at (lon, lat), else why not, in words.
    Bounded by `timeout` seconds; remembered for PROBE_MEMORY seconds."""
    now = time.monotonic()
    seen = _looks.get(url)
    if seen is not None and now - seen[0] < PROBE_MEMORY:
        return seen[1]
    x, y = tile_of(lon, lat, PROBE_ZOOM)
    try:
        answer = QgisTransport().request("GET", tile_url(url, PROBE_ZOOM, x, y), timeout=timeout)
        if answer.status != 200:
            why = tr("{host} answered {status}").format(host=host(url), status=answer.status)
        elif not answer.body.startswith(IMAGE_MAGIC):
            why = tr("{host} did not send a map tile").format(host=host(url))
        else:
            why = ""
    except TransportError:
        why = tr("{host} could not be reached").format(host=host(url))
    _looks[url] = (time.monotonic(), why)
    return why


def forget_looks() -> None:
    """Look again next time (after the settings change, and in tests)."""
    _looks.clear()


def basemap(lon: float, lat: float) -> Basemap:
    """The street map for a map centred on (lon, lat), as the settings say: drawn, or not and why."""
    if not settings.BASEMAP_ENABLED.value():
        return Basemap(None, "", "")
    url = settings.BASEMAP_URL.value().strip()
    if "{z}" not in url or "{x}" not in url or not ("{y}" in url or "{-y}" in url):
        return Basemap(None, "", tr("Street map not drawn: its tile URL needs {z}, {x} and {y} (Options ▸ Crime "
                                    "Map)."))
    why = reachable(url, lon, lat)
    if why:
        return Basemap(None, "", tr("Street map not drawn: {why} (offline?).").format(why=why))
    layer = QgsRasterLayer(xyz_uri(url), tr("Street map"), "wms")
    if not layer.isValid():
        return Basemap(None, "", tr("Street map not drawn: QGIS could not open {host}'s tiles.").format(host=host(url)))
    metadata = QgsLayerMetadata()
    metadata.setTitle(tr("Street map"))
    metadata.setRights([attribution_for(url)])
    layer.setMetadata(metadata)
    return Basemap(layer, attribution_for(url), "")

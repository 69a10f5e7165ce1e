"""A local XYZ tile server on 127.0.0.1 for the briefing's street map: every /{z}/{x}/{y}.png is a
256 × 256 PNG of one colour, generated here (zlib and struct, no imaging library), so a test can find
that colour on an exported page. `silent` accepts connections and never answers (a server that hangs).
Bounded: it serves only while a test holds it."""

import re
import struct
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TILE = re.compile(r"^/(\d+)/(\d+)/(\d+)\.png$")


def solid_png(rgb, size: int = 256) -> bytes:
    """A PNG image of one colour (8-bit RGB, no interlace)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * size, 9))
            + chunk(b"IEND", b""))


class TileServer:
    def __init__(self, rgb=(255, 0, 255), silent: bool = False):
        self.png = solid_png(rgb)
        self.silent = silent
        self.hits = []
        self.stop = threading.Event()
        self.server = None

    @property
    def url(self) -> str:
        """The XYZ template QGIS's layer and the plugin's setting take."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/{{z}}/{{x}}/{{y}}.png"

    def __enter__(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                owner.hits.append(self.path)
                if owner.silent:
                    owner.stop.wait(60)
                    return
                if not TILE.match(self.path):
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(owner.png)))
                self.end_headers()
                self.wfile.write(owner.png)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()

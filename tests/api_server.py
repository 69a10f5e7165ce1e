"""A local HTTP server on 127.0.0.1 that answers like data.police.uk, from the real response shapes in
the shared data, with its rate limit (429 + Retry-After) and faults on request: 500s, slow answers,
malformed JSON, hostile HTML. Bounded: it serves only while a test holds it."""

import copy
import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from crimemap_plugin.core.api import PoliceApi, RateLimiter, Response, TransportError
from crimemap_plugin.core.neighbourhoods import import_force
from crimemap_plugin.core.store import open_store
from tests.shared_data import shared_data

HOSTILE_BIO = ('<p onclick="steal()">Sergeant <b>Smith</b></p><script>alert("x")</script>'
               '<img src="https://evil.example/track.gif"><iframe src="https://evil.example"></iframe>'
               '<a href="javascript:alert(1)">click</a> <a href="https://www.police.uk/">police.uk</a>')


class FakePoliceUk:
    def __init__(self, rate=15.0, burst=30, fail_every=0, slow=0.0, malformed=(), hostile=True, trickle=0.0,
                 silent=False, answers=None):
        api = shared_data() / "api"
        self.listing = json.loads((api / "gloucestershire_neighbourhoods.json").read_text())
        self.detail = json.loads((api / "gloucestershire_AA3_neighbourhood.json").read_text())
        self.boundary = json.loads((api / "gloucestershire_AA3_boundary.json").read_text())
        self.rate, self.burst = rate, burst
        self.tokens, self.last = float(burst), time.monotonic()
        self.fail_every = fail_every          # every n-th path fails once with 500 before answering
        self.failures = {}
        self.failed = 0
        self.slow = slow
        self.malformed = set(malformed)       # paths answered with broken JSON
        self.hostile = hostile
        self.trickle = trickle                # seconds between bytes of every answer (0: all at once)
        self.silent = silent                  # accept, read the request, never answer
        self.answers = dict(answers or {})    # path -> JSON body served instead of the usual answer
        self.stop = threading.Event()
        self.hits = 0
        self.rate_limited = 0
        self.lock = threading.Lock()
        self.server = None

    # -- answers ----------------------------------------------------------------------------------
    def _boundary_for(self, index: int):
        # The real AA3 shape where it is for AA3; the others are copies laid out in a mosaic around it
        # (8 by 7 cells one bounding box apart, so no two overlap).
        lon = [float(p["longitude"]) for p in self.boundary]
        lat = [float(p["latitude"]) for p in self.boundary]
        others = [n["id"] for n in self.listing if n["id"] != "AA3"]
        nid = self.listing[index]["id"]
        dx = dy = 0.0
        if nid != "AA3":
            cells = [(c, r) for r in range(-3, 4) for c in range(-4, 4) if (c, r) != (0, 0)]
            col, row = cells[others.index(nid)]
            dx, dy = col * (max(lon) - min(lon)), row * (max(lat) - min(lat))
        return [{"latitude": f"{float(p['latitude']) + dy:.9f}", "longitude": f"{float(p['longitude']) + dx:.9f}"}
                for p in self.boundary]

    def answer(self, path: str, query: dict):
        parts = [p for p in path.split("/") if p][1:]  # drop "api"
        ids = [n["id"] for n in self.listing]
        if parts == ["forces"]:
            return 200, [{"id": "gloucestershire", "name": "Gloucestershire Constabulary"}]
        if parts == ["gloucestershire", "neighbourhoods"]:
            return 200, self.listing
        if len(parts) >= 2 and parts[0] == "gloucestershire" and parts[1] in ids:
            index = ids.index(parts[1])
            if len(parts) == 2:
                detail = copy.deepcopy(self.detail)
                detail["id"], detail["name"] = parts[1], self.listing[index]["name"]
                if self.hostile:
                    detail["description"] = HOSTILE_BIO + "x" * 50_000
                return 200, detail
            if parts[2] == "boundary":
                return 200, self._boundary_for(index)
            if parts[2] == "people":
                return 200, [{"name": "PC Jane Doe", "rank": "Police Constable",
                              "bio": HOSTILE_BIO if self.hostile else "<p>Bio</p>",
                              "contact_details": {"email": "jane.doe@example.police.uk"}}]
            if parts[2] == "events":
                return 200, [{"title": "Street briefing", "description": "<p>Meet the team</p>",
                              "address": "St Marks Community Centre", "type": "meeting",
                              "start_date": "2030-05-01T18:00:00", "end_date": "2030-05-01T19:00:00"},
                             {"title": "Old surgery", "description": None, "address": "Library",
                              "type": "meeting", "start_date": "2019-01-01T10:00:00", "end_date": None}]
            if parts[2] == "priorities":
                return 200, [{"issue": "<p>Speeding on Tewkesbury Road</p>", "issue-date": "2024-03-01T00:00:00",
                              "action": "<p>Speed checks weekly</p>", "action-date": "2024-04-01T00:00:00"}]
        if parts == ["locate-neighbourhood"]:
            return 200, {"force": "gloucestershire", "neighbourhood": "AA3"}
        return 404, {"error": "not found"}

    # -- the server ---------------------------------------------------------------------------------
    def handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                url = urlparse(self.path)
                with fake.lock:
                    fake.hits += 1
                    now = time.monotonic()
                    fake.tokens = min(fake.burst, fake.tokens + (now - fake.last) * fake.rate)
                    fake.last = now
                    limited = fake.tokens < 1
                    if not limited:
                        fake.tokens -= 1
                    else:
                        fake.rate_limited += 1
                    if url.path not in fake.failures:
                        fake.failures[url.path] = bool(fake.fail_every) and len(fake.failures) % fake.fail_every == 0
                    failing = fake.failures[url.path] and not limited
                    if failing:
                        fake.failures[url.path] = False
                        fake.failed += 1
                if limited:
                    return self._send(429, b'{"error": "rate limited"}', {"Retry-After": "1"})
                if failing:
                    return self._send(500, b"Internal Server Error")
                if fake.silent:
                    fake.stop.wait(120)
                    return None
                if fake.slow:
                    time.sleep(fake.slow)
                if url.path in fake.answers:
                    return self._send(200, json.dumps(fake.answers[url.path]).encode())
                if url.path in fake.malformed:
                    return self._send(200, b'{"name": "broken"')
                status, body = fake.answer(url.path, parse_qs(url.query))
                self._send(status, json.dumps(body).encode())

            def _send(self, status, body, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not fake.trickle:
                    self.wfile.write(body)
                    return
                for i in range(len(body)):   # one byte at a time: the transfer never times out
                    if fake.stop.wait(fake.trickle):
                        return
                    try:
                        self.wfile.write(body[i:i + 1])
                        self.wfile.flush()
                    except OSError:
                        return

        return Handler

    def __enter__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"


class UrllibTransport:
    """A plain transport for the unit ring only (the plugin itself goes through QGIS)."""

    def request(self, method, url, data=None, timeout=30.0):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method), timeout=timeout) as r:
                return Response(r.status, r.read(), dict(r.headers))
        except urllib.error.HTTPError as exc:
            return Response(exc.code, exc.read(), dict(exc.headers))
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise TransportError(str(exc)) from exc


FAST = RateLimiter(rate=10_000, burst=10_000)  # politeness is tested in test_api; the other tests go fast


def imported_force(tmp_path, store_path=None):
    """A store (new, or the one given) holding Gloucestershire's 55 neighbourhoods from a
    well-behaved local police.uk."""
    store_path = store_path or tmp_path / "n.gpkg"
    with FakePoliceUk(rate=1000, burst=1000) as server:
        api = PoliceApi(UrllibTransport(), server.url, FAST, backoff=0.01)
        with open_store(store_path) as store:
            import_force(api, store, "gloucestershire")
    return store_path

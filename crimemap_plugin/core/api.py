"""The police.uk API: URLs, rate limit, retries and parsing. The transport is injected.

The plugin's transport goes through QGIS's network stack (proxies and authentication apply); tests use
a fake transport or a local HTTP server. Numbers and coordinates arrive as strings, priority keys are
hyphenated, HTML fields are untrusted (see sanitize.py), 404 means "no such thing" (None), 429 and 5xx
are retried politely, and a polygon with more than 10,000 crimes (503) is split and merged.
"""

import json
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Protocol, Tuple
from urllib.parse import quote, urlencode

DEFAULT_BASE = "https://data.police.uk/api/"
MAX_URL = 4000          # police.uk answers 400 above ~4,094 characters: longer polygons go by POST
RATE, BURST = 15.0, 30  # requests per second, burst


@dataclass
class Response:
    status: int
    body: bytes
    headers: Dict[str, str] = field(default_factory=dict)


class TransportError(Exception):
    """No answer at all (timeout, connection refused, DNS...)."""


class ApiError(Exception):
    """The API could not be used for this request, after retries; the message says why."""


class Transport(Protocol):
    def request(self, method: str, url: str, data: Optional[bytes] = None, timeout: float = 30.0) -> Response: ...


class RateLimiter:
    """Token bucket: at most `rate` requests a second on average, `burst` at once."""

    def __init__(self, rate: float = RATE, burst: int = BURST, clock=time.monotonic, sleep=time.sleep):
        self.rate, self.burst = rate, burst
        self.clock, self.sleep = clock, sleep
        self.tokens = float(burst)
        self.last = clock()

    def drain(self) -> None:
        """Start again from an empty bucket (after a 429)."""
        self.tokens = 0.0
        self.last = self.clock()

    def acquire(self) -> None:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens < 1:
            wait = (1 - self.tokens) / self.rate
            self.sleep(wait)
            self.last = self.clock()
            self.tokens = 0.0
        else:
            self.tokens -= 1


def _float(v) -> Optional[float]:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _int(v) -> Optional[int]:
    try:
        return int(str(v).replace(",", "").strip())
    except (TypeError, ValueError):
        return None


class PoliceApi:
    def __init__(self, transport: Transport, base_url: str = DEFAULT_BASE, limiter: Optional[RateLimiter] = None,
                 retries: int = 4, backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep,
                 timeout: float = 30.0, cancelled: Optional[Callable[[], bool]] = None):
        self.transport = transport
        self.base = base_url if base_url.endswith("/") else base_url + "/"
        self.limiter = limiter or RateLimiter(sleep=sleep)
        self.retries, self.backoff, self.sleep, self.timeout = retries, backoff, sleep, timeout
        self.cancelled = cancelled or (lambda: False)
        self.requests = 0

    # -- transport with politeness ---------------------------------------------------------------
    def _call(self, method: str, path: str, params: Optional[dict] = None, form: Optional[dict] = None):
        """JSON for a request; None on 404. Retries 429 (Retry-After), 5xx and timeouts."""
        url = self.base + path
        if params:
            url += "?" + urlencode(params, safe=":,")
        data = urlencode(form).encode() if form else None
        last = ""
        for attempt in range(self.retries + 1):
            if self.cancelled():
                raise ApiError("cancelled")
            self.limiter.acquire()
            self.requests += 1
            try:
                response = self.transport.request(method, url, data, self.timeout)
            except TransportError as exc:
                last = f"no answer ({exc})"
                self.sleep(self.backoff * 2 ** attempt)
                continue
            if response.status == 200:
                try:
                    return json.loads(response.body.decode("utf-8"))
                except (UnicodeDecodeError, ValueError) as exc:
                    raise ApiError(f"{url}: the answer is not JSON ({exc})") from exc
            if response.status == 404:
                return None
            if response.status == 429:
                retry_after = _float(response.headers.get("Retry-After") or response.headers.get("retry-after"))
                last = "rate limited (429)"
                self.sleep(retry_after if retry_after is not None else self.backoff * 2 ** attempt)
                self.limiter.drain()  # no burst straight after being told to slow down
                continue
            if response.status == 503 and path.startswith("crimes-street"):
                raise _TooMany(url)
            if response.status >= 500:
                last = f"server error {response.status}"
                self.sleep(self.backoff * 2 ** attempt)
                continue
            raise ApiError(f"{url}: HTTP {response.status}")
        raise ApiError(f"{url}: {last} after {self.retries + 1} attempts")

    def get(self, path: str, **params):
        return self._call("GET", path, {k: v for k, v in params.items() if v is not None} or None)

    # -- endpoints -------------------------------------------------------------------------------
    def forces(self) -> List[dict]:
        return self.get("forces") or []

    def neighbourhoods(self, force: str) -> List[dict]:
        return self.get(f"{quote(force)}/neighbourhoods") or []

    def neighbourhood(self, force: str, nid: str) -> Optional[dict]:
        if nid == "neighbourhoods":
            # The id collides with the list URL: police.uk cannot serve its details.
            return None
        data = self.get(f"{quote(force)}/{quote(nid, safe='')}")
        if data is None:
            return None
        data = dict(data)
        data["population"] = _int(data.get("population"))
        centre = data.get("centre") or {}
        data["centre"] = {"latitude": _float(centre.get("latitude")), "longitude": _float(centre.get("longitude"))}
        return data

    def boundary(self, force: str, nid: str) -> List[Tuple[float, float]]:
        """(longitude, latitude) vertices; empty when unknown."""
        data = self.get(f"{quote(force)}/{quote(nid, safe='')}/boundary") or []
        points = [(_float(p.get("longitude")), _float(p.get("latitude"))) for p in data]
        return [(x, y) for x, y in points if x is not None and y is not None]

    def people(self, force: str, nid: str) -> List[dict]:
        return self.get(f"{quote(force)}/{quote(nid, safe='')}/people") or []

    def events(self, force: str, nid: str) -> List[dict]:
        return self.get(f"{quote(force)}/{quote(nid, safe='')}/events") or []

    def priorities(self, force: str, nid: str) -> List[dict]:
        raw = self.get(f"{quote(force)}/{quote(nid, safe='')}/priorities") or []
        return [{"issue": p.get("issue"), "issue_date": p.get("issue-date"), "action": p.get("action"),
                 "action_date": p.get("action-date")} for p in raw]

    def locate_neighbourhood(self, lat: float, lon: float) -> Optional[Tuple[str, str]]:
        data = self.get("locate-neighbourhood", q=f"{lat},{lon}")
        if not data:
            return None
        return data.get("force"), data.get("neighbourhood")

    def crime_categories(self, date: Optional[str] = None) -> List[dict]:
        return self.get("crime-categories", date=date) or []

    def crimes_street_dates(self) -> List[dict]:
        return self.get("crimes-street-dates") or []

    def crime_last_updated(self) -> Optional[str]:
        data = self.get("crime-last-updated") or {}
        return data.get("date")

    def crimes_at_point(self, category: str, lat: float, lon: float, date: Optional[str] = None) -> List[dict]:
        return self.get(f"crimes-street/{quote(category)}", lat=lat, lng=lon, date=date) or []

    def crimes_in_polygon(self, category: str, polygon: List[Tuple[float, float]], date: Optional[str] = None,
                          depth: int = 0) -> List[dict]:
        """Crimes inside a polygon of (lat, lon); split in four and merged when police.uk says there are
        more than 10,000 (503); long polygons go by POST."""
        poly = ":".join(f"{lat:.6f},{lon:.6f}" for lat, lon in polygon)
        params = {"poly": poly}
        if date:
            params["date"] = date
        path = f"crimes-street/{quote(category)}"
        try:
            if len(self.base + path + "?" + urlencode(params)) > MAX_URL:
                return self._call("POST", path, form=params) or []
            return self._call("GET", path, params) or []
        except _TooMany:
            if depth >= 6:
                raise ApiError("too many crimes even in a small part of the polygon") from None
        merged: Dict[object, dict] = {}
        for part in _quarters(polygon):
            for crime in self.crimes_in_polygon(category, part, date, depth + 1):
                merged[crime.get("id") or json.dumps(crime, sort_keys=True)] = crime
        return list(merged.values())


class _TooMany(Exception):
    """503 from crimes-street: more than 10,000 crimes."""


def _clip(polygon: List[Tuple[float, float]], s: float, n: float, w: float, e: float):
    """Sutherland–Hodgman: the part of a (lat, lon) polygon inside the box [s, n] x [w, e]."""
    def clip(points, inside, cross):
        out = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_lat(lat):
        return lambda a, b: (lat, a[1] + (b[1] - a[1]) * (lat - a[0]) / (b[0] - a[0]))

    def at_lon(lon):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (lon - a[1]) / (b[1] - a[1]), lon)

    points = list(polygon)
    for inside, cross in ((lambda p: p[0] >= s, at_lat(s)), (lambda p: p[0] <= n, at_lat(n)),
                          (lambda p: p[1] >= w, at_lon(w)), (lambda p: p[1] <= e, at_lon(e))):
        if not points:
            break
        points = clip(points, inside, cross)
    return [p for i, p in enumerate(points) if p != points[i - 1]] if len(points) > 1 else points


def _quarters(polygon: List[Tuple[float, float]]) -> List[List[Tuple[float, float]]]:
    """The polygon cut along the middle of its bounding box into up to four parts (crimes are
    de-duplicated by id when merged, so points on the cuts are counted once)."""
    lats = [p[0] for p in polygon]
    lons = [p[1] for p in polygon]
    s, n, w, e = min(lats), max(lats), min(lons), max(lons)
    mlat, mlon = (s + n) / 2, (w + e) / 2
    parts = [_clip(polygon, a, b, c, d) for a, b, c, d in
             ((s, mlat, w, mlon), (s, mlat, mlon, e), (mlat, n, w, mlon), (mlat, n, mlon, e))]
    return [p for p in parts if len(p) >= 3]

"""The police.uk API: URLs, rate limit, retries and parsing. The transport is injected.

The plugin's transport goes through QGIS's network stack (proxies and authentication apply); tests use
a fake transport or a local HTTP server. Numbers and coordinates arrive as strings, priority keys are
hyphenated, HTML fields are untrusted (see sanitize.py), 404 means "no such thing" (None); 429 and 5xx
are retried politely, and so are requests that got no answer at all. Every answer is checked against
the shape police.uk documents (api_shapes.py) before it is believed.

Every wait is bounded and can be cancelled: a request has an overall deadline (a server that sends one
byte every few seconds cannot hold it open), Retry-After is obeyed up to MAX_WAIT seconds, and sleeps
are taken in slices that look at `cancelled()`.
"""

import email.utils
import json
import math
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Protocol, Tuple
from urllib.parse import quote, urlencode

from . import api_shapes as shapes

DEFAULT_BASE = "https://data.police.uk/api/"
RATE, BURST = 15.0, 30  # requests per second, burst
MAX_WAIT = 60.0         # the longest police.uk is allowed to make us wait before asking again (seconds)
MAX_BODY = 32 << 20     # the largest answer believed (bytes): a detailed boundary is a few MB
SLICE = 0.2             # seconds between looks at cancelled() while waiting


@dataclass
class Response:
    status: int
    body: bytes
    headers: Dict[str, str] = field(default_factory=dict)


class TransportError(Exception):
    """No answer at all (timeout, deadline, connection refused, DNS...)."""


class ApiError(Exception):
    """The API could not be used for this request, after retries; the message says why."""


class Transport(Protocol):
    def request(self, method: str, url: str, data: Optional[bytes] = None, timeout: float = 30.0) -> Response:
        """One request; `timeout` is the overall deadline in seconds. TransportError when no HTTP
        answer came (status 0 is read the same way)."""


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


def retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from a Retry-After header (a number of seconds or an HTTP date), capped at
    MAX_WAIT; None when absent or not a usable value (negative, NaN, infinite, garbage)."""
    if value is None:
        return None
    text = str(value).strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if not math.isfinite(seconds) or seconds < 0:
        return None
    return min(seconds, MAX_WAIT)


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
    def _wait(self, seconds: float) -> None:
        """Sleep `seconds` (capped at MAX_WAIT) in slices, giving up as soon as the user cancels."""
        left = min(max(seconds, 0.0), MAX_WAIT)
        while left > 0:
            if self.cancelled():
                raise ApiError("cancelled")
            step = min(SLICE, left)
            self.sleep(step)
            left -= step

    def _call(self, path: str, params: Optional[dict] = None):
        """JSON for a GET request; None on 404. Retries 429 (Retry-After), 5xx and no answer."""
        url = self.base + path
        if params:
            url += "?" + urlencode(params, safe=":,")
        last = ""
        for attempt in range(self.retries + 1):
            if self.cancelled():
                raise ApiError("cancelled")
            self.limiter.acquire()
            self.requests += 1
            try:
                response = self.transport.request("GET", url, None, self.timeout)
                if response.status == 0:
                    raise TransportError("no HTTP answer")
            except TransportError as exc:
                last = f"no answer ({exc})"
                self._wait(self.backoff * 2 ** attempt)
                continue
            if response.status == 200:
                return _json(url, response.body)
            if response.status == 404:
                return None
            if response.status == 429:
                headers = {k.lower(): v for k, v in (response.headers or {}).items()}
                wait = retry_after(headers.get("retry-after"))
                last = "rate limited (429)"
                self._wait(wait if wait is not None else self.backoff * 2 ** attempt)
                self.limiter.drain()  # no burst straight after being told to slow down
                continue
            if response.status >= 500:
                last = f"server error {response.status}"
                self._wait(self.backoff * 2 ** attempt)
                continue
            raise ApiError(f"{url}: HTTP {response.status}")
        raise ApiError(f"{url}: {last} after {self.retries + 1} attempts")

    def _get(self, path: str, check, *args, **params):
        """The answer at `path`, checked by `check(answer, *args)`; a wrongly shaped answer is an
        ApiError naming the field."""
        data = self._call(path, {k: v for k, v in params.items() if v is not None} or None)
        try:
            return check(data, *args)
        except shapes.ShapeError as exc:
            raise ApiError(f"police.uk's answer is not as documented: {exc}") from None

    # -- endpoints -------------------------------------------------------------------------------
    def neighbourhoods(self, force: str) -> List[dict]:
        return self._get(f"{quote(force)}/neighbourhoods", lambda d: [] if d is None else shapes.listing(d, force))

    def neighbourhood(self, force: str, nid: str) -> Optional[dict]:
        if nid == "neighbourhoods":
            # The id collides with the list URL: police.uk cannot serve its details.
            return None
        where = f"{force}/{nid}"
        return self._get(f"{quote(force)}/{quote(nid, safe='')}",
                         lambda d: None if d is None else shapes.neighbourhood(d, where))

    def boundary(self, force: str, nid: str) -> List[Tuple[float, float]]:
        """(longitude, latitude) vertices, each a finite point in the UK; empty when unknown."""
        where = f"{force}/{nid}/boundary"
        return self._get(f"{quote(force)}/{quote(nid, safe='')}/boundary",
                         lambda d: [] if d is None else shapes.boundary(d, where))

    def people(self, force: str, nid: str) -> List[dict]:
        where = f"{force}/{nid}/people"
        return self._get(f"{quote(force)}/{quote(nid, safe='')}/people", lambda d: shapes.people(d, where))

    def events(self, force: str, nid: str) -> List[dict]:
        where = f"{force}/{nid}/events"
        return self._get(f"{quote(force)}/{quote(nid, safe='')}/events", lambda d: shapes.events(d, where))

    def priorities(self, force: str, nid: str) -> List[dict]:
        where = f"{force}/{nid}/priorities"
        return self._get(f"{quote(force)}/{quote(nid, safe='')}/priorities", lambda d: shapes.priorities(d, where))

    def locate_neighbourhood(self, lat: float, lon: float) -> Optional[Tuple[str, str]]:
        return self._get("locate-neighbourhood", lambda d: shapes.located(d, "locate-neighbourhood"),
                         q=f"{lat},{lon}")


def _json(url: str, body: bytes):
    if len(body) > MAX_BODY:
        raise ApiError(f"{url}: the answer is {len(body):,} bytes, far larger than police.uk sends; not read")
    try:
        return json.loads(body.decode("utf-8"))
    except RecursionError:
        raise ApiError(f"{url}: the answer is nested too deeply to be police.uk's JSON") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ApiError(f"{url}: the answer is not JSON ({exc})") from None

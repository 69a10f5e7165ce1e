"""The police.uk API client's logic with a fake transport: parsing, politeness, faults."""

import json
from urllib.parse import parse_qs, urlparse

import pytest

from crimemap_plugin.core.api import ApiError, PoliceApi, RateLimiter, Response, TransportError, _clip
from tests.shared_data import shared_data

API = shared_data() / "api"


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


class FakeTransport:
    """Answers from a function (method, url, data) -> Response | Exception; records every call."""

    def __init__(self, answer):
        self.answer = answer
        self.calls = []

    def request(self, method, url, data=None, timeout=30.0):
        self.calls.append((method, url, data))
        result = self.answer(method, url, data)
        if isinstance(result, Exception):
            raise result
        return result


def ok(obj):
    return Response(200, json.dumps(obj).encode())


def api_for(answer, clock=None):
    clock = clock or FakeClock()
    transport = FakeTransport(answer)
    api = PoliceApi(transport, "http://127.0.0.1:9/api", RateLimiter(clock=clock, sleep=clock.sleep),
                    sleep=clock.sleep, backoff=0.5)
    return api, transport, clock


def test_neighbourhood_parsing_from_real_responses():
    detail = json.loads((API / "gloucestershire_AA3_neighbourhood.json").read_text())
    boundary = json.loads((API / "gloucestershire_AA3_boundary.json").read_text())
    listing = json.loads((API / "gloucestershire_neighbourhoods.json").read_text())

    def answer(method, url, data):
        path = urlparse(url).path
        return ok({"/api/gloucestershire/neighbourhoods": listing, "/api/gloucestershire/AA3": detail,
                   "/api/gloucestershire/AA3/boundary": boundary}[path])

    api, transport, _ = api_for(answer)
    assert len(api.neighbourhoods("gloucestershire")) == 55
    n = api.neighbourhood("gloucestershire", "AA3")
    assert isinstance(n["population"], int) and n["population"] == int(detail["population"])
    assert isinstance(n["centre"]["latitude"], float)
    points = api.boundary("gloucestershire", "AA3")
    assert len(points) == len(boundary) == 1068
    assert points[0] == (float(boundary[0]["longitude"]), float(boundary[0]["latitude"]))


def test_priorities_hyphenated_keys_and_404_is_an_answer():
    priority = json.loads((API / "fixtures_police-data-kit" / "neighbourhood-priority.json").read_text())

    def answer(method, url, data):
        return ok([priority]) if url.endswith("/priorities") else Response(404, b"Not found")

    api, _, _ = api_for(answer)
    p = api.priorities("leicestershire", "NC04")[0]
    assert p["issue_date"] == priority["issue-date"] and p["action"] == priority.get("action")
    assert api.neighbourhood("leicestershire", "nowhere") is None
    assert api.locate_neighbourhood(51.5, -0.1) is None


def test_neighbourhood_called_neighbourhoods_is_not_confused_with_the_list():
    api, transport, _ = api_for(lambda m, u, d: ok([{"id": "neighbourhoods", "name": "x"}]))
    assert api.neighbourhood("gwent", "neighbourhoods") is None
    assert transport.calls == []


def test_429_waits_retry_after_then_succeeds():
    answers = iter([Response(429, b"", {"Retry-After": "2"}), ok([{"id": "gwent"}])])
    api, transport, clock = api_for(lambda m, u, d: next(answers))
    assert api.forces() == [{"id": "gwent"}]
    assert 2 in clock.slept and len(transport.calls) == 2


def test_5xx_and_timeouts_retried_with_backoff_then_give_up():
    answers = iter([Response(500, b""), TransportError("timed out"), ok([])])
    api, _, clock = api_for(lambda m, u, d: next(answers))
    assert api.forces() == []
    assert clock.slept[:2] == [0.5, 1.0]
    api, transport, _ = api_for(lambda m, u, d: Response(502, b"bad gateway"))
    with pytest.raises(ApiError, match="server error 502 after 5 attempts"):
        api.forces()
    assert len(transport.calls) == 5


def test_malformed_json_is_a_clear_error():
    api, _, _ = api_for(lambda m, u, d: Response(200, b"<html>maintenance</html>"))
    with pytest.raises(ApiError, match="not JSON"):
        api.forces()


def test_rate_limit_fifteen_a_second_burst_thirty():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    for _ in range(30):
        limiter.acquire()
    assert clock.now == 0.0  # the burst goes at once
    for _ in range(150):
        limiter.acquire()
    assert clock.now == pytest.approx(10.0, rel=0.01)  # then 15 a second


def test_polygon_over_10000_crimes_is_split_and_merged():
    square = [(51.0, -1.0), (51.0, 0.0), (52.0, 0.0), (52.0, -1.0)]
    crimes = [{"id": i, "location": {"latitude": str(51 + (i % 100) / 100), "longitude": str(-1 + (i // 100) / 100)}}
              for i in range(10000)]

    def answer(method, url, data):
        query = parse_qs(urlparse(url).query) if method == "GET" else parse_qs(data.decode())
        pts = [tuple(map(float, p.split(","))) for p in query["poly"][0].split(":")]
        lats, lons = [p[0] for p in pts], [p[1] for p in pts]
        inside = [c for c in crimes if min(lats) <= float(c["location"]["latitude"]) <= max(lats)
                  and min(lons) <= float(c["location"]["longitude"]) <= max(lons)]
        return Response(503, b"") if len(inside) > 3000 else ok(inside)

    api, transport, _ = api_for(answer)
    got = api.crimes_in_polygon("all-crime", square, "2024-01")
    assert sorted(c["id"] for c in got) == list(range(10000))
    assert len(transport.calls) > 4


def test_long_polygons_go_by_post():
    ring = [(51 + i / 10000, -1 + (i % 7) / 1000) for i in range(400)]
    api, transport, _ = api_for(lambda m, u, d: ok([]))
    api.crimes_in_polygon("burglary", ring)
    method, url, data = transport.calls[0]
    assert method == "POST" and "poly=" in data.decode() and len(url) < 200


def test_clip_polygon_to_box():
    triangle = [(0.0, 0.0), (0.0, 2.0), (2.0, 0.0)]
    part = _clip(triangle, 0.0, 1.0, 0.0, 1.0)
    assert sorted(part) == sorted([(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)])

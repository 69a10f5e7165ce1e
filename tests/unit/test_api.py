"""The police.uk API client's logic with a fake transport: parsing, politeness, faults."""

import json
from urllib.parse import urlparse

import pytest

from crimemap_plugin.core.api import ApiError, PoliceApi, RateLimiter, Response, TransportError
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
    answers = iter([Response(429, b"", {"Retry-After": "2"}), ok([{"id": "AA3", "name": "St Marks"}])])
    api, transport, clock = api_for(lambda m, u, d: next(answers))
    assert api.neighbourhoods("gloucestershire") == [{"id": "AA3", "name": "St Marks"}]
    assert sum(clock.slept) == pytest.approx(2.0 + 1 / 15) and len(transport.calls) == 2


def test_5xx_and_timeouts_retried_with_backoff_then_give_up():
    answers = iter([Response(500, b""), TransportError("timed out"), ok([])])
    api, _, clock = api_for(lambda m, u, d: next(answers))
    assert api.neighbourhoods("gwent") == []
    assert sum(clock.slept) == pytest.approx(0.5 + 1.0)
    api, transport, _ = api_for(lambda m, u, d: Response(502, b"bad gateway"))
    with pytest.raises(ApiError, match="server error 502 after 5 attempts"):
        api.neighbourhoods("gwent")
    assert len(transport.calls) == 5


def test_malformed_json_is_a_clear_error():
    api, _, _ = api_for(lambda m, u, d: Response(200, b"<html>maintenance</html>"))
    with pytest.raises(ApiError, match="not JSON"):
        api.neighbourhoods("gwent")


def test_rate_limit_fifteen_a_second_burst_thirty():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    for _ in range(30):
        limiter.acquire()
    assert clock.now == 0.0  # the burst goes at once
    for _ in range(150):
        limiter.acquire()
    assert clock.now == pytest.approx(10.0, rel=0.01)  # then 15 a second


# -- every wait bounded and cancellable ----------------------------------------------------------------
@pytest.mark.parametrize("header,waited", [("-5", 0.5), ("nan", 0.5), ("inf", 0.5), ("soon", 0.5), ("", 0.5),
                                           ("999999", 60.0), ("30", 30.0), ("1e308", 60.0)])
def test_retry_after_is_believed_only_within_a_minute(header, waited):
    answers = iter([Response(429, b"", {"retry-after": header}), ok([])])
    api, transport, clock = api_for(lambda m, u, d: next(answers))
    assert api.neighbourhoods("gwent") == []
    # the backoff (0.5 s) where the header is unusable; the rate limiter adds 1/15 s after a 429
    assert sum(clock.slept) == pytest.approx(waited + 1 / 15)
    assert len(transport.calls) == 2


def test_retry_after_as_an_http_date():
    from crimemap_plugin.core.api import retry_after
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412490.0) is None   # in the past
    assert retry_after("Wed, 21 Oct 2099 07:28:00 GMT") == 60.0


def test_cancel_is_honoured_while_waiting():
    clock = FakeClock()
    cancel_after = {"t": 3.0}
    transport = FakeTransport(lambda m, u, d: Response(429, b"", {"Retry-After": "999999"}))
    api = PoliceApi(transport, "http://127.0.0.1:9/api", RateLimiter(clock=clock, sleep=clock.sleep),
                    sleep=clock.sleep, cancelled=lambda: clock.now >= cancel_after["t"])
    with pytest.raises(ApiError, match="cancelled"):
        api.neighbourhoods("gwent")
    assert clock.now < 3.5 and len(transport.calls) == 1


def test_no_http_answer_is_retried():
    answers = iter([Response(0, b""), Response(0, b""), ok([])])
    api, transport, _ = api_for(lambda m, u, d: next(answers))
    assert api.neighbourhoods("gwent") == [] and len(transport.calls) == 3
    api, transport, _ = api_for(lambda m, u, d: Response(0, b""))
    with pytest.raises(ApiError, match="no answer .*after 5 attempts"):
        api.neighbourhoods("gwent")


# -- answers of the wrong shape -----------------------------------------------------------------------
REAL_DETAIL = json.loads((API / "gloucestershire_AA3_neighbourhood.json").read_text())


def _detail(**changes):
    detail = dict(REAL_DETAIL)
    detail.update(changes)
    return detail


WRONG_SHAPES = [
    ("listing-dict", "neighbourhoods", {"id": "AA3"}, "gloucestershire/neighbourhoods is an object, not a list"),
    ("listing-ids", "neighbourhoods", [{"id": {"x": 1}, "name": "x"}], "id is an object, not an id"),
    ("listing-slash", "neighbourhoods", [{"id": "../etc", "name": "x"}], "not a police.uk id"),
    ("name-number", "detail", _detail(name=5), "gloucestershire/AA3.name is a number, not text"),
    ("population-text", "detail", _detail(population="many"), "population is 'many', not a number"),
    ("centre-outside", "detail", _detail(centre={"latitude": "40.0", "longitude": "-3.0"}), "outside the UK"),
    ("centre-nan", "detail", _detail(centre={"latitude": "NaN", "longitude": "-3.0"}), "not a finite number"),
    ("links-dict", "detail", _detail(links={"url": "x"}), "links is an object, not a list"),
    ("contacts-list", "detail", _detail(contact_details=["a"]), "contact_details is a list, not an object"),
    ("people-text", "people", "x", "people is text, not a list"),
    ("people-entry-number", "people", [5], "people[0] is a number, not an object"),
    ("bio-list", "people", [{"name": "PC A", "bio": ["x"]}], "bio is a list, not text"),
    ("priorities-numbers", "priorities", [1, 2, 3], "priorities[0] is a number, not an object"),
    ("boundary-strings", "boundary", ["51.9,-2.1"], "boundary[0] is text, not an object"),
    ("boundary-nan", "boundary", [{"latitude": "nan", "longitude": "-2"}] * 3, "not a finite number"),
    ("boundary-outside", "boundary", [{"latitude": "0", "longitude": "0"}] * 3, "outside the UK"),
    ("events-dict", "events", {"title": "x"}, "events is an object, not a list"),
    ("huge-listing", "neighbourhoods", [{"id": f"N{i}", "name": "x"} for i in range(4_500)], "far more than"),
]


@pytest.mark.parametrize("case,endpoint,body,words", WRONG_SHAPES, ids=[c[0] for c in WRONG_SHAPES])
def test_wrongly_shaped_answers_are_clear_errors(case, endpoint, body, words):
    api, _, _ = api_for(lambda m, u, d: ok(body))
    call = {"neighbourhoods": lambda: api.neighbourhoods("gloucestershire"),
            "detail": lambda: api.neighbourhood("gloucestershire", "AA3"),
            "people": lambda: api.people("gloucestershire", "AA3"),
            "events": lambda: api.events("gloucestershire", "AA3"),
            "priorities": lambda: api.priorities("gloucestershire", "AA3"),
            "boundary": lambda: api.boundary("gloucestershire", "AA3")}[endpoint]
    with pytest.raises(ApiError) as err:
        call()
    assert "not as documented" in str(err.value) and words in str(err.value), str(err.value)


def test_deep_and_huge_answers_are_refused():
    deep = b"[" * 100_000 + b"]" * 100_000
    api, _, _ = api_for(lambda m, u, d: Response(200, deep))
    with pytest.raises(ApiError, match="nested too deeply"):
        api.people("gwent", "X")
    from crimemap_plugin.core import api as api_module
    api, _, _ = api_for(lambda m, u, d: Response(200, b" " * (api_module.MAX_BODY + 1)))
    with pytest.raises(ApiError, match="far larger"):
        api.people("gwent", "X")


def test_long_texts_are_cut_to_what_can_be_shown():
    from crimemap_plugin.core.api_shapes import MAX_LONG_TEXT
    api, _, _ = api_for(lambda m, u, d: ok(_detail(description="x" * 200_000_000 if False else "y" * 500_000)))
    detail = api.neighbourhood("gloucestershire", "AA3")
    assert len(detail["description"]) <= MAX_LONG_TEXT + 2

"""The classes a comparison map draws in, and so its legend (core.classify): what is there, said
plainly, the same change classes on every map."""

import math

import pytest

from crimemap_plugin.core.classify import CHANGE_PCT_EDGES, classes, number


def test_one_area_with_data_gets_one_class_of_its_own_value():
    out = classes("current", [1249], present_only=True)
    assert [c.label for c in out] == ["1,249"]
    assert out[0].holds(1249) and not out[0].holds(1248)


def test_a_handful_of_values_get_a_class_each_in_ramp_order():
    out = classes("current", [3, 1, 3, 7])
    assert [c.label for c in out] == ["1", "3", "7"]
    assert out[0].colour != out[-1].colour


@pytest.mark.parametrize("measure", ["current", "change"])
def test_counts_are_whole_numbers_in_every_label(measure):
    values = list(range(-400, 1200, 37)) if measure == "change" else list(range(10, 5000, 91))
    for c in classes(measure, values):
        assert ".0" not in c.label and not any(ch == "*" for ch in c.label), c.label


def test_rates_keep_the_decimals_they_need():
    out = classes("rate_per_1000", [0.12, 0.5, 1.25, 2.5, 3.75, 6.0, 12.5])
    assert any("." in c.label for c in out)
    assert number(1249.0) == "1,249" and number(12.5) == "12.5" and number(0.25) == "0.25"


def test_change_pct_classes_are_the_same_whatever_the_values():
    """So a force map, a neighbourhood map and a briefing can be compared by colour."""
    a = classes("change_pct", [-3, 4, 60])
    b = classes("change_pct", [-80, -40, -12, 1, 2])
    assert [(c.lower, c.upper, c.colour, c.label) for c in a] == [(c.lower, c.upper, c.colour, c.label) for c in b]
    assert [c.lower for c in a][1:] == list(CHANGE_PCT_EDGES)
    assert a[3].label == "about the same (within ±5%)"


def test_present_only_lists_only_classes_something_falls_in():
    out = classes("change_pct", [-30.0, 2.0], present_only=True)
    assert [c.label for c in out] == ["down more than 25%", "about the same (within ±5%)"]
    assert classes("change_pct", [], present_only=True) == []


def test_every_value_falls_in_exactly_one_class():
    values = [math.sin(i) * 300 + 400 for i in range(200)]
    for measure in ("current", "rate_per_1000", "change", "change_pct"):
        vs = [v - 400 for v in values] if measure.startswith("change") else values
        vs = [round(v) for v in vs] if measure in ("current", "change") else vs
        out = classes(measure, vs)
        for v in vs:
            assert sum(c.holds(v) for c in out) == 1, (measure, v)

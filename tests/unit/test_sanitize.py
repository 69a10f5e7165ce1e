"""Untrusted HTML from the API: only the allow-list survives; nothing can run or load."""

import json

import pytest

from crimemap_plugin.core.sanitize import html_to_text, sanitise_html
from tests.shared_data import shared_data

HOSTILE = [
    ("<script>alert(1)</script><p>Hello</p>", "<p>Hello</p>"),
    ('<p onclick="steal()">Hi <b onmouseover="x()">there</b></p>', "<p>Hi <b>there</b></p>"),
    ('<img src="https://evil.example/t.gif">Text', "Text"),
    ('<a href="javascript:alert(1)">click</a>', "click"),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', "x"),
    ('<a href="java\tscript:alert(1)">x</a>', "x"),
    ('<a href="https://www.police.uk/">police.uk</a>', '<a href="https://www.police.uk/">police.uk</a>'),
    ('<a href="http://insecure.example/">plain</a>', "plain"),
    ('<a href="mailto:team@police.uk">mail</a> <a href="tel:101">101</a>',
     '<a href="mailto:team@police.uk">mail</a> <a href="tel:101">101</a>'),
    ('<iframe src="https://evil.example"></iframe>After', "After"),
    ('<style>body{background:url(https://evil.example/x)}</style>Styled', "Styled"),
    ('<p style="background:url(https://evil.example/x)">P</p>', "<p>P</p>"),
    ("<ul><li>one<li>two</ul>", "<ul><li>one<li>two</li></li></ul>"),
    ("<p>unclosed <em>emphasis", "<p>unclosed <em>emphasis</em></p>"),
    ("1 < 2 & 3 > 2", "1 &lt; 2 &amp; 3 &gt; 2"),
    ('<svg><script>alert(1)</script></svg>ok', "ok"),
    ("<div><span>kept text</span></div>", "kept text"),
    (None, ""),
]


@pytest.mark.parametrize("raw,clean", HOSTILE)
def test_allow_list(raw, clean):
    assert sanitise_html(raw) == clean


def test_huge_field_is_cut():
    assert len(sanitise_html("<p>" + "a" * 1_000_000 + "</p>")) < 250_000


def test_real_officer_bio_keeps_its_text():
    officer = json.loads((shared_data() / "api" / "fixtures_police-data-kit" / "police-officer.json").read_text())
    clean = sanitise_html(officer.get("bio"))
    assert "<script" not in clean and "onclick" not in clean
    assert html_to_text(officer.get("bio"))


def test_html_to_text():
    assert html_to_text("<p>Hello <b>there</b></p><ul><li>one</li><li>two</li></ul><script>x</script>") == \
        "Hello there\n• one\n• two"

"""Period labels in English and, once the plugin sets them, in the user's language."""

import pytest


def test_labels_in_another_language_and_back():
    from crimemap_plugin.core.periods import ENGLISH_MONTHS, Period, use_month_names
    welsh = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
             "Tachwedd", "Rhagfyr")
    try:
        use_month_names(welsh, ("Ion", "Chw", "Maw", "Ebr", "Mai", "Meh", "Gor", "Awst", "Medi", "Hyd", "Tach",
                                "Rhag"))
        assert Period("2025-12", 3).label() == "Hydref–Rhagfyr 2025"
        assert Period("2021-02", 3).label() == "Rhagfyr 2020–Chwefror 2021"
        assert Period("2021-02", 3).short_label() == "Rhag 2020–Chw 2021"
    finally:
        use_month_names()
    assert Period("2025-12", 3).label() == "October–December 2025" and ENGLISH_MONTHS[4] == "May"
    assert Period("2021-05", 3).short_label() == "Mar–May 2021"
    with pytest.raises(ValueError):
        use_month_names(welsh[:11])

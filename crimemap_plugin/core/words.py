"""Marking words for translation where they are defined in the core (which has no Qt).

`tr_noop(text)` returns the text unchanged; `scripts/update_translations.py` collects its literal
arguments into the translation files, and the interface translates them where they are shown (with
`crimemap_plugin.i18n.tr`).
"""


def tr_noop(text: str) -> str:
    return text

"""Text from outside (KML files, the police.uk API) made safe where it leaves the plugin.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by
spreadsheets (CSV injection): such text gets a leading apostrophe, which spreadsheets show as text.
Plain numbers ("-12", "+3.5%") are left as they are.
"""

import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?%?$")


def spreadsheet_safe(value):
    """The value, with text that a spreadsheet would run as a formula neutralised."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START) or _NUMBER.match(value):
        return value
    return "'" + value

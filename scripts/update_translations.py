"""Collect the plugin's translatable strings into crimemap_plugin/i18n/crimemap_<lang>.ts.

Python: the literal first argument of tr(), tr_noop() and self.tr() (the plugin's classes translate
through crimemap_plugin.i18n, all in context "CrimeMap"). Qt Designer files: every <string> not marked notr,
in the context of the form's class. Translations already in the .ts file are kept; new strings are
added as unfinished; strings no longer in the code are dropped. `make translations` runs this, then
lrelease to compile the .qm files the plugin loads.

usage: python3 scripts/update_translations.py cy [cy ...]
"""

import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

PLUGIN = Path(__file__).resolve().parent.parent / "crimemap_plugin"
DEFAULT_CONTEXT = "CrimeMap"


def _python_strings(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            continue
        func = node.func
        if (isinstance(func, ast.Name) and func.id in ("tr", "tr_noop")) or (
                isinstance(func, ast.Attribute) and func.attr == "tr" and isinstance(func.value, ast.Name)
                and func.value.id == "self"):
            yield DEFAULT_CONTEXT, node.args[0].value


def _ui_strings(path: Path):
    root = ET.parse(path).getroot()
    context = root.findtext("class")
    for element in root.iter("string"):
        if element.get("notr") != "true" and element.text and element.text.strip() not in ("", "-"):
            yield context, element.text


def collect() -> dict:
    found = {}
    for path in sorted(PLUGIN.rglob("*.py")):
        for context, text in _python_strings(path):
            found.setdefault(context, {}).setdefault(text, path.relative_to(PLUGIN.parent).as_posix())
    for path in sorted(PLUGIN.rglob("*.ui")):
        for context, text in _ui_strings(path):
            found.setdefault(context, {}).setdefault(text, path.relative_to(PLUGIN.parent).as_posix())
    return found


def update(language: str, found: dict) -> Path:
    path = PLUGIN / "i18n" / f"crimemap_{language}.ts"
    known = {}
    if path.exists():
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name")
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is not None and translation.text and translation.get("type") != "unfinished":
                    known[(name, message.findtext("source"))] = translation.text
                    known.setdefault((None, message.findtext("source")), translation.text)  # any context
    root = ET.Element("TS", version="2.1", language=language)
    missing = 0
    for name in sorted(found):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for text, where in sorted(found[name].items()):
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "location", filename=where)
            ET.SubElement(message, "source").text = text
            translation = ET.SubElement(message, "translation")
            if (name, text) in known or (None, text) in known:
                translation.text = known.get((name, text), known.get((None, text)))
            else:
                translation.set("type", "unfinished")
                missing += 1
    path.parent.mkdir(exist_ok=True)
    ET.indent(root)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                    + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")
    print(f"{path}: {sum(len(v) for v in found.values())} strings, {missing} without a translation")
    return path


if __name__ == "__main__":
    strings = collect()
    for lang in sys.argv[1:] or ["cy"]:
        update(lang, strings)

"""Qt 6 readiness check: the Qt5-only idioms that QGIS 4 (Qt 6, PyQt6) rejects, found in the syntax tree.

It follows the items of QGIS's Qt5 → Qt6 plugin migration (the "Plugin migration to be compatible with Qt5
and Qt6" guide and its pyqt5_to_pyqt6 tool): unscoped enums, QFlags classes, removed enum values,
QVariant types and null QVariants, exec_(), PyQt5/PyQt6 imports, removed classes and modules (QRegExp,
QDesktopWidget...), classes moved from QtWidgets to QtGui (QAction...), qApp, QApplication.desktop(),
overloaded-signal selection (activated[str]), QFontMetrics.width(), QLayout.setMargin(), mouse/wheel/drop
event positions, the QDateTime constructors Qt 6 dropped, fragile addAction() calls and compiled
resources, in Python files and, where Qt Designer files can carry them, in .ui files.

Enum names are not listed by hand: the scoped names come from introspecting the Qt and QGIS bindings this
runs on (PyQt5 5.15 exposes every enum as a class, `Qt.AlignmentFlag`, whose members it also exposes
unscoped, `Qt.AlignRight`; PyQt6 only has the scoped form). So `X.Y` is a finding when Y is a member of an
enum `X.E`, and its Qt 6 form is `X.E.Y`, which PyQt5 accepts too: one code base serves both.

    python scripts/check_qt6.py [--summary] [PATH...]        (default: crimemap_plugin tests scripts)

Prints one line per finding, `file:line: what → the Qt 6 form [rule]`, and exits 1 if there is any.
A line that must keep a Qt 5 form (a version switch) is waived, with its reason, by a comment on it:
`# qt6-check: ignore[rule] why`.
"""

from __future__ import annotations

import argparse
import ast
import enum
import inspect
import re
import sys
import xml.parsers.expat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PATHS = ("crimemap_plugin", "tests", "scripts")
SKIP_DIRS = {"__pycache__", ".venv", "build", "dist", ".git", ".pytest_cache", ".ruff_cache"}
WAIVER = re.compile(r"#\s*qt6-check:\s*ignore\[([a-z0-9_,\- ]+)\]")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} [{self.rule}]"


# --- what the bindings say: scoped enums, QFlags classes, QVariant types ---------------------------------

@dataclass
class QtIndex:
    """What the Qt and QGIS bindings of this Python expose, keyed by class name (nested: `Outer.Inner`)."""
    # class -> unscoped member -> its scoped forms (more than one when the name is in two enums)
    members: Dict[str, Dict[str, Set[str]]] = field(default_factory=dict)
    # class -> QFlags class name -> the enum whose values it holds (PyQt6 has only the enum)
    flags: Dict[str, Dict[str, str]] = field(default_factory=dict)
    # QVariant.Type member -> the QMetaType.Type member with the same value
    qvariant_types: Dict[str, str] = field(default_factory=dict)
    # whether qgis.PyQt.QtGui offers QAction and the other moved classes on this build
    qtgui_has_moved: bool = False


BINDING_MODULES = ("qgis.PyQt.QtCore", "qgis.PyQt.QtGui", "qgis.PyQt.QtWidgets", "qgis.PyQt.QtNetwork",
                   "qgis.PyQt.QtXml", "qgis.PyQt.QtSql", "qgis.PyQt.QtSvg", "qgis.PyQt.QtPrintSupport",
                   "qgis.PyQt.QtTest", "qgis.core", "qgis.gui", "qgis.analysis")


def _is_flags_class(value) -> bool:
    """A PyQt5 QFlags wrapper (Qt.Alignment): bit operators, an int value, and not itself an int."""
    names = set(vars(value))
    return {"__or__", "__and__", "__invert__", "__int__"} <= names and not issubclass(value, int)


def build_index(module_names: Sequence[str] = BINDING_MODULES) -> QtIndex:
    """Walk every class of the binding modules (and their nested classes) once."""
    import importlib
    modules = []
    for name in module_names:
        try:
            modules.append(importlib.import_module(name))
        except ImportError:
            continue
    qtcore = importlib.import_module("qgis.PyQt.QtCore")
    enum_meta = type(qtcore.Qt.AlignmentFlag)  # sip's enum type on PyQt5, EnumType on PyQt6

    def is_enum_class(value) -> bool:
        return inspect.isclass(value) and (isinstance(value, enum_meta) or issubclass(value, enum.Enum))

    index = QtIndex()
    seen: Set[int] = set()

    def walk(cls, key: str, depth: int) -> None:
        if id(cls) in seen and depth:
            return
        seen.add(id(cls))
        bases = {c.__qualname__ for c in inspect.getmro(cls)}
        samples: Dict[str, object] = {}  # enum name -> one of its values, to match QFlags classes to enums
        flag_classes: Dict[str, type] = {}
        for name in dir(cls):
            if name.startswith("_"):
                continue
            try:
                value = getattr(cls, name)
            except Exception:  # an attribute the binding cannot read is simply not indexed
                continue
            if inspect.isclass(value):
                if is_enum_class(value):
                    continue
                if _is_flags_class(value):
                    flag_classes[name] = value
                elif depth < 3 and value.__qualname__.startswith(cls.__qualname__ + "."):
                    walk(value, f"{key}.{name}", depth + 1)
                continue
            kind = type(value)
            if not is_enum_class(kind):
                continue
            member = value.name if isinstance(value, enum.Enum) else name
            home = kind.__qualname__.rpartition(".")[0]
            if home in bases and getattr(cls, kind.__name__, None) is kind:
                scoped = f"{key}.{kind.__name__}.{member}"
                samples.setdefault(kind.__name__, value)
            else:  # an alias of an enum that lives elsewhere (QGIS moved many enums into Qgis)
                scoped = f"{kind.__qualname__}.{member}"
            index.members.setdefault(key, {}).setdefault(name, set()).add(scoped)
        # An enum's `|` gives its QFlags class (Qt.AlignLeft | Qt.AlignLeft is a Qt.Alignment); others give int.
        for enum_name, sample in samples.items():
            try:
                combined = type(sample | sample)
            except TypeError:
                continue
            for flags_name, flags_class in flag_classes.items():
                if combined is flags_class:
                    index.flags.setdefault(key, {})[flags_name] = enum_name

    for module in modules:
        for name, value in vars(module).items():
            if inspect.isclass(value) and not name.startswith("_") and not is_enum_class(value):
                walk(value, name, 0)

    variant_type = getattr(qtcore.QVariant, "Type", None)
    meta_type = getattr(qtcore.QMetaType, "Type", None)
    if variant_type is not None and meta_type is not None:
        by_value: Dict[int, List[str]] = {}
        for name in dir(qtcore.QMetaType):
            value = getattr(qtcore.QMetaType, name)
            if isinstance(value, meta_type):
                by_value.setdefault(int(value), []).append(name)
        for name in dir(qtcore.QVariant):
            value = getattr(qtcore.QVariant, name)
            if isinstance(value, variant_type):
                names = by_value.get(int(value), [])
                index.qvariant_types[name] = next((n for n in names if n in (name, "Q" + name)),
                                                  names[0] if names else "")
        index.members.pop("QVariant", None)  # QVariant.Type has its own rule: the whole enum is gone
    gui = importlib.import_module("qgis.PyQt.QtGui")
    index.qtgui_has_moved = hasattr(gui, "QAction")
    return index


# --- fixed knowledge: what Qt 6 removed or moved ---------------------------------------------------------

# Enum values Qt 6 removed (not just unscoped): class -> value -> replacement.
REMOVED_VALUES = {
    "Qt": {"MidButton": "Qt.MouseButton.MiddleButton", "TextColorRole": "Qt.ItemDataRole.ForegroundRole",
           "BackgroundColorRole": "Qt.ItemDataRole.BackgroundRole",
           "SystemLocaleDate": "QLocale.system().toString(date, QLocale.FormatType.ShortFormat)",
           "SystemLocaleShortDate": "QLocale.system().toString(date, QLocale.FormatType.ShortFormat)",
           "SystemLocaleLongDate": "QLocale.system().toString(date, QLocale.FormatType.LongFormat)",
           "DefaultLocaleShortDate": "QLocale().toString(date, QLocale.FormatType.ShortFormat)",
           "DefaultLocaleLongDate": "QLocale().toString(date, QLocale.FormatType.LongFormat)",
           "LocaleDate": "QLocale().toString(date, QLocale.FormatType.ShortFormat)"},
    "QPainter": {"HighQualityAntialiasing": "QPainter.RenderHint.Antialiasing"},
    "QPalette": {"Background": "QPalette.ColorRole.Window", "Foreground": "QPalette.ColorRole.WindowText"},
}

# Classes Qt 6 removed -> what replaces them.
REMOVED_CLASSES = {
    "QRegExp": "QRegularExpression",
    "QRegExpValidator": "QRegularExpressionValidator",
    "QDesktopWidget": "QScreen (QGuiApplication.primaryScreen(), QGuiApplication.screenAt(point))",
    "QTextCodec": "Python's str.encode/bytes.decode, or QStringConverter",
    "QGLWidget": "QOpenGLWidget",
    "QDirModel": "QFileSystemModel",
    "QMatrix": "QTransform",
    "QStringRef": "str (or QStringView in C++)",
    "QLinkedList": "a Python list",
    "QSound": "QSoundEffect (QtMultimedia)",
}

# Modules Qt 6 has no more.
REMOVED_MODULES = {"QtWebKit": "QtWebEngineWidgets or QTextBrowser", "QtWebKitWidgets": "QtWebEngineWidgets",
                   "QtScript": "QJSEngine (QtQml)", "QtXmlPatterns": "QtXml or Python's xml modules",
                   "Qt": "qgis.PyQt.QtCore (qgis.PyQt.Qt is gone)"}

# In QtGui on Qt 6, in QtWidgets on Qt 5.
MOVED_TO_QTGUI = ("QAction", "QActionGroup", "QShortcut", "QUndoCommand", "QUndoStack", "QUndoGroup",
                  "QFileSystemModel")

# Methods renamed because `exec`/`print` were Python 2 keywords.
UNDERSCORED = {"exec_": "exec", "print_": "print"}

# Signal overloads Qt 6 removed: signal -> {the selecting index: the signal to use}. Selecting a signature
# that still exists (valueChanged[int]) works on PyQt6 too.
_TEXT = ("str", "'QString'")
REMOVED_OVERLOADS = {
    "activated": dict.fromkeys(_TEXT, "textActivated"),
    "highlighted": dict.fromkeys(_TEXT, "textHighlighted"),
    "currentIndexChanged": dict.fromkeys(_TEXT, "currentTextChanged"),
    "valueChanged": dict.fromkeys(_TEXT, "textChanged"),
    "buttonClicked": {"int": "idClicked"}, "buttonPressed": {"int": "idPressed"},
    "buttonReleased": {"int": "idReleased"}, "buttonToggled": {"int": "idToggled"},
    "mapped": {"int": "mappedInt", "str": "mappedString", "'QString'": "mappedString",
               "QWidget": "mappedObject", "QObject": "mappedObject"},
}

MOUSE_HANDLER = re.compile(r"^(mouse(Press|Release|Move|DoubleClick)|canvas(Press|Release|Move|DoubleClick))Event$")
DROP_HANDLER = re.compile(r"^(drag(Enter|Move)|drop)Event$")
# QMouseEvent.pos() stays in Qt 6 (PyQt6 6.11 has it); these do not.
MOUSE_POSITION = {"globalPos": "globalPosition().toPoint()",
                  "x": "position().x()", "y": "position().y()", "globalX": "globalPosition().x()",
                  "globalY": "globalPosition().y()", "localPos": "position()", "windowPos": "scenePosition()",
                  "screenPos": "globalPosition()", "posF": "position()"}
WHEEL_REMOVED = {"delta": "angleDelta().y()", "orientation": "angleDelta() (x: horizontal, y: vertical)",
                 "pos": "position().toPoint()", "globalPos": "globalPosition().toPoint()",
                 "posF": "position()", "x": "position().x()", "y": "position().y()"}


# --- the Python checker ----------------------------------------------------------------------------------

def dotted(node: ast.AST) -> Optional[List[str]]:
    """`a.b.c` as ["a", "b", "c"]; None when the chain does not start at a name."""
    parts: List[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


class PythonChecker(ast.NodeVisitor):
    """One file's findings; aliases from its imports resolve `Q.AlignRight` when `Qt` was imported as `Q`."""

    def __init__(self, path: str, index: QtIndex):
        self.path = path
        self.index = index
        self.findings: List[Finding] = []
        self.aliases: Dict[str, str] = {}
        self.fallback_imports: Set[int] = set()  # lines of `except ImportError:` Qt 5 fallbacks
        self.kinds: List[Dict[str, Optional[str]]] = [{}]  # per scope: name -> "metrics", "layout" or None
        self.events: List[Tuple[str, str]] = []  # (event parameter, handler kind) of enclosing handlers

    def add(self, node: ast.AST, rule: str, message: str) -> None:
        self.findings.append(Finding(self.path, getattr(node, "lineno", 0), getattr(node, "col_offset", 0), message,
                                     rule))

    # -- names -------------------------------------------------------------------------------------------

    def class_key(self, parts: Sequence[str]) -> Optional[str]:
        """The indexed class a dotted chain names (`QtCore.Qt` -> `Qt`, `QgsLayoutExporter.ImageExportSettings`)."""
        parts = list(parts)
        parts[0] = self.aliases.get(parts[0], parts[0])
        for start in range(len(parts)):
            key = ".".join(parts[start:])
            if key in self.index.members or key in self.index.flags or key == "QVariant":
                return key
        return None

    # -- imports -----------------------------------------------------------------------------------------

    def visit_Try(self, node: ast.Try) -> None:
        """`try: from qgis.PyQt.QtGui import QAction / except ImportError: from ...QtWidgets import QAction`
        is the two-version form: its fallback import is not a finding."""
        tried = {alias.name for stmt in node.body if isinstance(stmt, ast.ImportFrom)
                 and (stmt.module or "").endswith("QtGui") for alias in stmt.names}
        for handler in node.handlers:
            names = dotted(handler.type) if handler.type is not None else None
            if names and names[-1] in ("ImportError", "ModuleNotFoundError"):
                for stmt in handler.body:
                    if isinstance(stmt, ast.ImportFrom) and {a.name for a in stmt.names} <= tried:
                        self.fallback_imports.add(stmt.lineno)
        self.generic_visit(node)

    def check_module(self, node: ast.AST, module: str) -> bool:
        top = module.split(".")[0]
        if top in ("PyQt5", "PyQt6"):
            rest = module[len(top):]
            self.add(node, "pyqt-import", f"import of {module} → qgis.PyQt{rest} (the shim picks Qt 5 or Qt 6)")
            return True
        if module == "sip":
            self.add(node, "pyqt-import", "import of sip → from qgis.PyQt import sip")
            return True
        last = module.split(".")[-1]
        if module.startswith("qgis.PyQt.") and last in REMOVED_MODULES:
            self.add(node, "removed-module", f"{module} is not in Qt 6 → {REMOVED_MODULES[last]}")
            return True
        if last == "resources_rc":
            self.add(node, "compiled-resources", "compiled Qt resources (pyrcc5) are gone in Qt 6 → load icons "
                                                 "and .ui files by file path")
            return True
        return False

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.check_module(node, alias.name)
            if alias.asname:
                self.aliases[alias.asname] = alias.name.split(".")[-1]
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level and any(a.name in ("resources", "resources_rc") for a in node.names):
            self.add(node, "compiled-resources", "compiled Qt resources (pyrcc5) are gone in Qt 6 → load icons "
                                                 "and .ui files by file path")
        if not self.check_module(node, module) and module.endswith("QtWidgets"):
            for alias in node.names:
                if alias.name in MOVED_TO_QTGUI and node.lineno not in self.fallback_imports:
                    self.add(node, "moved-to-qtgui", self.moved_message(alias.name))
        for alias in node.names:
            if alias.name in REMOVED_CLASSES:
                self.add(node, "removed-class", f"{alias.name} is not in Qt 6 → {REMOVED_CLASSES[alias.name]}")
            elif alias.name == "qApp":
                self.add(node, "qapp", "qApp is not in PyQt6 → QApplication.instance()")
            if alias.asname:
                self.aliases[alias.asname] = alias.name
        self.generic_visit(node)

    def moved_message(self, name: str) -> str:
        if self.index.qtgui_has_moved:
            return f"{name} from QtWidgets: it is in QtGui on Qt 6 → from qgis.PyQt.QtGui import {name}"
        return (f"{name} from QtWidgets: it is in QtGui on Qt 6, and this QGIS's qgis.PyQt.QtGui lacks it → "
                f"try: from qgis.PyQt.QtGui import {name} / except ImportError: from qgis.PyQt.QtWidgets "
                f"import {name}")

    # -- scopes --------------------------------------------------------------------------------------------

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        """A subclass of a Qt or QGIS class inherits its enums: `MyDialog.Accepted` is `QDialog.Accepted`."""
        for base in node.bases:
            chain = dotted(base)
            key = self.class_key(chain) if chain else None
            if key and key != "QVariant":
                self.aliases.setdefault(node.name, key)
                break
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if node.name in UNDERSCORED:
            self.add(node, "exec-underscore", f"def {node.name}() → def {UNDERSCORED[node.name]}()")
        params = [a.arg for a in node.args.args]
        handler = None
        if len(params) >= 2 and params[0] == "self":
            if MOUSE_HANDLER.match(node.name):
                handler = "canvas" if node.name.startswith("canvas") else "mouse"
            elif node.name == "wheelEvent":
                handler = "wheel"
            elif DROP_HANDLER.match(node.name):
                handler = "drop"
        self.kinds.append({})
        if handler:
            self.events.append((params[1], handler))
        self.generic_visit(node)
        if handler:
            self.events.pop()
        self.kinds.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Assign(self, node: ast.Assign) -> None:
        kind = self.value_kind(node.value)
        for target in node.targets:
            name = dotted(target)
            if name is not None:
                self.kinds[-1][".".join(name)] = kind
        self.generic_visit(node)

    def value_kind(self, value: ast.AST) -> Optional[str]:
        """"metrics" for a QFontMetrics(F), "layout" for a QLayout, from how the value is made."""
        if not isinstance(value, ast.Call):
            return None
        func = dotted(value.func)
        if not func:
            return None
        if func[-1] in ("QFontMetrics", "QFontMetricsF", "fontMetrics"):
            return "metrics"
        qt_layout = func[-1].startswith("Q") and not func[-1].startswith("Qgs") and func[-1].endswith("Layout")
        if qt_layout or func[-1] == "layout":
            return "layout"
        return None

    def holds(self, node: ast.AST, kind: str) -> bool:
        """Whether an expression is a QFontMetrics ("metrics") or a QLayout ("layout"): made by such a call,
        or a name last assigned one in this or an enclosing scope; a layout also by its name (mainLayout)."""
        if self.value_kind(node) == kind:
            return True
        name = dotted(node)
        if name is None:
            return False
        key = ".".join(name)
        for scope in reversed(self.kinds):
            if key in scope:
                return scope[key] == kind
        return kind == "layout" and "layout" in name[-1].lower()

    # -- calls ---------------------------------------------------------------------------------------------

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = dotted(func)
        if isinstance(func, ast.Attribute):
            self.check_method_call(node, func)
        if name and name[-1] == "QVariant" and self.class_key(name) == "QVariant":
            typed_null = len(node.args) == 1 and (dotted(node.args[0]) or [])[-2:-1] == ["QVariant"]
            if not node.args or typed_null:
                self.add(node, "qvariant-null", "a null QVariant cannot be built in PyQt6 → NULL (from qgis.core)")
        if name and name[-1] == "QDateTime":
            if len(node.args) == 8:
                self.add(node, "qdatetime-ctor", "QDateTime(y, m, d, h, min, s, ms, spec) is gone in Qt 6 → "
                                                 "QDateTime(QDate(y, m, d), QTime(h, min, s, ms), spec)")
            elif len(node.args) == 1 and isinstance(node.args[0], ast.Call) and \
                    (dotted(node.args[0].func) or [""])[-1] == "QDate":
                self.add(node, "qdatetime-ctor", "QDateTime(QDate) is gone in Qt 6 → QDateTime(QDate(...), "
                                                 "QTime(0, 0))")
        self.generic_visit(node)

    def check_method_call(self, node: ast.Call, func: ast.Attribute) -> None:
        method, receiver = func.attr, func.value
        if method == "width" and not node.args[1:] and self.holds(receiver, "metrics"):
            self.add(node, "fontmetrics-width", "QFontMetrics.width() is gone in Qt 6 → horizontalAdvance()")
        elif method == "setMargin" and self.holds(receiver, "layout"):
            self.add(node, "layout-setmargin", "QLayout.setMargin(m) is gone in Qt 6 → setContentsMargins(m, m, m, m)")
        elif method == "desktop" and not node.args:
            self.add(node, "desktop", "QApplication.desktop() (QDesktopWidget) is gone in Qt 6 → QScreen: "
                                      "QGuiApplication.primaryScreen() or screenAt(point)")
        elif method == "addAction" and len(node.args) >= 4:
            self.add(node, "fragile-addaction", "addAction(icon, text, receiver, shortcut...) changed order in "
                                                "Qt 6 → action = QAction(icon, text, parent); "
                                                "action.triggered.connect(...); widget.addAction(action)")
        receiver_name = dotted(receiver)
        if receiver_name and len(receiver_name) == 1 and not node.args and self.events:
            param, handler = self.events[-1]
            if receiver_name[0] == param:
                self.check_event_call(node, method, handler)

    def check_event_call(self, node: ast.Call, method: str, handler: str) -> None:
        if handler == "wheel" and method in WHEEL_REMOVED:
            self.add(node, "event-position", f"QWheelEvent.{method}() is gone in Qt 6 → {WHEEL_REMOVED[method]}"
                                             + (" (works on Qt 5 too)" if method in ("delta", "orientation") else
                                                " (Qt ≥ 6 only: choose by QT_VERSION)"))
        elif handler in ("mouse", "canvas") and method in MOUSE_POSITION:
            both = "; pos() works on both" + (", and a QgsMapMouseEvent's pixelPoint() and mapPoint()"
                                               if handler == "canvas" else "")
            self.add(node, "event-position",
                     f"QMouseEvent.{method}() is gone in Qt 6 → {MOUSE_POSITION[method]} (Qt ≥ 6{both})")
        elif handler == "drop" and method in ("pos", "posF"):
            self.add(node, "event-position", f"QDropEvent.{method}() is gone in Qt 6 → position()"
                                             " (Qt ≥ 6 only: choose by QT_VERSION)")

    # -- attributes ----------------------------------------------------------------------------------------

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in UNDERSCORED:
            self.add(node, "exec-underscore", f".{node.attr}() → .{UNDERSCORED[node.attr]}()")
        chain = dotted(node.value)
        if chain:
            self.check_qualified(node, chain)
        self.generic_visit(node)

    def check_qualified(self, node: ast.Attribute, chain: List[str]) -> None:
        attr = node.attr
        if chain[-1] in ("QtWidgets",) and attr in MOVED_TO_QTGUI:
            self.add(node, "moved-to-qtgui", self.moved_message(attr))
        if attr in REMOVED_CLASSES and chain[-1].startswith("Qt"):
            self.add(node, "removed-class", f"{attr} is not in Qt 6 → {REMOVED_CLASSES[attr]}")
        if attr == "qApp" and chain[-1].startswith("Qt"):
            self.add(node, "qapp", "qApp is not in PyQt6 → QApplication.instance()")
        key = self.class_key(chain)
        owner = key
        if key is None and len(chain) >= 2:  # `Class.Enum.value`: check the removed values through the enum
            owner = self.class_key(chain[:-1])
        for cls, removed in REMOVED_VALUES.items():
            if owner and owner.split(".")[-1] == cls and attr in removed:
                self.add(node, "removed-enum", f"{cls}.{attr} is gone in Qt 6 → {removed[attr]}")
                return
        if key is None:
            return
        if key == "QVariant":
            self.check_qvariant(node, attr)
            return
        scoped = self.index.members.get(key, {}).get(attr)
        if scoped:
            forms = " or ".join(sorted(scoped))
            self.add(node, "unscoped-enum", f"unscoped enum {key}.{attr} → {forms}")
        enum_name = self.index.flags.get(key, {}).get(attr)
        if enum_name:
            self.add(node, "qflags-class", f"QFlags class {key}.{attr} is not in PyQt6 → {key}.{enum_name} "
                                           "(values combine with |)")

    def check_qvariant(self, node: ast.Attribute, attr: str) -> None:
        if attr == "Type":
            self.add(node, "qvariant-type", "QVariant.Type is not in PyQt6 → QMetaType.Type")
        elif attr in self.index.qvariant_types:
            target = self.index.qvariant_types[attr]
            form = f"QMetaType.Type.{target}" if target else "a QMetaType.Type value"
            self.add(node, "qvariant-type", f"QVariant.{attr} (QVariant.Type) is not in PyQt6 → {form} "
                                            "(QgsField takes QMetaType.Type from QGIS 3.38; before that only "
                                            "QVariant.Type: choose by Qgis.QGIS_VERSION_INT)")

    # -- signals ---------------------------------------------------------------------------------------------

    def visit_Subscript(self, node: ast.Subscript) -> None:
        value, index = node.value, node.slice
        if isinstance(value, ast.Attribute) and value.attr in REMOVED_OVERLOADS:
            if isinstance(index, ast.Name):
                chosen = index.id
            elif isinstance(index, ast.Constant) and isinstance(index.value, str):
                chosen = repr(index.value)
            else:
                chosen = None
            better = REMOVED_OVERLOADS[value.attr].get(chosen or "")
            if better:
                self.add(node, "signal-overload", f"the {value.attr}[{chosen}] overload is gone in Qt 6 → {better}")
        self.generic_visit(node)


# --- the .ui checker -------------------------------------------------------------------------------------

def check_ui(path: str, text: str) -> List[Finding]:
    """Qt Designer files: compiled resources, removed widget classes, a layout's single `margin`.
    Their enum values stay unscoped (`Qt::AlignRight`): PyQt5's uic cannot read the scoped C++ form."""
    findings: List[Finding] = []
    parser = xml.parsers.expat.ParserCreate()
    stack: List[Tuple[str, Dict[str, str]]] = []

    def start(tag: str, attrs: Dict[str, str]) -> None:
        line = parser.CurrentLineNumber
        if tag == "include" and stack and stack[-1][0] == "resources" and attrs.get("location", "").endswith(".qrc"):
            findings.append(Finding(path, line, 0, f"compiled resources ({attrs['location']}) are gone in Qt 6 → "
                                                "set icons from file paths in code", "compiled-resources"))
        if tag == "widget" and attrs.get("class") in REMOVED_CLASSES:
            cls = attrs["class"]
            findings.append(Finding(path, line, 0, f"{cls} is not in Qt 6 → {REMOVED_CLASSES[cls]}", "removed-class"))
        if tag == "property" and attrs.get("name") == "margin" and stack and stack[-1][0] == "layout":
            findings.append(Finding(path, line, 0, "a layout's margin property calls QLayout.setMargin, gone in Qt 6 → "
                                                "leftMargin/topMargin/rightMargin/bottomMargin", "layout-setmargin"))
        stack.append((tag, attrs))

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: stack.pop()
    parser.Parse(text, True)
    return findings


# --- files and waivers -----------------------------------------------------------------------------------

def waived(finding: Finding, lines: Sequence[str]) -> bool:
    if not 0 < finding.line <= len(lines):
        return False
    match = WAIVER.search(lines[finding.line - 1])
    return bool(match) and finding.rule in {r.strip() for r in match.group(1).split(",")}


def check_source(path: str, text: str, index: QtIndex) -> List[Finding]:
    """The findings in one file's text (.py or .ui), waivers applied."""
    if path.endswith(".ui"):
        found = check_ui(path, text)
    else:
        checker = PythonChecker(path, index)
        checker.visit(ast.parse(text, filename=path))
        found = checker.findings
    lines = text.splitlines()
    return sorted({f for f in found if not waived(f, lines)})


def source_files(paths: Iterable[str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            yield path
            continue
        for candidate in sorted(path.rglob("*")):
            if candidate.suffix in (".py", ".ui") and not SKIP_DIRS & set(candidate.relative_to(path).parts):
                yield candidate


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="files or folders (default: crimemap_plugin tests scripts)")
    parser.add_argument("--summary", action="store_true", help="end with the count of findings per rule")
    args = parser.parse_args(argv)
    paths = args.paths or [str(REPO / p) for p in DEFAULT_PATHS]
    index = build_index()
    if "AlignRight" not in index.members.get("Qt", {}):
        print("check_qt6: these bindings have no unscoped enums (PyQt6?): run it on Qt 5 bindings to find them",
              file=sys.stderr)
    findings: List[Finding] = []
    for path in source_files(paths):
        shown = str(path.resolve().relative_to(REPO)) if path.resolve().is_relative_to(REPO) else str(path)
        findings += check_source(shown, path.read_text(encoding="utf-8"), index)
    for finding in findings:
        print(finding)
    if args.summary or findings:
        counts = Counter(f.rule for f in findings)
        detail = ", ".join(f"{rule} {n}" for rule, n in counts.most_common())
        print(f"{len(findings)} Qt 6 finding(s){': ' + detail if detail else ''}", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

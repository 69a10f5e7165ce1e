"""scripts/check_qt6.py: each Qt5-only idiom it must find, the Qt 6 form it proposes, and what it must leave alone.

The checker reads the enum namespaces from the bindings it runs on; these tests check its proposals against
the same bindings independently: every scoped form it proposes is evaluated and must be the very value the
unscoped spelling gave.
"""

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _load_checker():
    spec = importlib.util.spec_from_file_location("check_qt6", REPO / "scripts" / "check_qt6.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_qt6"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


check_qt6 = _load_checker()


@pytest.fixture(scope="module")
def index():
    return check_qt6.build_index()


def findings(index, source, path="snippet.py"):
    return check_qt6.check_source(path, textwrap.dedent(source).lstrip("\n"), index)


def rules(index, source, path="snippet.py"):
    return [f.rule for f in findings(index, source, path)]


def namespace():
    """Every name the snippets use, from the bindings themselves."""
    from qgis import core
    from qgis.PyQt import QtCore, QtGui, QtWidgets
    names = {}
    for module in (QtCore, QtGui, QtWidgets, core):
        names.update({k: v for k, v in vars(module).items() if not k.startswith("_")})
    return names


# --- unscoped enums -------------------------------------------------------------------------------------

def test_unscoped_qt_enums_get_their_scoped_form(index):
    found = findings(index, """
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtGui import QPainter
        from qgis.PyQt.QtWidgets import QSizePolicy
        label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        policy = QSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        painter.setRenderHint(QPainter.Antialiasing)
    """)
    assert [(f.line, f.rule) for f in found] == [(4, "unscoped-enum")] * 2 + [(5, "unscoped-enum")] * 2 + [
        (6, "unscoped-enum")]
    messages = [f.message for f in found]
    assert messages == ["unscoped enum Qt.AlignRight → Qt.AlignmentFlag.AlignRight",
                        "unscoped enum Qt.AlignVCenter → Qt.AlignmentFlag.AlignVCenter",
                        "unscoped enum QSizePolicy.Expanding → QSizePolicy.Policy.Expanding",
                        "unscoped enum QSizePolicy.Preferred → QSizePolicy.Policy.Preferred",
                        "unscoped enum QPainter.Antialiasing → QPainter.RenderHint.Antialiasing"]
    assert str(found[0]) == "snippet.py:4: unscoped enum Qt.AlignRight → Qt.AlignmentFlag.AlignRight [unscoped-enum]"


def test_scoped_enums_are_clean(index):
    assert findings(index, """
        from qgis.PyQt.QtCore import Qt
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        role = Qt.ItemDataRole.UserRole + 1
        level = Qgis.MessageLevel.Info
        kind = QgsProcessing.SourceType.TypeVectorPolygon
    """) == []


def test_aliases_and_module_paths_resolve(index):
    found = findings(index, """
        from qgis.PyQt import QtCore
        from qgis.PyQt.QtCore import Qt as Q
        a = Q.AlignLeft
        b = QtCore.Qt.UserRole
    """)
    assert [f.message for f in found] == ["unscoped enum Qt.AlignLeft → Qt.AlignmentFlag.AlignLeft",
                                          "unscoped enum Qt.UserRole → Qt.ItemDataRole.UserRole"]


@pytest.mark.parametrize("expression", [
    "Qt.AlignRight", "Qt.UserRole", "Qt.RightDockWidgetArea", "QSizePolicy.Expanding", "QPainter.Antialiasing",
    "QEvent.DeferredDelete", "QMessageBox.Yes", "QLabel.HLine", "QFileDialog.DontConfirmOverwrite", "Qgis.Info",
    "QgsProcessing.TypeVectorPolygon", "QgsLayoutItemPage.Landscape", "QgsFeatureSink.FastInsert",
    "QgsUnitTypes.LayoutMillimeters", "QgsLayoutExporter.Success", "QMetaType.Int",
])
def test_every_proposed_form_is_the_same_value(index, expression):
    """The proposal is evaluated in the bindings: the same object, reached through its enum."""
    found = findings(index, f"value = {expression}\n")
    assert [f.rule for f in found] == ["unscoped-enum"]
    forms = found[0].message.split(" → ")[1].split(" or ")
    names = namespace()
    original = eval(expression, names)
    for form in forms:
        assert form != expression and form.count(".") >= 2
        assert eval(form, names) == original
        assert type(eval(form, names)) is type(original)


def test_an_enum_inherited_by_a_subclass_is_scoped_through_the_subclass(index):
    found = findings(index, "line = QLabel.HLine\n")
    assert found[0].message == "unscoped enum QLabel.HLine → QLabel.Shape.HLine"


def test_a_subclass_defined_in_the_file_inherits_the_enums(index):
    found = findings(index, """
        class Dialog(QDialog):
            pass
        if Dialog().exec() == Dialog.Accepted:
            pass
    """)
    assert [f.message for f in found] == ["unscoped enum QDialog.Accepted → QDialog.DialogCode.Accepted"]


def test_qflags_classes_are_not_in_pyqt6(index):
    found = findings(index, """
        flags = Qt.Alignment(Qt.AlignmentFlag.AlignLeft)
        def flags(self) -> QgsProcessingAlgorithm.Flags:
            return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading
    """)
    assert [(f.line, f.rule, f.message) for f in found] == [
        (1, "qflags-class", "QFlags class Qt.Alignment is not in PyQt6 → Qt.AlignmentFlag (values combine with |)"),
        (2, "qflags-class", "QFlags class QgsProcessingAlgorithm.Flags is not in PyQt6 → QgsProcessingAlgorithm.Flag "
                            "(values combine with |)")]


def test_enum_values_qt6_removed_are_named_with_their_replacement(index):
    found = findings(index, """
        a = Qt.MidButton
        b = Qt.MouseButton.MidButton
        c = QPainter.HighQualityAntialiasing
        d = QPalette.Background
    """)
    assert [f.rule for f in found] == ["removed-enum"] * 4
    assert "Qt.MouseButton.MiddleButton" in found[0].message and "Qt.MouseButton.MiddleButton" in found[1].message
    assert "QPainter.RenderHint.Antialiasing" in found[2].message
    assert "QPalette.ColorRole.Window" in found[3].message


# --- QVariant -------------------------------------------------------------------------------------------

def test_qvariant_types_map_to_qmetatype_by_value(index):
    from qgis.PyQt.QtCore import QMetaType, QVariant
    found = findings(index, """
        fields = [QgsField("a", QVariant.Int), QgsField("b", QVariant.String), QgsField("c", QVariant.Double)]
        kind: QVariant.Type = QVariant.LongLong
    """)
    assert [f.rule for f in found] == ["qvariant-type"] * 5
    proposed = [f.message.split(" → ")[1].split(" ")[0] for f in found]
    assert proposed == ["QMetaType.Type.Int", "QMetaType.Type.QString", "QMetaType.Type.Double", "QMetaType.Type",
                        "QMetaType.Type.LongLong"]
    for form, name in zip(proposed, ["Int", "String", "Double", None, "LongLong"]):
        if name:  # the same number: Qt 5 defined QVariant::Type from QMetaType::Type
            assert int(eval(form, {"QMetaType": QMetaType})) == int(getattr(QVariant, name))
    assert "QGIS 3.38" in found[0].message


def test_qmetatype_and_typed_values_are_clean(index):
    assert findings(index, """
        field = QgsField("a", QMetaType.Type.Int)
        value = QVariant(42)
        empty = NULL
    """) == []


def test_null_qvariants_become_null(index):
    found = findings(index, """
        a = QVariant()
        b = QVariant(QVariant.Int)
    """)
    assert [f.rule for f in found] == ["qvariant-null", "qvariant-null", "qvariant-type"]
    assert "NULL (from qgis.core)" in found[0].message


def test_a_waiver_names_its_rule(index):
    waived = "t = QVariant.Int  # qt6-check: ignore[qvariant-type] QGIS < 3.38 needs QVariant.Type\n"
    assert findings(index, waived) == []
    assert rules(index, "t = QVariant.Int  # qt6-check: ignore[unscoped-enum] wrong rule\n") == ["qvariant-type"]


# --- calls, imports, classes ----------------------------------------------------------------------------

def test_exec_underscore(index):
    found = findings(index, """
        dialog.exec_()
        class Dialog:
            def exec_(self):
                return 0
        spec.loader.exec_module(module)
        dialog.exec()
    """)
    assert [(f.line, f.rule) for f in found] == [(1, "exec-underscore"), (3, "exec-underscore")]
    assert found[0].message == ".exec_() → .exec()"


def test_pyqt_imports_go_through_qgis_pyqt(index):
    found = findings(index, """
        from PyQt5.QtCore import Qt
        import PyQt5.QtWidgets
        from PyQt6 import QtGui
        import sip
        from qgis.PyQt.Qt import Qt
        from qgis.PyQt.QtWebKit import QWebView
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt import sip
    """)
    assert [(f.line, f.rule) for f in found] == [(1, "pyqt-import"), (2, "pyqt-import"), (3, "pyqt-import"),
                                                 (4, "pyqt-import"), (5, "removed-module"), (6, "removed-module")]
    assert "qgis.PyQt.QtCore" in found[0].message and "qgis.PyQt.QtWidgets" in found[1].message


def test_removed_classes(index):
    found = findings(index, """
        from qgis.PyQt.QtCore import QRegExp, QRegularExpression
        from qgis.PyQt.QtWidgets import QDesktopWidget
        pattern = QtCore.QRegExp("a+")
        size = QApplication.desktop().screenGeometry()
        screen = QGuiApplication.primaryScreen()
    """)
    assert [(f.line, f.rule) for f in found] == [(1, "removed-class"), (2, "removed-class"), (3, "removed-class"),
                                                 (4, "desktop")]
    assert "QRegularExpression" in found[0].message and "QScreen" in found[1].message


def test_qaction_from_qtwidgets_unless_it_is_the_qt5_fallback(index):
    found = findings(index, """
        from qgis.PyQt.QtWidgets import QAction, QMenu
        shortcut = QtWidgets.QShortcut(window)
        try:
            from qgis.PyQt.QtGui import QAction
        except ImportError:
            from qgis.PyQt.QtWidgets import QAction
        try:
            from qgis.PyQt.QtGui import QIcon
        except ImportError:
            from qgis.PyQt.QtWidgets import QActionGroup
    """)
    assert [(f.line, f.rule) for f in found] == [(1, "moved-to-qtgui"), (2, "moved-to-qtgui"), (10, "moved-to-qtgui")]
    assert "QtGui" in found[0].message and "QAction" in found[0].message


def test_qapp(index):
    found = findings(index, """
        from qgis.PyQt.QtWidgets import qApp
        app = QtWidgets.qApp
    """)
    assert [f.rule for f in found] == ["qapp", "qapp"]
    assert "QApplication.instance()" in found[0].message


def test_selecting_a_signal_overload_qt6_removed(index):
    found = findings(index, """
        combo.activated[str].connect(on_text)
        combo.currentIndexChanged['QString'].connect(on_text)
        spin.valueChanged[str].connect(on_text)
        group.buttonClicked[int].connect(on_id)
        spin.valueChanged[int].connect(on_value)
        combo.activated[int].connect(on_index)
        combo.textActivated.connect(on_text)
        hint: typing.Optional[str] = None
        rows = table.rows[0]
    """)
    assert [(f.line, f.rule) for f in found] == [(1, "signal-overload"), (2, "signal-overload"), (3, "signal-overload"),
                                                 (4, "signal-overload")]
    assert [f.message.split(" → ")[1] for f in found] == ["textActivated", "currentTextChanged", "textChanged",
                                                         "idClicked"]


def test_font_metrics_width(index):
    found = findings(index, """
        a = QFontMetrics(font).width("label")
        def paint(self, painter):
            fm = painter.fontMetrics()
            b = fm.width("label")
            c = fm.horizontalAdvance("label")
            d = fm.boundingRect("label").width()
            e = self.rect().width()
            fm = self.rect()
            f = fm.width()
    """)
    assert [(f.line, f.rule) for f in found] == [(1, "fontmetrics-width"), (4, "fontmetrics-width")]
    assert "horizontalAdvance()" in found[0].message


def test_layout_set_margin(index):
    found = findings(index, """
        layout = QVBoxLayout()
        layout.setMargin(0)
        self.mainLayout.setMargin(2)
        widget.layout().setMargin(4)
        label.setMargin(2)
        label.setMarginX(0)
        layout = QgsPrintLayout(project)
        layout.setMargin(1)
        layout.setContentsMargins(0, 0, 0, 0)
    """)
    assert [(f.line, f.rule) for f in found] == [(2, "layout-setmargin"), (3, "layout-setmargin"),
                                                 (4, "layout-setmargin")]


def test_event_positions_in_handlers(index):
    found = findings(index, """
        class Tool:
            def mousePressEvent(self, event):
                here = event.pos()
                there = event.globalPos()
                x = event.x()
                fine = event.position()
            def canvasReleaseEvent(self, e):
                point = e.pos()
                corner = e.globalPos()
                also = e.mapPoint()
            def wheelEvent(self, ev):
                steps = ev.delta()
            def dropEvent(self, ev):
                at = ev.pos()
            def other(self, item):
                return item.globalPos()
    """)
    assert [(f.line, f.rule) for f in found] == [(4, "event-position"), (5, "event-position"), (9, "event-position"),
                                                 (12, "event-position"), (14, "event-position")]
    assert "globalPosition().toPoint()" in found[0].message and "position().x()" in found[1].message
    assert "pixelPoint()" in found[2].message
    assert "angleDelta().y()" in found[3].message and "position()" in found[4].message


def test_qdatetime_constructors_qt6_dropped(index):
    found = findings(index, """
        a = QDateTime(2024, 1, 2, 3, 4, 5, 0, Qt.TimeSpec.UTC)
        b = QDateTime(QDate(2024, 1, 2))
        c = QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5))
    """)
    assert [(f.line, f.rule) for f in found] == [(1, "qdatetime-ctor"), (2, "qdatetime-ctor")]


def test_fragile_add_action_and_compiled_resources(index):
    found = findings(index, """
        from . import resources
        import resources_rc
        menu.addAction(icon, "Open", self.open, "Ctrl+O")
        menu.addAction(action)
    """)
    assert [(f.line, f.rule) for f in found] == [(1, "compiled-resources"), (2, "compiled-resources"),
                                                 (3, "fragile-addaction")]


# --- .ui files and the command ----------------------------------------------------------------------------

def test_ui_files(index):
    ui = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ui version="4.0">
         <widget class="QWidget" name="w">
          <layout class="QVBoxLayout" name="lay">
           <property name="margin"><number>0</number></property>
           <property name="leftMargin"><number>0</number></property>
           <item><widget class="QLabel" name="l">
            <property name="alignment"><set>Qt::AlignRight</set></property></widget></item>
           <item><widget class="QDesktopWidget" name="d"/></item>
          </layout>
         </widget>
         <resources>
          <include location="resources.qrc"/>
         </resources>
        </ui>
    """
    found = findings(index, ui, path="form.ui")
    assert [(f.line, f.rule) for f in found] == [(5, "layout-setmargin"), (9, "removed-class"),
                                                 (13, "compiled-resources")]


def test_main_exit_status_and_lines(index, tmp_path, capsys):
    bad = tmp_path / "bad.py"
    bad.write_text("from qgis.PyQt.QtCore import Qt\nx = Qt.AlignRight\ny = dialog.exec_()\n", encoding="utf-8")
    good = tmp_path / "good.py"
    good.write_text("from qgis.PyQt.QtCore import Qt\nx = Qt.AlignmentFlag.AlignRight\n", encoding="utf-8")
    assert check_qt6.main([str(good)]) == 0
    assert capsys.readouterr().out == ""
    assert check_qt6.main([str(tmp_path)]) == 1
    out = capsys.readouterr()
    shown = bad.resolve().relative_to(check_qt6.REPO) if bad.resolve().is_relative_to(check_qt6.REPO) else bad
    assert out.out.splitlines() == [
        f"{shown}:2: unscoped enum Qt.AlignRight → Qt.AlignmentFlag.AlignRight [unscoped-enum]",
        f"{shown}:3: .exec_() → .exec() [exec-underscore]"]
    assert out.err.strip() == "2 Qt 6 finding(s): unscoped-enum 1, exec-underscore 1"

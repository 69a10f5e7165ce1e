"""One log helper: the QGIS message log under the plugin's tag, and the message bar on request.

`log()` may be called from any thread. Message-log writes are thread-safe in QGIS; message-bar
pushes are relayed to the main thread through a queued signal on an object that lives there.
"""

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtWidgets import QApplication

TAG = "Crime Map"

INFO = Qgis.MessageLevel.Info
WARNING = Qgis.MessageLevel.Warning
CRITICAL = Qgis.MessageLevel.Critical
SUCCESS = Qgis.MessageLevel.Success


class _BarRelay(QObject):
    push = pyqtSignal(str, str, int, int)

    def __init__(self, iface):
        super().__init__()
        self._iface = iface
        self.push.connect(self._on_push)

    def _on_push(self, title, text, level, duration):
        bar = self._iface.messageBar() if self._iface else None
        if bar is not None:
            bar.pushMessage(title, text, Qgis.MessageLevel(level), duration)


_relay = None


def install(iface) -> None:
    """Called from the plugin's initGui (main thread) so bar messages have somewhere to go."""
    global _relay
    uninstall()
    _relay = _BarRelay(iface)
    app = QApplication.instance()
    if app is not None and _relay.thread() is not app.thread():
        _relay.moveToThread(app.thread())


def uninstall() -> None:
    global _relay
    if _relay is not None:
        _relay.push.disconnect()
        _relay.deleteLater()
        _relay = None


def log(message: str, level=INFO, bar: bool = False, title: str = TAG, duration: int = -1) -> None:
    """Write to the message log; with bar=True also show it in the message bar.

    duration is in seconds: -1 is the QGIS default for the level, 0 keeps the message until closed.
    """
    QgsMessageLog.logMessage(str(message), TAG, level)
    if bar and _relay is not None:
        # Emitting is safe from any thread: the connection is queued when crossing threads.
        _relay.push.emit(title, str(message), int(level), duration)


"""The API transport through QGIS's network stack, so proxies and authentication set in QGIS apply.

QgsBlockingNetworkRequest must not run on the main thread (it would freeze QGIS): use it from
QgsTask.run() or a Processing algorithm, which QGIS runs in a worker thread.

Every request has an overall deadline: the transfer timeout alone restarts with each byte, so a server
sending one byte every few seconds would hold it for ever. A watchdog ends the request at the deadline,
as soon as the user cancels, or once the answer grows beyond any police.uk answer.
"""

import threading
import time
from typing import Callable, Optional

from qgis.core import QgsBlockingNetworkRequest, QgsFeedback
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

from .core.api import MAX_BODY, Response, TransportError

WATCH_EVERY = 0.2   # seconds between the watchdog's looks


class QgisTransport:
    """core.api.Transport over QgsBlockingNetworkRequest (QgsNetworkAccessManager underneath)."""

    def __init__(self, auth_cfg: str = "", cancelled: Optional[Callable[[], bool]] = None):
        self.auth_cfg = auth_cfg
        self.cancelled = cancelled or (lambda: False)

    def request(self, method, url, data=None, timeout=30.0) -> Response:
        if method != "GET":
            raise TransportError(f"{method} is not used with police.uk")
        request = QNetworkRequest(QUrl(url))
        request.setRawHeader(b"Accept", b"application/json")
        request.setTransferTimeout(int(timeout * 1000))
        blocking = QgsBlockingNetworkRequest()
        if self.auth_cfg:
            blocking.setAuthCfg(self.auth_cfg)
        feedback = QgsFeedback()
        why = []
        too_big = threading.Event()

        def progress(received, _total):
            if received > MAX_BODY:
                too_big.set()

        blocking.downloadProgress.connect(progress)
        stop = threading.Event()
        deadline = time.monotonic() + timeout

        def watch():
            while not stop.wait(WATCH_EVERY):
                if too_big.is_set():
                    why.append(f"the answer grew beyond {MAX_BODY >> 20} MB")
                elif self.cancelled():
                    why.append("cancelled")
                elif time.monotonic() > deadline:
                    why.append(f"no complete answer within {timeout:.0f} s")
                else:
                    continue
                feedback.cancel()
                return

        watchdog = threading.Thread(target=watch, name="crimemap-request-deadline", daemon=True)
        watchdog.start()
        try:
            # forceRefresh: always ask police.uk (the offline copy is the store, not QGIS's cache).
            error = blocking.get(request, True, feedback)
        finally:
            stop.set()
            watchdog.join()
        if why:
            raise TransportError(why[0])
        reply = blocking.reply()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        if error != QgsBlockingNetworkRequest.ErrorCode.NoError and not status:  # no HTTP answer at all
            raise TransportError(blocking.errorMessage() or f"network error {int(reply.error())}")
        if not status:
            raise TransportError("no HTTP answer")
        headers = {bytes(name).decode("latin-1"): bytes(reply.rawHeader(name)).decode("latin-1")
                   for name in reply.rawHeaderList()}
        return Response(int(status), bytes(reply.content()), headers)

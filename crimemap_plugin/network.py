"""The API transport through QGIS's network stack, so proxies and authentication set in QGIS apply.

QgsBlockingNetworkRequest must not run on the main thread (it would freeze QGIS): use it from
QgsTask.run() or a Processing algorithm, which QGIS runs in a worker thread.
"""

from qgis.core import QgsBlockingNetworkRequest
from qgis.PyQt.QtCore import QByteArray, QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

from .core.api import Response, TransportError


class QgisTransport:
    """core.api.Transport over QgsBlockingNetworkRequest (QgsNetworkAccessManager underneath)."""

    def __init__(self, auth_cfg: str = ""):
        self.auth_cfg = auth_cfg

    def request(self, method, url, data=None, timeout=30.0) -> Response:
        request = QNetworkRequest(QUrl(url))
        request.setRawHeader(b"Accept", b"application/json")
        request.setTransferTimeout(int(timeout * 1000))
        blocking = QgsBlockingNetworkRequest()
        if self.auth_cfg:
            blocking.setAuthCfg(self.auth_cfg)
        if method == "POST":
            request.setHeader(QNetworkRequest.ContentTypeHeader, "application/x-www-form-urlencoded")
            error = blocking.post(request, QByteArray(data or b""))
        else:
            # forceRefresh: always ask police.uk (the offline copy is the store, not QGIS's cache).
            error = blocking.get(request, True)
        reply = blocking.reply()
        status = reply.attribute(QNetworkRequest.HttpStatusCodeAttribute)
        if error != QgsBlockingNetworkRequest.NoError and not status:  # no HTTP answer at all
            raise TransportError(blocking.errorMessage() or f"network error {int(reply.error())}")
        headers = {bytes(name).decode("latin-1"): bytes(reply.rawHeader(name)).decode("latin-1")
                   for name in reply.rawHeaderList()}
        return Response(int(status or 0), bytes(reply.content()), headers)

"""Field types as QgsField takes them on every supported QGIS: QMetaType.Type from QGIS 3.38 (the only
kind Qt 6 has), QVariant.Type before (QGIS 3.22 to 3.36 know no other)."""

from qgis.core import Qgis

if Qgis.QGIS_VERSION_INT >= 33800:
    from qgis.PyQt.QtCore import QMetaType
    TEXT, WHOLE, LONG, REAL, BOOL = (QMetaType.Type.QString, QMetaType.Type.Int, QMetaType.Type.LongLong,
                                     QMetaType.Type.Double, QMetaType.Type.Bool)
else:
    from qgis.PyQt.QtCore import QVariant
    TEXT, WHOLE, LONG, REAL, BOOL = (
        QVariant.String, QVariant.Int,  # qt6-check: ignore[qvariant-type] QGIS < 3.38 takes only QVariant.Type
        QVariant.LongLong, QVariant.Double,  # qt6-check: ignore[qvariant-type] QGIS < 3.38
        QVariant.Bool)  # qt6-check: ignore[qvariant-type] QGIS < 3.38

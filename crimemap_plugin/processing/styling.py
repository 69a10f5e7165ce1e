"""Styling Processing outputs: a layer post-processor for loaded outputs, and the default style saved
inside GeoPackage outputs (layer_styles) so they open styled in any QGIS."""

from qgis.core import QgsProcessingLayerPostProcessorInterface, QgsProcessingUtils, QgsVectorLayer

from ..i18n import tr


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Applies a styling function to an output layer once Processing has loaded it."""

    _keep = []  # Processing holds a plain pointer: keep the Python objects alive

    def __init__(self, apply):
        super().__init__()
        self._apply = apply

    def postProcessLayer(self, layer, context, feedback):
        self._apply(layer)

    @classmethod
    def create(cls, apply):
        instance = cls(apply)
        cls._keep.append(instance)
        del cls._keep[:-20]
        return instance


def save_default_style(layer, description: str = "Crime Map comparison") -> str:
    """Save the layer's style as the default in its GeoPackage; returns an error text or ''."""
    result = layer.saveStyleToDatabase("crimemap", description, True, "")
    # 3.22 returns the error message; later versions may return (ok, message)
    if isinstance(result, tuple):
        return "" if result[0] in (True, None) or result[-1] == "" else str(result[-1])
    return result or ""


def style_geopackage_output(dest, context, feedback, apply, description: str = "Crime Map comparison") -> None:
    """Once a sink is written: a GeoPackage output styled by `apply(layer)` and the style saved in the
    file as its default, so it opens styled in any QGIS (other outputs are left as they are)."""
    if not dest or not str(dest).lower().split("|")[0].endswith(".gpkg"):
        return
    layer = QgsProcessingUtils.mapLayerFromString(dest, context)
    if not isinstance(layer, QgsVectorLayer):
        return
    apply(layer)
    error = save_default_style(layer, description)
    if error:
        feedback.reportError(tr("The style could not be saved in the GeoPackage: {}").format(error))

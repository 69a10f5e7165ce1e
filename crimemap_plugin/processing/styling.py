"""Styling Processing outputs: a layer post-processor for loaded outputs, and the default style saved
inside GeoPackage outputs (layer_styles) so they open styled in any QGIS."""

from qgis.core import QgsProcessingLayerPostProcessorInterface


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


def save_default_style(layer) -> str:
    """Save the layer's style as the default in its GeoPackage; returns an error text or ''."""
    result = layer.saveStyleToDatabase("crimemap", "Crime Map comparison", True, "")
    # 3.22 returns the error message; later versions may return (ok, message)
    if isinstance(result, tuple):
        return "" if result[0] in (True, None) or result[-1] == "" else str(result[-1])
    return result or ""

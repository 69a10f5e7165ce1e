"""Grid results written to a Processing sink: the cells as squares with their attributes, a batch at a
time, with progress and cancelling between batches."""

import math

from qgis.core import QgsFeatureSink

from ..layers.hotspot_layers import grid_features


def finite_or_none(value):
    """A number for an attribute: NaN and infinities become NULL."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


GRID_BATCH = 20000   # grid cells handed to the sink at a time


def write_grid(sink, fields, result, rows, feedback, progress_from: float) -> None:
    """The cells of a grid result (x0, y0, cell_size, n_cells) with their attribute `rows` into `sink`,
    a batch at a time; progress from `progress_from` to 100; stops between batches when cancelled."""
    batch = []
    total = max(result.n_cells, 1)
    for k, feature in enumerate(grid_features(fields, result.x0, result.y0, result.cell_size,
                                              (list(r) for r in rows))):
        batch.append(feature)
        if len(batch) == GRID_BATCH:
            if feedback.isCanceled():
                break
            sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
            batch = []
            feedback.setProgress(progress_from + (100 - progress_from) * k / total)
    if batch:
        sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)

"""The "Where" view's work, in its task: the period's (and the baseline's) crimes in the area read from
the store, and how concentrated they are (core.concentration); a sentence instead when the area's
force lacks months of the period."""

from dataclasses import dataclass

import numpy as np

from ..core import categories
from ..core import concentration as co
from ..i18n import tr
from .view_context import ViewContext, area_reach, gap_words, months_words, open_read_only


@dataclass(frozen=True)
class WhereFigures:
    concentration: co.Concentration
    unlocated: int               # crimes of the area's force in the period without a location
    baseline_gap: str            # why the baseline is not compared ('' when it is)


def where_work(context: ViewContext, store_spec: str):
    """The task's work: the period's (and baseline's) crimes in the area, and their concentration;
    a sentence instead when the area's force lacks months of the period."""
    def work(cancelled):
        with open_read_only(store_spec) as store:
            status = store.month_status("street")
            missing, partial = status.gaps(context.force, context.period.months)
            said = gap_words(tr("street crimes"), context.force_name(), missing, partial)
            if said:
                return said
            reach = area_reach(store, context)
            category = None if context.category == categories.ALL_CRIME else context.category
            columns = ["month", "force", "location"]
            now = store.table_frame("street", columns, context.period.start, context.period.end, reach.read,
                                    category=category)
            before, baseline_gap = None, ""
            if context.baseline is not None:
                b_missing, b_partial = status.gaps(context.force, context.baseline.months)
                if b_missing or b_partial:
                    baseline_gap = tr("Before and change are not shown: {} has no whole data for {}.").format(
                        context.force_name(), months_words(b_missing + b_partial))
                elif not cancelled():
                    before = store.table_frame("street", columns, context.baseline.start, context.baseline.end,
                                               reach.read, category=category)
        if cancelled():
            return None

        def values(frame):
            return (frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float),
                    frame["location"].to_numpy(dtype=object))
        lon, lat, location = values(now)
        b_lon, b_lat, b_location = values(before) if before is not None else (None, None, None)
        result = co.concentration(lon, lat, location, b_lon, b_lat, b_location, area=reach.polygons)
        own = now["force"].to_numpy(dtype=object) == context.force
        unlocated = int((own & np.isnan(lon)).sum())
        return WhereFigures(result, unlocated, baseline_gap)
    return work

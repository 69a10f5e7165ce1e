"""The dock's "Outcomes" view: what has happened so far to the selected area's crimes of the period.

A stacked bar by outcome group (police.uk's grouping, colours in a key, counts and shares in
tooltips), the charge or summons rate, the median months from crime to outcome, how complete the
outcomes are in words, and the like-for-like line (the same period a year earlier observed at the
same lag) when the store holds that period. The figures are processing.outcome_table's, for the one
area, read only for the forces whose crimes can lie in it (its own at force level).

An area whose force lacks a street month of the period says "no data"; one that lacks an outcomes
month since the period began shows its crimes and says the outcomes have no data.
"""

from typing import Optional

import pandas as pd
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QLabel, QVBoxLayout

from ..core import outcome_wordings as ow
from ..core import outcomes as oc
from ..core.compare import FORCE, NEIGHBOURHOOD, force_areas
from ..core.periods import Period
from ..i18n import tr, tr_noop
from ..processing.area_points import with_areas
from ..processing.outcome_table import MAX_MONTHS, OutcomeTable, outcome_table
from .charts import Part, StackedBar, percent
from .view_context import ContextView, ViewContext, area_reach, gap_words, open_read_only

# The groups in police.uk's words (core.outcome_wordings.GROUP_LABELS), marked for translation, with
# colour-blind-safe colours (Okabe–Ito): results first, statuses greyed last.
GROUP_WORDS = {
    ow.CHARGED: tr_noop("Charged or summonsed"),
    ow.CAUTIONED: tr_noop("Cautioned or community resolution"),
    ow.NO_SUSPECT: tr_noop("No suspect identified"),
    ow.UNABLE: tr_noop("Unable to prosecute"),
    ow.OTHER: tr_noop("Other outcome"),
    ow.UNDER_INVESTIGATION: tr_noop("Under investigation"),
    ow.NO_OUTCOME: tr_noop("No outcome recorded"),
}
GROUP_COLOURS = {
    ow.CHARGED: "#0072b2", ow.CAUTIONED: "#56b4e9", ow.NO_SUSPECT: "#e69f00", ow.UNABLE: "#d55e00",
    ow.OTHER: "#cc79a7", ow.UNDER_INVESTIGATION: "#f0e442", ow.NO_OUTCOME: "#bbbbbb",
}
ORDER = tuple(GROUP_WORDS)


class ForcesOnly:
    """A store read through: its point layers read for the given forces only (the crimes and outcome
    entries of other forces cannot belong to the area). Everything else is the store's own."""

    def __init__(self, store, forces):
        self._store = store
        self._forces = list(forces)

    def table_frame(self, kind, columns, start=None, end=None, forces=None, category=None, located_only=False):
        return self._store.table_frame(kind, columns, start, end, forces or self._forces, category=category,
                                       located_only=located_only)

    def __getattr__(self, name):
        return getattr(self._store, name)


def outcomes_work(context: ViewContext, store_spec: str):
    """The task's work: the outcome table of the one area (an OutcomeTable)."""
    def work(cancelled):
        with open_read_only(store_spec) as store:
            assign = None
            if context.level == FORCE:
                areas = force_areas()
                reader = ForcesOnly(store, [context.force])
            else:
                reach = area_reach(store, context)
                areas = store.neighbourhood_areas(context.force)
                codes, rings = [context.area_code] * len(reach.rings), list(reach.rings)
                assign = lambda frame: with_areas(frame, codes, rings)  # noqa: E731
                reader = ForcesOnly(store, reach.read)
            areas = areas[areas["area_code"] == context.area_code]
            if areas.empty:
                raise ValueError(tr("{} is not a known area").format(context.area_code))
            if cancelled():
                return None
            return outcome_table(reader, context.level, context.category, context.period, areas, assign)
    return work


def _value(v) -> Optional[float]:
    if v is None or v is pd.NA:
        return None
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return None if v != v else v


def months_text(n: float) -> str:
    """'1 month', '2.5 months'."""
    return tr("1 month") if n == 1 else tr("{} months").format(f"{n:g}")


def lag_text(n: float) -> str:
    """The median time to an outcome: '2 months', or for 0 that outcomes came in the crime's month."""
    return tr("0 months (recorded in the month of the crime)") if n == 0 else months_text(n)


class OutcomesView(ContextView):
    """OutcomesView(parent=None): show_for(context), clear(message); `updated` fires when what it
    shows changed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("CrimeMapOutcomesView")
        self.table: Optional[OutcomeTable] = None
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.title_label = self._label("outcomesTitleLabel", layout)
        self.bar = StackedBar(self.content)
        layout.addWidget(self.bar)
        self.charge_label = self._label("chargeRateLabel", layout)
        self.lag_label = self._label("lagLabel", layout)
        self.completeness_label = self._label("completenessLabel", layout)
        self.like_label = self._label("likeForLikeLabel", layout)
        layout.addStretch(1)

    def _label(self, name: str, layout) -> QLabel:
        label = QLabel(self.content)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(label)
        return label

    # -- ContextView ----------------------------------------------------------------------------------
    def task_name(self, context: ViewContext) -> str:
        return tr("Crime Map: outcomes in {}").format(context.area_label())

    def refusal(self, context: ViewContext) -> Optional[str]:
        if context.level not in (FORCE, NEIGHBOURHOOD):
            return tr("Outcomes are shown for a force or a neighbourhood.")
        if context.category == oc.ASB:
            return tr("Anti-social behaviour has no outcomes (police.uk gives it no Crime ID): choose a crime "
                      "category or All crime.")
        if context.period.length > MAX_MONTHS:
            return tr("Outcomes are shown for periods of up to {} months.").format(MAX_MONTHS)
        if not context.force:
            return tr("{} has no outcomes in police.uk's files.").format(context.area_label())
        return None

    def work(self, context: ViewContext, store_spec: str):
        return outcomes_work(context, store_spec)

    def present(self, context: ViewContext, result) -> Optional[str]:
        self.table = None
        table: OutcomeTable = result
        row = table.rows.iloc[0]
        gaps = table.gaps[context.area_code]
        self.title_label.setText(tr("<b>{area}</b> · {category} · {period}").format(
            area=context.area_label(), category=context.category_label(), period=context.period.label()))
        street = gap_words(tr("street crimes"), context.force_name(), gaps.missing.get("street"),
                           gaps.partial.get("street"))
        crimes = _value(row["crimes"])
        if street or crimes is None:
            return street or tr("No data for {} in {}.").format(context.area_label(), context.period.label())
        if crimes == 0:
            return tr("No crimes of this kind in {} in {}.").format(context.area_label(), context.period.label())
        outcome_gap = gap_words(tr("outcomes files"), context.force_name(), gaps.missing.get("outcomes"),
                                gaps.partial.get("outcomes"))
        if outcome_gap or _value(row["completeness"]) is None:
            return tr("{crimes} crimes in {period}. Outcomes: {gap}").format(
                crimes=f"{int(crimes):,}", period=context.period.label(),
                gap=outcome_gap or tr("no data."))
        self.table = table
        n = int(crimes)
        parts = [Part(g, tr(GROUP_WORDS[g]), int(round((_value(row[f"share_{g}"]) or 0.0) * n)), GROUP_COLOURS[g])
                 for g in ORDER]
        self.bar.set_parts(parts, n, tr("crimes"))
        charged = int(row["charged_or_summonsed"])
        self.charge_label.setText(tr("Charged or summonsed so far: <b>{rate}</b> ({charged} of {crimes} "
                                     "crimes).").format(rate=percent(_value(row["charge_rate"])),
                                                        charged=f"{charged:,}", crimes=f"{n:,}"))
        lag = _value(row["median_lag_months"])
        if table.observed_to is None:
            self.lag_label.setText(tr("The store holds no outcomes files: outcomes come from the street files' "
                                      "last outcome category, with no date, so the time to an outcome is "
                                      "not known."))
        elif lag is None:
            self.lag_label.setText(tr("Median time to an outcome: not known yet (no outcome of these crimes is "
                                      "in the outcomes files)."))
        else:
            self.lag_label.setText(tr("Median time to an outcome: {}.").format(lag_text(lag)))
        self.completeness_label.setText(self.completeness(table, row))
        self.like_label.setText(self.like_for_like(table, row))
        self.like_label.setVisible(bool(self.like_label.text()))
        return None

    # -- words ---------------------------------------------------------------------------------------
    @staticmethod
    def completeness(table: OutcomeTable, row) -> str:
        share = _value(row["completeness"])
        if share is None:
            return ""
        if share >= 1.0:
            text = tr("Every one of these crimes has an outcome.")
        else:
            text = tr("{} of these crimes have an outcome so far; recent months are still under "
                      "investigation.").format(percent(share))
        if table.observed_to:
            text = text[:-1] + " " + tr("(outcomes up to {}).").format(Period(table.observed_to, 1).short_label())
        return text

    @staticmethod
    def like_for_like(table: OutcomeTable, row) -> str:
        """The like-for-like line when the store holds the year-earlier period ('' without outcomes files)."""
        if table.observed_to is None:
            return ""
        now, then = _value(row["same_lag_charge_rate"]), _value(row["baseline_charge_rate"])
        if bool(row["baseline_complete"]) and now is not None and then is not None:
            return tr("Like for like, {lag} after each period ended: {now} charged or summonsed, against {then} "
                      "for {baseline}.").format(lag=months_text(float(table.lag or 0)), now=percent(now),
                                                then=percent(then), baseline=table.baseline.label())
        return tr("No like-for-like comparison: {} is not in the store for this area.").format(
            table.baseline.label())

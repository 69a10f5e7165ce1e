"""crimemap:markwhole — tell the coverage audit that a force-month it found partial is whole."""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterString,
)

from ..core import coverage, forces, periods
from ..core.csvparse import KINDS, STREET
from ..core.errors import CrimeMapError
from ..i18n import tr_noop
from ..stores import open_user_store
from .base import CrimeMapAlgorithm


class MarkWholeAlgorithm(CrimeMapAlgorithm):
    FORCE, MONTH, KIND, WHOLE = "FORCE", "MONTH", "KIND", "WHOLE"

    NAME = "markwhole"
    DISPLAY_NAME = tr_noop("Mark a force-month whole")
    GROUP = tr_noop("Store")
    GROUP_ID = "store"
    HELP = tr_noop("The coverage audit calls a force-month partial when it holds fewer than 60 % of the rows "
                   "expected from the force's own neighbouring months (the median of up to three stored months "
                   "either side); comparisons then treat it like a month with no data. Where you know better "
                   "(the force confirms the month is complete), mark it whole: it is kept in the store (table "
                   "coverage_overrides), shown as overridden in the coverage table, and compared again. With "
                   "WHOLE unticked the mark is taken back and the audit decides again.")

    def initAlgorithm(self, config=None):
        self.add_store_parameter()
        self.addParameter(QgsProcessingParameterString(self.FORCE, self.tr("Force (police.uk id, e.g. kent)")))
        self.addParameter(QgsProcessingParameterString(self.MONTH, self.tr("Month (YYYY-MM)")))
        self.addParameter(QgsProcessingParameterEnum(self.KIND, self.tr("Kind of file"), options=list(KINDS),
                                                     defaultValue=STREET, usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.WHOLE, self.tr("Whole (untick to let the audit decide again)"), defaultValue=True))
        self.addOutput(QgsProcessingOutputString("STATUS", self.tr("Status now")))

    def processAlgorithm(self, parameters, context, feedback):
        force = self.parameterAsString(parameters, self.FORCE, context).strip().lower()
        month = self.parameterAsString(parameters, self.MONTH, context).strip()
        kind = self.parameterAsEnumString(parameters, self.KIND, context)
        whole = self.parameterAsBoolean(parameters, self.WHOLE, context)
        if force not in forces.BY_SLUG:
            raise QgsProcessingException(self.tr("Unknown force: ") + force)
        try:
            periods.parse(month)
            with open_user_store(self.store_value(parameters, context), create=False) as store:
                found = {(fm.force, fm.month): fm for fm in store.coverage(kind)}
                if (force, month) not in found or found[(force, month)].status == coverage.MISSING:
                    raise CrimeMapError(f"{store.path}: holds no {kind} data for {force} {month}")
                store.mark_whole(kind, force, month, whole)
                now = next(fm for fm in store.coverage(kind) if (fm.force, fm.month) == (force, month))
        except (CrimeMapError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from None
        status = now.status + (" (overridden)" if now.overridden else "")
        feedback.pushInfo(f"{force} {month} {kind}: {now.rows:,} rows"
                          + (f", about {now.expected:,.0f} expected" if now.expected else "") + f"; {status}")
        return {"STATUS": status}

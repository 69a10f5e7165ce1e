"""crimemap:briefingmap — a one-page A4 briefing (PDF or PNG) for a neighbourhood or a force, or one
page for every neighbourhood of a force."""


from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..core.errors import CrimeMapError
from ..i18n import tr_noop
from ..layers.briefing import export, make_briefings
from .base import CrimeMapAlgorithm


class BriefingMapAlgorithm(CrimeMapAlgorithm):
    FORCE, NEIGHBOURHOOD, ALL, OUTPUT = "FORCE", "NEIGHBOURHOOD", "ALL_NEIGHBOURHOODS", "OUTPUT"

    NAME = "briefingmap"
    DISPLAY_NAME = tr_noop("Briefing map")
    GROUP = tr_noop("Comparisons")
    GROUP_ID = "comparisons"
    HELP = tr_noop("A one-page A4 landscape briefing for a neighbourhood (NEIGHBOURHOOD, its police.uk id such "
                   "as AA3) or, with NEIGHBOURHOOD empty, for the whole force: the title with the period and "
                   "the baseline in words, a headline sentence, the rate per 1,000 residents, a table of the "
                   "six headline groups (crimes now and before, change, whether it is larger than chance) and "
                   "the monthly trend. A neighbourhood's map shows where its crimes happened (hot spot cells, "
                   "or the crimes as points when there are few), its five busiest locations, and a street map "
                   "behind them when one is set in the options and can be reached; its page lists the team, "
                   "its contacts and web page, priorities and next events from the store (so it works "
                   "offline; plain text, never raw HTML). A force's map shows the comparison (change %) with "
                   "the force outlined among its neighbours, and its page lists the largest rises and falls "
                   "by neighbourhood (or by local authority district). With ALL_NEIGHBOURHOODS every stored "
                   "neighbourhood of the force gets a page: one multi-page PDF, or one PNG a page (name.png, "
                   "name_2.png…). OUTPUT ending in .pdf or .png chooses the format. The attribution (Open "
                   "Government Licence; ONS and OS for the boundaries) and the date it was made are on every "
                   "page.")

    def flags(self):
        # Layouts are Qt graphics scenes: built and drawn on the main thread.
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):
        self.add_store_parameter()
        self.addParameter(QgsProcessingParameterString(self.FORCE, self.tr("Force (police.uk id, e.g. "
                                                                           "gloucestershire)")))
        self.addParameter(QgsProcessingParameterString(
            self.NEIGHBOURHOOD, self.tr("Neighbourhood (police.uk id; empty = the whole force)"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.ALL, self.tr("Every stored neighbourhood of the force (one page each)"), defaultValue=False))
        self.add_period_parameters()
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Briefing"), fileFilter="PDF (*.pdf);;PNG image (*.png)"))
        self.addOutput(QgsProcessingOutputNumber("PAGES", self.tr("Pages")))

    def processAlgorithm(self, parameters, context, feedback):
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not output.lower().endswith((".pdf", ".png")):
            raise QgsProcessingException(self.tr("{}: the briefing is written as .pdf or .png; choose one").format(
                output))
        try:
            layout, layers, briefs = make_briefings(
                self.store_value(parameters, context),
                self.parameterAsString(parameters, self.FORCE, context),
                self.parameterAsString(parameters, self.NEIGHBOURHOOD, context),
                self.parameterAsBoolean(parameters, self.ALL, context),
                *self.period_values(parameters, context))
            feedback.setProgress(50)
            written = export(layout, output)
        except (CrimeMapError, ValueError, RuntimeError) as exc:
            raise QgsProcessingException(str(exc)) from None
        del layout, layers
        feedback.pushInfo(self.tr("{pages} briefing page(s): {period}; written to {files}").format(
            pages=len(briefs), period=briefs[0].period_words(self.tr),
            files=", ".join(written[:3]) + ("…" if len(written) > 3 else "")))
        return {self.OUTPUT: output, "PAGES": len(briefs)}

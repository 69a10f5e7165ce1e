"""crimemap:upgradestore — bring a store made by an earlier version of Crime Map up to date."""

from qgis.core import QgsProcessingException, QgsProcessingOutputString

from ..core.errors import CrimeMapError
from ..i18n import tr_noop
from ..stores import open_user_store
from .base import CrimeMapAlgorithm


class UpgradeStoreAlgorithm(CrimeMapAlgorithm):
    NAME = "upgradestore"
    DISPLAY_NAME = tr_noop("Upgrade a store")
    GROUP = tr_noop("Store")
    GROUP_ID = "store"
    HELP = tr_noop("Brings a store made by an earlier version of Crime Map up to date (its numbered "
                   "migrations, each in one transaction, so a stopped upgrade resumes where it stopped), and "
                   "rebuilds a spatial index an interrupted import left to rebuild. Opening a store never "
                   "changes it; the dock upgrades a store when it opens it, and an import does before it "
                   "writes. Counting the stored crimes in stored neighbourhoods can take minutes on a large "
                   "store.")

    def initAlgorithm(self, config=None):
        self.add_store_parameter()
        self.addOutput(QgsProcessingOutputString("DONE", self.tr("What was done")))

    def processAlgorithm(self, parameters, context, feedback):
        try:
            with open_user_store(self.store_value(parameters, context), create=False) as store:
                if not store.needs_upgrade():
                    feedback.pushInfo(f"{store.spec}: already up to date")
                    return {"DONE": ""}
                done = store.upgrade(progress=feedback.setProgress, cancelled=feedback.isCanceled)
        except CrimeMapError as exc:
            raise QgsProcessingException(str(exc)) from None
        for step in done:
            feedback.pushInfo(step)
        return {"DONE": "; ".join(done)}

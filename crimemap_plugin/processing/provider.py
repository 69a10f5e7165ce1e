"""Processing provider `crimemap`."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .. import about
from .briefing_map import BriefingMapAlgorithm
from .compare_periods import ComparePeriodsAlgorithm
from .concentration import ConcentrationAlgorithm
from .copy_store import CopyStoreAlgorithm
from .count_in_polygons import CountInPolygonsAlgorithm
from .density import DensityAlgorithm
from .emerging_hotspots import EmergingHotSpotsAlgorithm
from .hotspots import HotSpotsAlgorithm
from .import_crimes import ImportCrimesAlgorithm
from .import_neighbourhoods import ImportNeighbourhoodsAlgorithm
from .mark_whole import MarkWholeAlgorithm
from .outcomes import OutcomesAlgorithm
from .stop_search import StopSearchAlgorithm
from .upgrade_store import UpgradeStoreAlgorithm

PROVIDER_ID = "crimemap"


class CrimeMapProvider(QgsProcessingProvider):
    def id(self) -> str:  # noqa: A003
        return PROVIDER_ID

    def name(self) -> str:
        return "Crime Map"

    def longName(self) -> str:  # noqa: N802
        return f"{about.name()} {about.version()}"

    def icon(self) -> QIcon:
        return QIcon(about.icon_path())

    def loadAlgorithms(self) -> None:  # noqa: N802
        for algorithm in (ImportCrimesAlgorithm(), ComparePeriodsAlgorithm(), CountInPolygonsAlgorithm(),
                          ImportNeighbourhoodsAlgorithm(), BriefingMapAlgorithm(), MarkWholeAlgorithm(),
                          UpgradeStoreAlgorithm(), CopyStoreAlgorithm(), OutcomesAlgorithm(), StopSearchAlgorithm()):
            self.addAlgorithm(algorithm)
        for algorithm in (HotSpotsAlgorithm(), EmergingHotSpotsAlgorithm(), DensityAlgorithm(),
                          ConcentrationAlgorithm()):
            self.addAlgorithm(algorithm)

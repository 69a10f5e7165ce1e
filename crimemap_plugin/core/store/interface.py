"""What the rest of the plugin may ask of a store: the one interface the importer, comparisons,
neighbourhoods, KML, briefings, the dock and the panel use. Nothing outside the store package writes
or reads SQL.

Two backends implement it: the GeoPackage (embedded, the default) and PostGIS (a team's shared
store). Both hold the same tables (tables.py) with the same meaning.
"""

from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Optional, Protocol, Sequence, Tuple

import numpy as np
import pandas as pd

from ..coverage import ForceMonth, MonthStatus

Progress = Optional[Callable[[float], None]]
Cancelled = Optional[Callable[[], bool]]


@dataclass
class UnitResult:
    kind: str
    force: str
    month: str
    rows: int
    rows_without_location: int
    replaced: bool


@dataclass(frozen=True)
class Summary:
    crimes: int
    force_months: int
    forces: int
    first_month: Optional[str]
    last_month: Optional[str]


@dataclass
class NeighbourhoodRecord:
    """One neighbourhood to store: its boundary and, unless `has_details` is False (a KML boundary),
    its details as police.uk gave them (checked by api_shapes)."""
    force: str
    nid: str
    name: str
    polygons: list               # [[outer ring, hole, ...], ...] of (lon, lat)
    detail: dict
    people: list
    events: list
    priorities: list
    fetched_at: str
    has_details: bool = True


@dataclass(frozen=True)
class LayerSource:
    """How QGIS opens one of the store's tables as a layer: a data source and its provider."""
    uri: str
    provider: str                # "ogr" or "postgres"


class Store(Protocol):
    spec: str                    # how the user named the store (a path or a connection; never a password)
    backend: str                 # "geopackage" or "postgis"

    # -- lifecycle ---------------------------------------------------------------------------------
    def close(self) -> None: ...
    def needs_upgrade(self) -> bool: ...
    def upgrade(self, progress: Progress = None, cancelled: Cancelled = None) -> List[str]: ...
    def writable(self) -> bool: ...

    # -- what is stored ----------------------------------------------------------------------------
    def summary(self) -> Summary: ...
    def months(self, kind: str = "street") -> List[str]: ...
    def coverage(self, kind: Optional[str] = None) -> List[ForceMonth]: ...
    def month_status(self, kind: str = "street") -> MonthStatus: ...
    def mark_whole(self, kind: str, force: str, month: str, whole: bool = True, note: str = "") -> None: ...

    # -- import -------------------------------------------------------------------------------------
    def unit_checksum(self, kind: str, force: str, month: str) -> Optional[str]: ...
    def replace_unit(self, kind: str, force: str, month: str, frame: pd.DataFrame, source: str, checksum: str,
                     rejected: List[tuple], cancelled: Cancelled = None) -> UnitResult: ...
    def rows_stored(self, kind: str) -> int: ...
    def begin_bulk(self, kinds: Iterable[str]) -> None: ...
    def end_bulk(self, progress: Progress = None) -> None: ...

    # -- comparisons --------------------------------------------------------------------------------
    def counts(self, level: str, months: Sequence[str], category: Optional[str] = None,
               area: Optional[str] = None) -> pd.DataFrame: ...
    def neighbourhood_areas(self, force: Optional[str] = None) -> pd.DataFrame: ...

    # -- points -------------------------------------------------------------------------------------
    def points(self, category: Optional[str] = None, start: Optional[str] = None,
               end: Optional[str] = None) -> Tuple[np.ndarray, np.ndarray]: ...
    def crime_frame(self, columns: Sequence[str], category: Optional[str] = None, start: Optional[str] = None,
                    end: Optional[str] = None, forces: Optional[Sequence[str]] = None,
                    located_only: bool = False) -> pd.DataFrame: ...
    def table_frame(self, kind: str, columns: Sequence[str], start: Optional[str] = None,
                    end: Optional[str] = None, forces: Optional[Sequence[str]] = None) -> pd.DataFrame: ...

    # -- neighbourhoods -------------------------------------------------------------------------------
    def store_neighbourhoods(self, force: str, records: List[NeighbourhoodRecord], keep=frozenset(),
                             only: Optional[set] = None) -> None: ...
    def neighbourhood_at(self, lon: float, lat: float) -> Optional[Tuple[str, str]]: ...
    def neighbourhood_details(self, force: str, nid: str) -> Optional[dict]: ...
    def neighbourhood_names(self, force: str) -> Dict[str, str]: ...
    def neighbourhood_polygons(self, force: Optional[str] = None) -> List[Tuple[str, str, list]]: ...

    # -- layers and copies ------------------------------------------------------------------------------
    def layer_source(self, table: str, where: str = "") -> LayerSource: ...
    def table_names(self) -> List[str]: ...

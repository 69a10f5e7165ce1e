"""The store's tables: what each holds, and the interface every store backend offers."""

from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Protocol, Tuple

import pandas as pd

# kind -> (table, columns written from the parsed frame, column DDL)
POINT_TABLES = {
    "street": ("crimes", (
        ("crime_id", "TEXT"), ("month", "TEXT NOT NULL"), ("force", "TEXT NOT NULL"),
        ("category", "TEXT NOT NULL"), ("lsoa_code", "TEXT"), ("lsoa_name", "TEXT"), ("location", "TEXT"),
        ("outcome", "TEXT"), ("context", "TEXT"))),
    "outcomes": ("outcomes", (
        ("crime_id", "TEXT"), ("month", "TEXT NOT NULL"), ("force", "TEXT NOT NULL"), ("lsoa_code", "TEXT"),
        ("lsoa_name", "TEXT"), ("location", "TEXT"), ("outcome_type", "TEXT"))),
    "stop-and-search": ("stop_and_search", (
        ("month", "TEXT NOT NULL"), ("force", "TEXT NOT NULL"), ("type", "TEXT"), ("date", "TEXT"),
        ("part_of_operation", "TEXT"), ("operation", "TEXT"), ("gender", "TEXT"), ("age_range", "TEXT"),
        ("self_defined_ethnicity", "TEXT"), ("officer_defined_ethnicity", "TEXT"), ("legislation", "TEXT"),
        ("object_of_search", "TEXT"), ("outcome", "TEXT"), ("outcome_linked", "TEXT"),
        ("removal_outer_clothing", "TEXT"))),
}

LAYER_DESCRIPTIONS = {
    "crimes": "police.uk street-level crimes and anti-social behaviour",
    "outcomes": "police.uk outcomes",
    "stop_and_search": "police.uk stop and search",
}

ATTRIBUTE_TABLES = {
    "crimemap_meta": ("CREATE TABLE crimemap_meta (key TEXT PRIMARY KEY, value TEXT)",
                      "Crime Map store settings (schema version)"),
    "imports": ("""CREATE TABLE imports (
        id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, force TEXT NOT NULL, month TEXT NOT NULL,
        source TEXT NOT NULL, checksum TEXT NOT NULL, rows INTEGER NOT NULL,
        rows_without_location INTEGER NOT NULL, rows_rejected INTEGER NOT NULL,
        first_fid INTEGER, last_fid INTEGER, imported_at TEXT NOT NULL)""",
                "Every force-month file imported, with its checksum (history, including replaced ones)"),
    "force_months": ("""CREATE TABLE force_months (
        kind TEXT NOT NULL, force TEXT NOT NULL, month TEXT NOT NULL, import_id INTEGER NOT NULL,
        rows INTEGER NOT NULL, PRIMARY KEY (kind, force, month))""",
                     "The force-months currently stored, per kind: completeness for comparisons"),
    "crime_counts": ("""CREATE TABLE crime_counts (
        unit_force TEXT NOT NULL, month TEXT NOT NULL, force TEXT NOT NULL, category TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (unit_force, month, force, category))""",
                     "Crimes per force ('Falls within') x month x category, maintained by the import"),
    "lsoa_counts": ("""CREATE TABLE lsoa_counts (
        unit_force TEXT NOT NULL, month TEXT NOT NULL, lsoa_code TEXT NOT NULL, category TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (unit_force, month, lsoa_code, category))""",
                    "Crimes per LSOA x month x category, maintained by the import"),
    "coverage": ("""CREATE TABLE coverage (
        kind TEXT NOT NULL, force TEXT NOT NULL, month TEXT NOT NULL, rows INTEGER, expected REAL,
        status TEXT NOT NULL, overridden INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (kind, force, month))""",
                 "Coverage audit per kind x force x month: rows, rows expected from the force's neighbouring "
                 "months, status whole / partial / missing, overridden when a user marked it whole"),
    "coverage_overrides": ("""CREATE TABLE coverage_overrides (
        kind TEXT NOT NULL, force TEXT NOT NULL, month TEXT NOT NULL, status TEXT NOT NULL, note TEXT,
        set_at TEXT NOT NULL, PRIMARY KEY (kind, force, month))""",
                           "Force-months a user marked whole against the coverage audit"),
    "rejected_rows": ("""CREATE TABLE rejected_rows (
        import_id INTEGER NOT NULL, line INTEGER NOT NULL, reason TEXT NOT NULL)""",
                      "Rows refused by the import, with line and reason (first 200 per file)"),
}



@dataclass
class UnitResult:
    kind: str
    force: str
    month: str
    rows: int
    rows_without_location: int
    replaced: bool


class CrimeStore(Protocol):
    """What the plugin needs from a store (GeoPackage now, PostGIS for shared stores later)."""

    def unit_checksum(self, kind: str, force: str, month: str) -> Optional[str]: ...

    def replace_unit(self, kind: str, force: str, month: str, frame: pd.DataFrame, source: str,
                     checksum: str, rejected: List[tuple],
                     cancelled: Optional[Callable[[], bool]] = None) -> UnitResult: ...

    def force_months(self, kind: str = "street") -> List[Tuple[str, str]]: ...

    def available_force_months(self, kind: str = "street") -> Dict[str, set]: ...

    def counts(self, level: str, months, category: Optional[str] = None, area: Optional[str] = None): ...

    def points(self, category: Optional[str] = None, start: Optional[str] = None, end: Optional[str] = None): ...

    def months(self, kind: str = "street") -> List[str]: ...

    def close(self) -> None: ...



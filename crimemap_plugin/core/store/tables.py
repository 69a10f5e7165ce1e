"""The store's tables: one definition, from which both backends make their schema and the README its
table. Meaning is the same in the GeoPackage and in PostGIS; only the column types are spelled in each
database's words (see the backends' `column_type`).

A column is written "name type", with "!" after the type for NOT NULL; types are `text`, `int` and
`real`. Geometry is always EPSG:4326 (longitude, latitude), as police.uk publishes it.
"""

from dataclasses import dataclass
from typing import Dict, Optional, Tuple

SCHEMA_VERSION = 6   # see migrations.py (GeoPackage) and postgis.py (PostGIS)


@dataclass(frozen=True)
class Table:
    name: str
    columns: Tuple[str, ...]            # "name type[!]"
    key: Tuple[str, ...] = ()            # primary key (none: a rowid / fid table)
    geometry: Optional[str] = None       # "POINT" or "MULTIPOLYGON": a layer with an fid and geom
    serial: Optional[str] = None         # an auto-numbered integer key column
    description: str = ""

    def column_names(self) -> Tuple[str, ...]:
        return tuple(c.split()[0] for c in self.columns)


def _cols(*spec: str) -> Tuple[str, ...]:
    return tuple(spec)


CRIMES = Table("crimes", _cols(
    "crime_id text", "month text!", "force text!", "category text!", "lsoa_code text", "lsoa_name text",
    "location text", "outcome text", "context text", "import_id int!"), geometry="POINT",
    description="police.uk street-level crimes and anti-social behaviour")
OUTCOMES = Table("outcomes", _cols(
    "crime_id text", "month text!", "force text!", "lsoa_code text", "lsoa_name text", "location text",
    "outcome_type text", "import_id int!"), geometry="POINT", description="police.uk outcomes")
STOP_AND_SEARCH = Table("stop_and_search", _cols(
    "month text!", "force text!", "type text", "date text", "part_of_operation text", "operation text",
    "gender text", "age_range text", "self_defined_ethnicity text", "officer_defined_ethnicity text",
    "legislation text", "object_of_search text", "outcome text", "outcome_linked text",
    "removal_outer_clothing text", "import_id int!"), geometry="POINT", description="police.uk stop and search")
NEIGHBOURHOODS = Table("neighbourhoods", _cols(
    "force text!", "neighbourhood_id text!", "name text", "population int", "fetched_at text!", "area_code text",
    "census_population int"), geometry="MULTIPOLYGON", description="police.uk neighbourhood boundaries")

META = Table("crimemap_meta", _cols("key text!", "value text"), key=("key",),
             description="Crime Map store settings (schema version; spatial indexes being rebuilt)")
IMPORTS = Table("imports", _cols(
    "id int!", "kind text!", "force text!", "month text!", "source text!", "checksum text!", "rows int!",
    "rows_without_location int!", "rows_rejected int!", "first_fid int", "last_fid int", "imported_at text!"),
    serial="id", description="Every force-month file imported, with its checksum (history, including replaced ones)")
FORCE_MONTHS = Table("force_months", _cols("kind text!", "force text!", "month text!", "import_id int!", "rows int!"),
                     key=("kind", "force", "month"),
                     description="The force-months currently stored, per kind: completeness for comparisons")
CRIME_COUNTS = Table("crime_counts", _cols("unit_force text!", "month text!", "force text!", "category text!",
                                           "n int!"), key=("unit_force", "month", "force", "category"),
                     description="Crimes per force ('Falls within') x month x category, maintained by the import")
LSOA_COUNTS = Table("lsoa_counts", _cols("unit_force text!", "month text!", "lsoa_code text!", "category text!",
                                         "n int!"), key=("unit_force", "month", "lsoa_code", "category"),
                    description="Crimes per LSOA x month x category, maintained by the import")
NEIGHBOURHOOD_COUNTS = Table("neighbourhood_counts", _cols(
    "unit_force text!", "month text!", "force text!", "neighbourhood_id text!", "category text!", "n int!"),
    key=("unit_force", "month", "force", "neighbourhood_id", "category"),
    description="Street crimes per neighbourhood x month x category, counted in the neighbourhood polygons")
NEIGHBOURHOOD_TOTALS = Table("neighbourhood_totals", _cols(
    "unit_force text!", "month text!", "force text!", "neighbourhood_id text!", "n int!"),
    key=("unit_force", "month", "force", "neighbourhood_id"),
    description="Street crimes of every category per neighbourhood x month (the sums of neighbourhood_counts, "
                "kept with them), for all-crime comparisons")
NEIGHBOURHOOD_DETAILS = Table("neighbourhood_details", _cols(
    "force text!", "neighbourhood_id text!", "name text", "description text", "population int", "centre_lat real",
    "centre_lon real", "contact_details text", "links text", "locations text", "people text", "events text",
    "priorities text", "fetched_at text!", "url_force text"), key=("force", "neighbourhood_id"),
    description="police.uk neighbourhood teams, priorities, events and web pages")
# url_force (the neighbourhood's page on the force's site) is the last column: version 5 added it to
# existing stores, where ALTER TABLE puts it last, and rows are written in this order.
COVERAGE = Table("coverage", _cols("kind text!", "force text!", "month text!", "rows int", "expected real",
                                   "status text!", "overridden int!"), key=("kind", "force", "month"),
                 description="Coverage audit per kind x force x month: rows, rows expected from the force's "
                             "neighbouring months, status whole / partial / missing, overridden when a user "
                             "marked it whole")
COVERAGE_OVERRIDES = Table("coverage_overrides", _cols("kind text!", "force text!", "month text!", "status text!",
                                                       "note text", "set_at text!"), key=("kind", "force", "month"),
                           description="Force-months a user marked whole against the coverage audit")
REJECTED_ROWS = Table("rejected_rows", _cols("import_id int!", "line int!", "reason text!"),
                      description="Rows refused by the import, with line and reason (first 200 per file)")

# neighbourhood_totals is kept by the database itself, with triggers on neighbourhood_counts, so that
# every writer keeps it (an earlier version of Crime Map writing a shared store included): what each
# row of neighbourhood_counts adds to or takes from its (unit_force, month, force, neighbourhood_id).
_TOTALS_KEY = "unit_force = {r}.unit_force AND month = {r}.month AND force = {r}.force AND " \
              "neighbourhood_id = {r}.neighbourhood_id"
TOTALS_ADD = ("INSERT INTO {s}neighbourhood_totals (unit_force, month, force, neighbourhood_id, n) VALUES "
              "(NEW.unit_force, NEW.month, NEW.force, NEW.neighbourhood_id, NEW.n) ON CONFLICT (unit_force, month, "
              "force, neighbourhood_id) DO UPDATE SET n = {s}neighbourhood_totals.n + excluded.n")
TOTALS_TAKE = ("UPDATE {s}neighbourhood_totals SET n = n - OLD.n WHERE " + _TOTALS_KEY.format(r="OLD"),
               "DELETE FROM {s}neighbourhood_totals WHERE n = 0 AND " + _TOTALS_KEY.format(r="OLD"))
TOTALS_FILL = ("INSERT INTO {s}neighbourhood_totals (unit_force, month, force, neighbourhood_id, n) "
               "SELECT unit_force, month, force, neighbourhood_id, SUM(n) FROM {s}neighbourhood_counts "
               "GROUP BY unit_force, month, force, neighbourhood_id")

# kind of police.uk file -> its point layer
POINT_TABLES: Dict[str, Table] = {"street": CRIMES, "outcomes": OUTCOMES, "stop-and-search": STOP_AND_SEARCH}
LAYERS = (CRIMES, OUTCOMES, STOP_AND_SEARCH, NEIGHBOURHOODS)
ATTRIBUTE_TABLES = (META, IMPORTS, FORCE_MONTHS, CRIME_COUNTS, LSOA_COUNTS, NEIGHBOURHOOD_COUNTS,
                    NEIGHBOURHOOD_TOTALS, NEIGHBOURHOOD_DETAILS, COVERAGE, COVERAGE_OVERRIDES, REJECTED_ROWS)
ALL_TABLES = LAYERS + ATTRIBUTE_TABLES
BY_NAME: Dict[str, Table] = {t.name: t for t in ALL_TABLES}

# (index name, table, columns): what the comparisons and trends read
RETIRED_INDEXES = ("neighbourhood_counts_month",)   # made by versions 4 and 5
INDEXES = (
    ("crime_counts_month", "crime_counts", ("month", "category")),
    ("lsoa_counts_month", "lsoa_counts", ("month", "category")),
    # Comparisons sum a category's months area by area, in the order the index holds them (covering:
    # the rows never need reading, nor the sums sorting); a trend reads one neighbourhood's months.
    ("neighbourhood_counts_category", "neighbourhood_counts", ("category", "force", "neighbourhood_id", "month", "n")),
    ("neighbourhood_counts_area", "neighbourhood_counts", ("force", "neighbourhood_id", "month")),
    ("neighbourhood_totals_area", "neighbourhood_totals", ("force", "neighbourhood_id", "month", "n")),
    ("neighbourhoods_area", "neighbourhoods", ("force", "neighbourhood_id")),
    ("imports_unit", "imports", ("kind", "force", "month")),
)


def point_table(name: str) -> Table:
    """The point layer called `name`, checked against the fixed list (a name read from the store is
    never used as an identifier unless it is one of these)."""
    for table in POINT_TABLES.values():
        if table.name == name:
            return table
    raise KeyError(name)


def marks(n: int) -> str:
    """`?` markers for n values of a statement, as both backends take them (PostGIS turns them into
    psycopg2's own)."""
    return ",".join("?" * n)

"""A PostGIS store's name and its SQL: how a store's name splits into a connection, a schema and a name
safe to show, the tables and indexes of the schema, the upgrades of older stores, and the script an
administrator runs to create the schema and its two roles (`make postgis-schema`)."""

import re
from typing import List, Optional
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import StoreError
from . import tables

DEFAULT_SCHEMA = "crimemap"
ANALYST, VIEWER = "crimemap_analyst", "crimemap_viewer"
IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


# -- naming a store ------------------------------------------------------------------------------------
def split_spec(spec: str):
    """(libpq connection string or URI, schema, name safe to show) from a store's name."""
    spec = spec.strip()
    schema = DEFAULT_SCHEMA
    if spec.startswith(("postgresql://", "postgres://")):
        parts = urlsplit(spec)
        query = []
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            if key == "schema":
                schema = value
            else:
                query.append((key, value))
        conninfo = urlunsplit(parts._replace(query=urlencode(query)))
        netloc = parts.netloc.rsplit("@", 1)
        shown_netloc = (netloc[0].split(":", 1)[0] + "@" + netloc[1]) if len(netloc) == 2 else parts.netloc
        shown = urlunsplit(parts._replace(netloc=shown_netloc, query=urlencode(query + [("schema", schema)]
                                                                              if schema != DEFAULT_SCHEMA else query)))
    else:
        words = []
        for word in _conninfo_words(spec):
            key, _, value = word.partition("=")
            if key == "schema":
                schema = value.strip("'")
            else:
                words.append(word)
        conninfo = " ".join(words)
        shown = " ".join(w for w in words if not w.startswith("password=")) + (
            f" schema={schema}" if schema != DEFAULT_SCHEMA else "")
    if not IDENTIFIER.match(schema):
        raise StoreError(f"{shown}: schema {schema[:40]!r} is not a plain lower-case name")
    return conninfo, schema, shown


def _conninfo_words(text: str) -> List[str]:
    """key=value words of a libpq connection string (values may be single-quoted)."""
    return re.findall(r"\w+=(?:'(?:[^'\\]|\\.)*'|\S+)", text)


def conninfo_dict(conn) -> dict:
    """The connection's parameters as libpq reports them (no password)."""
    params = conn.get_dsn_parameters()
    params.pop("password", None)
    return params


# -- the SQL of the schema -----------------------------------------------------------------------------
def _column_sql(spec: str, serial: Optional[str] = None) -> str:
    name, kind = spec.split()
    if serial and name == serial:
        return f"{name} bigserial PRIMARY KEY"
    sql_type = {"text": "text", "int": "bigint", "real": "double precision"}[kind.rstrip("!")]
    return f"{name} {sql_type}" + (" NOT NULL" if kind.endswith("!") else "")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _table_sql(schema: str, table: tables.Table) -> List[str]:
    cols = []
    if table.geometry:
        geometry = {"POINT": "Point", "MULTIPOLYGON": "MultiPolygon"}[table.geometry]
        cols += ["fid bigserial PRIMARY KEY", f"geom geometry({geometry}, 4326)"]
    cols += [_column_sql(c, table.serial) for c in table.columns]
    if table.key:
        cols.append(f"PRIMARY KEY ({', '.join(table.key)})")
    out = [f"CREATE TABLE IF NOT EXISTS {schema}.{table.name} ({', '.join(cols)})",
           f"COMMENT ON TABLE {schema}.{table.name} IS {_literal(table.description)}"]
    if table.geometry:
        out.append(f"CREATE INDEX IF NOT EXISTS {table.name}_geom_idx ON {schema}.{table.name} USING gist (geom)")
    if "import_id int!" in table.columns:
        out.append(f"CREATE INDEX IF NOT EXISTS {table.name}_import_idx ON {schema}.{table.name} (import_id)")
    return out


# Upgrades of an existing PostGIS store, by the version they reach: statements that are harmless where
# already applied, so schema_sql() (an administrator's script) can carry them all. PostGIS stores
# began at version 4.
FIRST_VERSION = 4
# The statements that keep neighbourhood_totals (tables.py), in the store's schema ({schema} kept for
# UPGRADES' own formatting).
TOTALS_SQL_ADD = tables.TOTALS_ADD.format(s="{schema}.")
TOTALS_SQL_TAKE = tuple(t.format(s="{schema}.") for t in tables.TOTALS_TAKE)
TOTALS_SQL_FILL = tables.TOTALS_FILL.format(s="{schema}.")
UPGRADES = {   # version reached: (what it does, in words; its statements)
    5: ("neighbourhood web pages added (filled when the neighbourhoods are refreshed)",
        ("ALTER TABLE {schema}.neighbourhood_details ADD COLUMN IF NOT EXISTS url_force text",)),
    6: ("all-crime counts per neighbourhood added",
        tuple(_table_sql("{schema}", tables.NEIGHBOURHOOD_TOTALS)) + (
            # One statement per line (the script is split there): the function the triggers run, then,
            # where the triggers are not there yet, in one transaction with writers of counts held
            # off, the totals filled from the counts and the triggers made (an administrator running
            # the script again on a store of this version changes nothing).
            "CREATE OR REPLACE FUNCTION {schema}.neighbourhood_totals_kept() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN IF TG_OP <> 'INSERT' THEN " + "; ".join(TOTALS_SQL_TAKE) + "; END IF; "
            "IF TG_OP <> 'DELETE' THEN " + TOTALS_SQL_ADD + "; END IF; RETURN NULL; END $$",
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'neighbourhood_totals_kept' AND "
            "tgrelid = '{schema}.neighbourhood_counts'::regclass) OR (NOT EXISTS (SELECT 1 FROM "
            "{schema}.neighbourhood_totals) AND EXISTS (SELECT 1 FROM {schema}.neighbourhood_counts)) THEN "
            "DROP TRIGGER IF EXISTS neighbourhood_totals_kept ON {schema}.neighbourhood_counts; "
            "LOCK TABLE {schema}.neighbourhood_counts IN SHARE ROW EXCLUSIVE MODE; "
            "DELETE FROM {schema}.neighbourhood_totals; " + TOTALS_SQL_FILL + "; "
            "CREATE TRIGGER neighbourhood_totals_kept AFTER INSERT OR UPDATE OR DELETE ON "
            "{schema}.neighbourhood_counts FOR EACH ROW EXECUTE PROCEDURE {schema}.neighbourhood_totals_kept(); "
            "END IF; END $$")
        + tuple(f"DROP INDEX IF EXISTS {{schema}}.{name}" for name in tables.RETIRED_INDEXES)
        + tuple(f"CREATE INDEX IF NOT EXISTS {name} ON {{schema}}.{table} ({', '.join(cols)})"
                for name, table, cols in tables.INDEXES if table.startswith("neighbourhood_"))),
}


def upgrade_sql(schema: str, version: int) -> List[str]:
    return [sql.format(schema=schema) for sql in UPGRADES[version][1]]


def schema_sql(schema: str = DEFAULT_SCHEMA, roles: bool = True) -> str:
    """The SQL that creates a store's schema (and, with roles, the analyst and viewer roles and their
    rights), for an administrator to run (make postgis-schema). Idempotent."""
    if not IDENTIFIER.match(schema):
        raise ValueError(f"schema {schema!r} is not a plain lower-case name")
    out = ["CREATE EXTENSION IF NOT EXISTS postgis", f"CREATE SCHEMA IF NOT EXISTS {schema}"]
    for table in tables.ALL_TABLES:
        out += _table_sql(schema, table)
    for name, table, cols in tables.INDEXES:
        out.append(f"CREATE INDEX IF NOT EXISTS {name} ON {schema}.{table} ({', '.join(cols)})")
    for version in sorted(UPGRADES):             # an existing store of an earlier version: brought up to date
        out += upgrade_sql(schema, version)
    out.append(f"INSERT INTO {schema}.crimemap_meta VALUES ('schema_version', '{tables.SCHEMA_VERSION}') "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value "
               f"WHERE {schema}.crimemap_meta.value::int < excluded.value::int")
    if roles:
        for role in (ANALYST, VIEWER):
            out.append(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
                       f"CREATE ROLE {role} NOLOGIN; END IF; END $$")
        out += grants(schema)
    return ";\n".join(out) + ";\n"


def grants(schema: str) -> List[str]:
    return [f"GRANT USAGE ON SCHEMA {schema} TO {ANALYST}, {VIEWER}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {VIEWER}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {ANALYST}",
            f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {ANALYST}"]

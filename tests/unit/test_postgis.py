"""The PostGIS store against a real server (the throw-away cluster `make test` starts): roles,
analysts importing at the same time, exact copies both ways, names that never show a password."""

import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

from crimemap_plugin.core.compare import compare
from crimemap_plugin.core.errors import StoreError
from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.periods import Period
from crimemap_plugin.core.store import open_store
from crimemap_plugin.core.store.copying import copy_store
from crimemap_plugin.core.store.postgis_schema import ANALYST, VIEWER, schema_sql, split_spec
from tests.api_server import imported_force
from tests.independent import street_counts, street_files
from tests.shared_data import city_of_london_street, shared_data
from tests.stores import content, drop, new_store, postgres_url, rows

REPO = Path(__file__).resolve().parents[2]
KENT = shared_data() / "police_uk" / "kent-2018-10_2019-02"
BTP = shared_data() / "police_uk" / "btp-2018-10_2019-02"


def admin():
    conn = psycopg2.connect(postgres_url())
    conn.autocommit = True
    return conn


def as_user(spec: str, user: str) -> str:
    return spec.replace("postgresql://postgres@", f"postgresql://{user}@", 1)


@pytest.fixture(scope="module")
def users():
    """Login users of each role (the roles made by the SQL an administrator runs)."""
    with admin() as conn, conn.cursor() as cur:
        cur.execute(schema_sql("crimemap_roles_probe"))
        for user, role in (("crimemap_test_viewer", VIEWER), ("crimemap_test_analyst", ANALYST)):
            cur.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{user}') THEN "
                        f"CREATE ROLE {user} LOGIN; END IF; END $$")
            cur.execute(f"GRANT {role} TO {user}")
        cur.execute("DROP SCHEMA crimemap_roles_probe CASCADE")
    return {"viewer": "crimemap_test_viewer", "analyst": "crimemap_test_analyst"}


@pytest.fixture()
def pg_store(tmp_path):
    spec = new_store("postgis", tmp_path, "team")
    import_path(city_of_london_street(), spec)
    yield spec
    drop(spec)


def test_the_schema_sql_makes_a_store_and_both_roles(tmp_path):
    spec = new_store("postgis", tmp_path, "bysql")
    schema = spec.rsplit("schema=", 1)[1]
    try:
        with admin() as conn, conn.cursor() as cur:
            cur.execute(schema_sql(schema))
            cur.execute(schema_sql(schema))   # idempotent
            cur.execute("SELECT rolname FROM pg_roles WHERE rolname IN (%s, %s) ORDER BY 1", (ANALYST, VIEWER))
            assert [r[0] for r in cur.fetchall()] == [ANALYST, VIEWER]
        report = import_path(city_of_london_street(), spec)
        assert report.rows_imported == 18867
    finally:
        drop(spec)


def test_a_viewer_reads_compares_and_is_told_the_store_is_read_only(pg_store, users, tmp_path):
    viewer = as_user(pg_store, users["viewer"])
    with open_store(viewer, create=False) as store:
        row = compare(store, "force", "all-crime", Period("2025-03", 3)).rows.set_index("force").loc["city-of-london"]
        assert (row["current"], row["baseline"]) == (2093, 2317)
        assert not store.writable()
        assert store.layer_source("crimes").provider == "postgres"
    before = content(pg_store)
    path = tmp_path / "2024-03-city-of-london-street.csv"
    path.write_bytes((city_of_london_street() / path.name).read_bytes().replace(b"Other theft", b"Burglary"))
    with pytest.raises(StoreError, match="read-only for you"):
        import_path(path, viewer)
    assert content(pg_store) == before
    # An analyst may import.
    report = import_path(path, as_user(pg_store, users["analyst"]))
    assert report.rows_imported > 0 and content(pg_store) != before


def _import_in_a_child(source, spec):
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from crimemap_plugin.core.importer import import_path;"
            "r = import_path(sys.argv[2], sys.argv[3]); print(r.rows_imported)")
    return subprocess.Popen([sys.executable, "-c", code, str(REPO), str(source), spec], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_analysts_import_different_force_months_at_once(tmp_path):
    spec = new_store("postgis", tmp_path, "together")
    try:
        import_path(city_of_london_street() / "2024-01-city-of-london-street.csv", spec)   # the store exists
        children = [_import_in_a_child(KENT, spec), _import_in_a_child(BTP, spec)]
        outs = [c.communicate(timeout=300) for c in children]
        assert all(c.returncode == 0 for c in children), [o[1][-2000:] for o in outs]
        expected = street_counts(street_files(KENT) + street_files(BTP)
                                 + [city_of_london_street() / "2024-01-city-of-london-street.csv"])
        got = {(f, m, c): n for f, m, c, n in rows(
            spec, "SELECT force, month, category, COUNT(*) FROM crimes GROUP BY 1, 2, 3")}
        assert got == dict(expected)
        counted = {(f, m, c): n for f, m, c, n in rows(
            spec, "SELECT force, month, category, SUM(n) FROM crime_counts GROUP BY 1, 2, 3")}
        assert counted == dict(expected)
        # The audit took its turns: every force over the store's span (2018-10 to 2024-01, 64 months), once.
        assert rows(spec, "SELECT COUNT(*), COUNT(DISTINCT (force, month)) FROM coverage WHERE kind = 'street'") \
            == [(3 * 64, 3 * 64)]
    finally:
        drop(spec)


def test_the_same_force_month_at_once_never_doubles(tmp_path):
    spec = new_store("postgis", tmp_path, "twice")
    try:
        month = KENT / "2019-01-kent-street.csv"
        other = tmp_path / "b" / month.name
        other.parent.mkdir()
        other.write_bytes(month.read_bytes().replace(b"\r\n", b"\n"))   # the same rows, another checksum
        import_path(city_of_london_street() / "2024-01-city-of-london-street.csv", spec)
        children = [_import_in_a_child(month, spec), _import_in_a_child(other, spec)]
        outs = [c.communicate(timeout=300) for c in children]
        assert all(c.returncode == 0 for c in children), [o[1][-2000:] for o in outs]
        expected = sum(street_counts([month]).values())
        assert rows(spec, "SELECT COUNT(*) FROM crimes WHERE force = 'kent'")[0][0] == expected
        assert rows(spec, "SELECT SUM(n) FROM crime_counts WHERE unit_force = 'kent'")[0][0] == expected
        assert rows(spec, "SELECT rows FROM force_months WHERE force = 'kent'") == [(expected,)]
    finally:
        drop(spec)


def test_copystore_geopackage_to_postgis_and_back_exactly(tmp_path):
    gpkg = imported_force(tmp_path, tmp_path / "source.gpkg")
    import_path(city_of_london_street(), gpkg)
    import_path(KENT, gpkg)
    with open_store(gpkg) as store:
        store.mark_whole("street", "kent", "2018-12", note="checked")
    pg = new_store("postgis", tmp_path, "copied")
    back = tmp_path / "back.gpkg"
    try:
        copied = copy_store(str(gpkg), pg)
        assert copied["crimes"] == rows(str(gpkg), "SELECT COUNT(*) FROM crimes")[0][0]
        copy_store(pg, str(back))
        assert content(str(gpkg)) == content(pg) == content(str(back))
        with open_store(str(back)) as store:
            assert store.integrity_ok() and not store.needs_upgrade()
            assert store.neighbourhood_details("gloucestershire", "AA3")["name"] == "St Marks"
        with pytest.raises(StoreError, match="is not empty"):
            copy_store(str(gpkg), pg)
    finally:
        drop(pg)


def test_a_password_never_shows_in_the_stores_name_or_messages():
    conninfo, schema, shown = split_spec("postgresql://analyst:s3cret@db.example:5432/crime?sslmode=require&schema=team")
    assert "s3cret" in conninfo and "s3cret" not in shown and schema == "team"
    assert "schema" not in conninfo
    conninfo, schema, shown = split_spec("host=db.example dbname=crime user=analyst password='s3 cret' schema=team")
    assert "s3 cret" not in shown and "password" in conninfo and schema == "team"
    with pytest.raises(StoreError, match="not a plain lower-case name"):
        split_spec("postgresql://h/db?schema=Robert');DROP")
    with pytest.raises(StoreError) as err:
        open_store("postgresql://nobody:s3cret@127.0.0.1:1/crime")
    assert "s3cret" not in str(err.value) and "cannot connect" in str(err.value)

"""Each neighbourhood's own web page (police.uk's url_force): kept by the store on both backends, added
to stores of version 4 by an explicit upgrade (GeoPackage migration 5; PostGIS by the tables' owner or
the administrator's schema script), read from stores not yet upgraded without failing, and shown in
the panel as a link that opens over https."""

import json
import sqlite3
from datetime import datetime

import psycopg2
import pytest

from crimemap_plugin.core.api import PoliceApi
from crimemap_plugin.core.errors import StoreError
from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.neighbourhood_view import render
from crimemap_plugin.core.neighbourhoods import import_force
from crimemap_plugin.core.store import open_store
from crimemap_plugin.core.store.postgis_schema import ANALYST, schema_sql
from tests.api_server import FAST, FakePoliceUk, UrllibTransport
from tests.cheltenham import write_street_csvs
from tests.shared_data import shared_data
from tests.stores import BACKENDS, drop, new_store, postgres_url, totals_agree

ST_MARKS_PAGE = "http://www.gloucestershire.police.uk/neighbourhood-policing/cheltenham/st-marks/"


def real_detail() -> dict:
    return json.loads((shared_data() / "api" / "gloucestershire_AA3_neighbourhood.json").read_text())


def import_neighbourhoods(spec: str) -> None:
    """Gloucestershire's 55 neighbourhoods from the local police.uk: every one with the real AA3 details
    (its real url_force), St Marks (AA3) with an http:// page, as police.uk's older answers give."""
    detail = real_detail()
    detail["url_force"] = ST_MARKS_PAGE
    with FakePoliceUk(rate=1000, burst=1000, answers={"/api/gloucestershire/AA3": detail}) as server:
        api = PoliceApi(UrllibTransport(), server.url, FAST, backoff=0.01)
        with open_store(spec) as store:
            import_force(api, store, "gloucestershire")


@pytest.fixture(params=BACKENDS)
def spec(request, tmp_path):
    spec = new_store(request.param, tmp_path, "pages")
    import_neighbourhoods(spec)
    yield spec
    drop(spec)


def test_the_store_keeps_each_neighbourhoods_page(spec):
    real = real_detail()["url_force"]
    assert real.startswith("https://www.gloucestershire.police.uk/")
    with open_store(spec, create=False, read_only=True) as store:
        assert store.neighbourhood_details("gloucestershire", "AA3")["url_force"] == ST_MARKS_PAGE
        others = [store.neighbourhood_details("gloucestershire", nid)["url_force"]
                  for nid in ("AA1", "AA2", "BA1") if store.neighbourhood_details("gloucestershire", nid)]
        assert others and all(url == real for url in others)


def _as_version_4_gpkg(path) -> None:
    """The store as version 4 left it: no url_force column, no neighbourhood totals (version 6)."""
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE neighbourhood_details DROP COLUMN url_force")
        for event in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER neighbourhood_totals_{event}")
        conn.execute("DROP TABLE neighbourhood_totals")
        conn.execute("DELETE FROM gpkg_contents WHERE table_name = 'neighbourhood_totals'")
        conn.execute("UPDATE crimemap_meta SET value = '4' WHERE key = 'schema_version'")


def test_a_version_4_geopackage_is_read_as_it_is_and_upgraded_explicitly(tmp_path):
    path = tmp_path / "v4.gpkg"
    import_neighbourhoods(str(path))
    _as_version_4_gpkg(path)
    before = path.read_bytes()
    with open_store(path, create=False, read_only=True) as store:
        row = store.neighbourhood_details("gloucestershire", "AA3")
        assert row["url_force"] is None and row["name"] == "St Marks"
        assert store.needs_upgrade()
    assert path.read_bytes() == before
    with open_store(path, create=False) as store:
        with pytest.raises(StoreError, match="must be upgraded"):
            store.store_neighbourhoods("gloucestershire", [])
        assert "neighbourhood web pages added (filled when the neighbourhoods are refreshed)" in store.upgrade()
        assert not store.needs_upgrade()
        assert store.neighbourhood_details("gloucestershire", "AA3")["url_force"] is None
    with sqlite3.connect(path) as conn:
        assert "url_force" in {r[1] for r in conn.execute("PRAGMA table_info(neighbourhood_details)")}
        assert conn.execute("SELECT value FROM crimemap_meta WHERE key = 'schema_version'").fetchone()[0] == "6"
    import_neighbourhoods(str(path))      # refreshed: the pages are filled
    with open_store(path, create=False, read_only=True) as store:
        assert store.neighbourhood_details("gloucestershire", "AA3")["url_force"] == ST_MARKS_PAGE


def _admin():
    conn = psycopg2.connect(postgres_url())
    conn.autocommit = True
    return conn


def _as_version_4_postgis(spec: str) -> str:
    schema = spec.rsplit("schema=", 1)[1]
    with _admin() as conn, conn.cursor() as cur:
        cur.execute(f"ALTER TABLE {schema}.neighbourhood_details DROP COLUMN url_force")
        cur.execute(f"DROP TABLE {schema}.neighbourhood_totals")
        cur.execute(f"DROP TRIGGER neighbourhood_totals_kept ON {schema}.neighbourhood_counts")
        cur.execute(f"DROP FUNCTION {schema}.neighbourhood_totals_kept")
        cur.execute(f"UPDATE {schema}.crimemap_meta SET value = '4' WHERE key = 'schema_version'")
    return schema


def _columns(schema: str) -> set:
    with _admin() as conn, conn.cursor() as cur:
        cur.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND "
                    "table_name = 'neighbourhood_details'", (schema,))
        return {r[0] for r in cur.fetchall()}


@pytest.fixture(scope="module")
def analyst():
    """A login user with the analyst role (may write rows, does not own the tables)."""
    with _admin() as conn, conn.cursor() as cur:
        cur.execute(schema_sql("crimemap_pages_probe"))
        cur.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'crimemap_pages_analyst') "
                    "THEN CREATE ROLE crimemap_pages_analyst LOGIN; END IF; END $$")
        cur.execute(f"GRANT {ANALYST} TO crimemap_pages_analyst")
        cur.execute("DROP SCHEMA crimemap_pages_probe CASCADE")
    return "crimemap_pages_analyst"


def with_crimes(spec: str, folder) -> None:
    """Gloucestershire's street crimes of the shared months imported (counted in its neighbourhoods)."""
    write_street_csvs(folder / "csv")
    import_path(folder / "csv", spec)


def test_a_version_4_postgis_store_is_upgraded_by_its_owner(tmp_path, analyst):
    spec = new_store("postgis", tmp_path, "pg_v4")
    try:
        import_neighbourhoods(spec)
        with_crimes(spec, tmp_path)
        schema = _as_version_4_postgis(spec)
        with _admin() as conn, conn.cursor() as cur:           # the analyst role's rights, as schema_sql grants
            cur.execute(f"GRANT USAGE ON SCHEMA {schema} TO {ANALYST}")
            cur.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {ANALYST}")
        with open_store(spec, create=False, read_only=True) as store:   # read as it is: no page yet
            assert store.neighbourhood_details("gloucestershire", "AA3")["url_force"] is None
            assert store.needs_upgrade()
        with open_store(spec.replace("postgres@", f"{analyst}@", 1), create=False) as store:
            with pytest.raises(StoreError, match="ask your administrator to run the SQL of `make postgis-schema`"):
                store.upgrade()
        assert "url_force" not in _columns(schema)
        with open_store(spec, create=False) as store:                  # the tables' owner
            assert store.upgrade() == ["neighbourhood web pages added (filled when the neighbourhoods are "
                                       "refreshed)", "all-crime counts per neighbourhood added"]
            assert not store.needs_upgrade()
        assert "url_force" in _columns(schema)
        assert totals_agree(spec)
        import_neighbourhoods(spec)
        with open_store(spec, create=False, read_only=True) as store:
            assert store.neighbourhood_details("gloucestershire", "AA3")["url_force"] == ST_MARKS_PAGE
    finally:
        drop(spec)


def test_the_administrators_schema_script_upgrades_a_version_4_store(tmp_path):
    spec = new_store("postgis", tmp_path, "pg_sql")
    try:
        import_neighbourhoods(spec)
        with_crimes(spec, tmp_path)
        schema = _as_version_4_postgis(spec)
        with _admin() as conn, conn.cursor() as cur:
            cur.execute(schema_sql(schema))
            cur.execute(f"SELECT value FROM {schema}.crimemap_meta WHERE key = 'schema_version'")
            assert cur.fetchone()[0] == "6"
        assert "url_force" in _columns(schema)
        assert totals_agree(spec)
        with open_store(spec, create=False) as store:
            assert not store.needs_upgrade()
            assert store.neighbourhood_details("gloucestershire", "AA3")["name"] == "St Marks"
    finally:
        drop(spec)


# -- the panel ------------------------------------------------------------------------------------------
def _row(url):
    return {"name": "St Marks", "neighbourhood_id": "AA3", "fetched_at": "2026-12-01T10:00:00", "people": "[]",
            "events": "[]", "priorities": "[]", "links": "[]", "contact_details": "{}", "url_force": url}


def test_the_panel_links_the_neighbourhoods_page_over_https():
    now = datetime(2026, 12, 10)
    shown = render(_row(ST_MARKS_PAGE), now)
    https = ST_MARKS_PAGE.replace("http://", "https://")
    assert f'<a href="{https}">Neighbourhood page</a>' in shown
    assert 'href="http://' not in shown
    # A page on a host not known to serve https: shown as text to copy, saying why, never as a link.
    shown = render(_row("http://neighbourhood.example.org/st-marks"), now)
    assert "Neighbourhood page" in shown and "not a secure link: copy it to open it" in shown
    assert "<a href=\"http://neighbourhood.example.org" not in shown
    for nothing in (None, "", "javascript:alert(1)"):
        assert "Neighbourhood page" not in render(_row(nothing), now)


def test_the_panel_puts_the_team_and_priorities_before_pages_online():
    """How to reach the team first; the team, its priorities and events next; web and social pages last."""
    import json
    row = dict(_row(ST_MARKS_PAGE), contact_details=json.dumps({
        "email": "stmarks@example.org", "telephone": "101", "twitter": "https://twitter.com/stmarkscops",
        "facebook": "https://facebook.com/stmarkscops"}),
        people=json.dumps([{"name": "PC Jones", "rank": "PC"}]),
        priorities=json.dumps([{"issue": "Parking outside the school", "issue_date": "2026-11-01T00:00:00"}]),
        links=json.dumps([{"title": "Report a crime", "url": "https://www.example.org/report"}]))
    shown = render(row, datetime(2026, 12, 10))
    order = [shown.index(text) for text in ("<h3>St Marks</h3>", "stmarks@example.org", "Your neighbourhood team",
                                            "PC Jones", "Current priorities", "Parking outside the school",
                                            "Upcoming events", "<h4>Links</h4>", "Neighbourhood page",
                                            "X (Twitter)", "Facebook", "Report a crime")]
    assert order == sorted(order)
    assert shown.count("St Marks") == 1 and shown.count("stmarks@example.org") == 2   # link text and mailto

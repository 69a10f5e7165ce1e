"""Neighbourhood boundaries from a police.uk neighbourhood KML zip: anomalies, hostile entries, counts."""

import sqlite3

import pytest

from crimemap_plugin.core.errors import FileRefused
from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.kml import import_force_kml
from crimemap_plugin.core.store import open_store
from tests.api_server import imported_force
from tests.cheltenham import write_street_csvs
from tests.kml_fixture import write_kml_zip


def stored(path) -> dict:
    with sqlite3.connect(path) as conn:
        return {nid: (name, fetched) for nid, name, fetched in conn.execute(
            "SELECT neighbourhood_id, name, fetched_at FROM neighbourhoods WHERE force = 'gloucestershire'")}


def test_kml_zip_with_anomalies_and_hostile_entries(tmp_path):
    archive = tmp_path / "neighbourhoods.zip"
    fixture = write_kml_zip(archive)
    write_street_csvs(tmp_path / "csv")
    store_path = tmp_path / "s.gpkg"
    import_path(tmp_path / "csv", store_path)
    with open_store(store_path) as store:
        report = import_force_kml(store, archive, "gloucestershire")
    assert set(stored(store_path)) == fixture["ids"]             # 55, without the parent or the copy
    skipped = dict(report.skipped)
    assert "parent area covering 9 neighbourhoods" in skipped["CHELT"]
    copy, original = fixture["copy"]
    assert f"the same boundary as {original}" in skipped[copy]
    failed = dict(report.failed)
    assert "DOCTYPE" in failed["BAD1"] and f"{archive}!gloucestershire/BAD1.kml" in failed["BAD1"]
    assert "not well-formed" in failed["BAD2"]
    assert "outside the UK" in failed["BAD3"]
    assert "'..' refused" in failed["../evil.kml"]
    assert report.stored == 55 and "55 of" in report.summary()
    # Names from the KML (no details stored); St Marks' hole keeps the crimes inside it out.
    assert stored(store_path)["AA3"][0] == "St Marks"
    from tests.cheltenham import counts_inside
    expected = counts_inside(fixture["st_marks"])
    with sqlite3.connect(store_path) as conn:
        got = {(m, c): n for m, c, n in conn.execute(
            "SELECT month, category, n FROM neighbourhood_counts WHERE neighbourhood_id = 'AA3'")}
    assert got == expected
    from tests.cheltenham import st_marks_polygon
    assert sum(got.values()) < sum(counts_inside(st_marks_polygon()).values())  # the hole took some


def test_kml_after_the_api_keeps_details_and_names(tmp_path):
    archive = tmp_path / "neighbourhoods.zip"
    write_kml_zip(archive, hostile=False)
    store_path = imported_force(tmp_path)
    with sqlite3.connect(store_path) as conn:
        conn.execute("UPDATE neighbourhood_details SET name = 'St Marks (from police.uk)' WHERE neighbourhood_id='AA3'")
    with open_store(store_path) as store:
        import_force_kml(store, archive, "gloucestershire")
    assert stored(store_path)["AA3"][0] == "St Marks (from police.uk)"
    with sqlite3.connect(store_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM neighbourhood_details").fetchone()[0] == 55
        assert conn.execute("SELECT COUNT(*) FROM neighbourhoods").fetchone()[0] == 55


@pytest.mark.parametrize("content, message", [
    (b"not a zip", "is not a readable zip archive"),
    (None, "holds no gloucestershire/<neighbourhood>.kml entries"),
])
def test_unusable_archives_leave_the_store_unchanged(tmp_path, content, message):
    store_path = imported_force(tmp_path)
    before = stored(store_path)
    archive = tmp_path / "bad.zip"
    if content is None:
        import zipfile
        with zipfile.ZipFile(archive, "w") as z:
            z.writestr("wiltshire/W1.kml", "<kml/>")
    else:
        archive.write_bytes(content)
    with open_store(store_path) as store, pytest.raises(FileRefused, match=message) as caught:
        import_force_kml(store, archive, "gloucestershire")
    assert str(archive) in str(caught.value)
    assert stored(store_path) == before


def test_every_entry_broken_changes_nothing(tmp_path):
    import zipfile
    store_path = imported_force(tmp_path)
    before = stored(store_path)
    archive = tmp_path / "broken.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("gloucestershire/AA3.kml", "<kml><Placemark>")
    with open_store(store_path) as store, pytest.raises(FileRefused, match="no gloucestershire neighbourhood could "
                                                                           "be read; the store is unchanged"):
        import_force_kml(store, archive, "gloucestershire")
    assert stored(store_path) == before

"""A corpus of hostile and broken inputs: each gets a clear message and leaves the store unchanged."""

import os
import sqlite3
import stat
import subprocess
import zipfile

import pytest

from crimemap_plugin.core import sources
from crimemap_plugin.core.errors import StoreError
from crimemap_plugin.core.importer import import_path
from tests.shared_data import city_of_london_street, shared_data
from tests.unit.conftest import fingerprint

NAME = "2024-03-city-of-london-street.csv"


def real() -> bytes:
    return (city_of_london_street() / NAME).read_bytes()


def header() -> bytes:
    return real().split(b"\n", 1)[0] + b"\n"


def rows(n=None):
    lines = real().split(b"\n")[1:]
    return [line + b"\n" for line in lines if line.strip()][:n]


def replace_header(old: bytes, new: bytes) -> bytes:
    data = real()
    head, body = data.split(b"\n", 1)
    return head.replace(old, new) + b"\n" + body


def with_row(i: int, row: bytes) -> bytes:
    r = rows()
    r[i] = row
    return header() + b"".join(r)


# (id, file name, content, words the message must contain)
BROKEN_FILES = [
    ("empty", NAME, lambda: b"", ["empty"]),
    ("blank", NAME, lambda: b"\r\n \n", ["empty"]),
    ("png", NAME, lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(64), ["NUL", "line 3"]),
    ("nul-in-row", NAME, lambda: with_row(5, rows()[5][:20] + b"\x00" + rows()[5][20:]), ["NUL", "line 7"]),
    ("html", NAME, lambda: b"<!DOCTYPE html><html><body>Service unavailable</body></html>", ["HTML"]),
    ("html-lower", NAME, lambda: b"\n  <html><head><title>502</title></head></html>", ["HTML"]),
    ("latin1", NAME, lambda: with_row(9, rows()[9].replace(b"On or near", b"On or n\xe9ar")),
     ["not UTF-8", "line 11"]),
    ("utf16", NAME, lambda: real().decode("utf-8").encode("utf-16"), ["NUL"]),
    ("gzip", NAME, lambda: __import__("gzip").compress(real()), ["NUL"]),
    ("missing-column", NAME, lambda: replace_header(b",Crime type", b""), ["lacks column", "'Crime type'"]),
    ("renamed-column", NAME, lambda: replace_header(b"Crime type", b"Offence"), ["lacks column", "'Crime type'"]),
    ("extra-column", NAME, lambda: replace_header(b",Context", b",Context,Notes"), ["unexpected column 'Notes'"]),
    ("duplicate-column", NAME, lambda: replace_header(b",Context", b",Context,Month"), ["'Month' twice"]),
    ("semicolons", NAME, lambda: real().replace(b",", b";"), ["lacks column"]),
    ("truncated", NAME, lambda: real()[: len(real()) // 2], ["cut short", "line"]),
    ("short-row", NAME, lambda: with_row(20, b"abc,2024-03,City of London Police\n"), ["3 fields", "line 22"]),
    ("long-row", NAME, lambda: with_row(3, rows()[3].rstrip(b"\r\n") + b",extra,fields\n"), ["line 5"]),
    ("open-quote", NAME, lambda: real() + b'x,2024-03,City of London Police,"unterminated\n', ["cut short"]),
    ("old-layout", NAME, lambda: (b"Month,Reported by,Falls within,Easting,Northing,Location,Crime type,Context\n"
                                  b"2011-03,City of London Police,City of London Police,532000,181000,"
                                  b"On or near X,Burglary,\n"), ["2011", "Easting"]),
    ("kind-mismatch", NAME, lambda: (shared_data() / "police_uk" / "stop-and-search" /
                                     "2019-06-greater-manchester-stop-and-search.csv").read_bytes(),
     ["named as a street file"]),
    ("unnamed-stop-and-search", "stops.csv",
     lambda: (shared_data() / "police_uk" / "stop-and-search" /
              "2019-06-greater-manchester-stop-and-search.csv").read_bytes(), ["file name must be"]),
    ("unknown-force-name", "2024-03-atlantis-street.csv", real, ["unknown force 'atlantis'"]),
    ("impossible-month", "2024-13-city-of-london-street.csv", real, ["impossible month"]),
    ("all-rows-bad", NAME, lambda: real().replace(b"2024-03,", b"2023-03,"), ["no valid rows"]),
    ("header-only-unnamed", "extract.csv", header, ["no data rows", "line 1"]),
    ("header-only", NAME, header, ["no data rows", "line 1", "nothing stored is replaced"]),
    ("header-only-crlf", NAME, lambda: header().replace(b"\n", b"\r\n"), ["no data rows"]),
    ("cr-only-newlines", NAME, lambda: real().replace(b"\r\n", b"\r"), ["carriage returns only"]),
    ("no-data-rows-but-garbage", NAME, lambda: header() + b"\x1b[2J\x1b[H\n", ["1 fields"]),
]


@pytest.mark.parametrize("case_id,name,content,words", BROKEN_FILES, ids=[c[0] for c in BROKEN_FILES])
def test_broken_file_refused_whole_store_unchanged(store, tmp_path, case_id, name, content, words):
    path = tmp_path / name
    path.write_bytes(content())
    before = fingerprint(store)
    report = import_path(path, store)
    assert len(report.refused) == 1, report.summary()
    message = report.refused[0].message
    assert str(path) in message
    for word in words:
        assert word in message, message
    assert report.rows_imported == 0
    assert fingerprint(store) == before


def _zip(path, entries, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return path


def test_zip_entries_with_dotdot_or_absolute_paths_refused(store, tmp_path):
    outside = tmp_path / "evil.csv"
    archive = _zip(tmp_path / "a.zip", [("../evil.csv", real()), ("/tmp/evil-abs.csv", real()),
                                        ("2024-03/../../x/" + NAME, real())])
    before = fingerprint(store)
    report = import_path(archive, store)
    assert len(report.refused) == 3
    assert all("absolute path or '..'" in f.message for f in report.refused)
    assert not outside.exists() and not os.path.exists("/tmp/evil-abs.csv")
    assert fingerprint(store) == before


def test_corrupt_zip_member_refused(store, tmp_path):
    archive = _zip(tmp_path / "c.zip", [("2024-03/" + NAME, real())])
    data = bytearray(archive.read_bytes())
    start = data.find(b"\x00" * 0) + 30 + len("2024-03/" + NAME) + 200
    for i in range(start, start + 400):
        data[i] ^= 0x5A
    archive.write_bytes(bytes(data))
    before = fingerprint(store)
    report = import_path(archive, store)
    assert len(report.refused) == 1 and "corrupt" in report.refused[0].message
    assert NAME in report.refused[0].message
    assert fingerprint(store) == before


@pytest.mark.parametrize("kind", ["random", "truncated"])
def test_unreadable_zip_refused(store, tmp_path, kind):
    path = tmp_path / "archive.zip"
    if kind == "random":
        path.write_bytes(os.urandom(4096))
    else:
        full = _zip(tmp_path / "full.zip", [("2024-03/" + NAME, real())]).read_bytes()
        path.write_bytes(full[: len(full) // 3])
    before = fingerprint(store)
    report = import_path(path, store)
    assert len(report.refused) == 1 and "not a readable zip" in report.refused[0].message
    assert fingerprint(store) == before


def test_huge_zip_entry_refused(store, tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 10_000)
    archive = _zip(tmp_path / "bomb.zip", [("2024-03/" + NAME, real())])
    before = fingerprint(store)
    report = import_path(archive, store)
    assert len(report.refused) == 1 and "far larger than any police.uk file" in report.refused[0].message
    assert fingerprint(store) == before


def test_good_members_still_import_beside_bad_ones(tmp_path):
    store = tmp_path / "mixed.gpkg"
    archive = _zip(tmp_path / "mixed.zip", [("2024-03/" + NAME, real()), ("../evil.csv", real()),
                                            ("2024-04/2024-04-city-of-london-street.csv", b"<html></html>")])
    report = import_path(archive, store)
    assert report.rows_imported == len(rows()) and len(report.refused) == 2


# Well-formed files with some bad rows: those rows are rejected, counted and reported by reason.
BAD_ROWS = [
    ("unknown-type", lambda r: r.replace(b"Other theft", b"Fraud"), "unknown crime type"),
    ("bad-month", lambda r: r.replace(b",2024-03,", b",2024-3,"), "unparseable month"),
    ("other-month", lambda r: r.replace(b",2024-03,", b",2024-02,"), "month is not the file's month"),
    ("bad-coordinates", lambda r: r.replace(b",-0.", b",west-0.", 1), "unparseable coordinates"),
    ("outside-uk", lambda r: r.replace(b",-0.", b",100.", 1), "coordinates outside the UK"),
    ("unknown-force", lambda r: r.replace(b"City of London Police,City of London Police",
                                          b"City of London Police,Atlantis Police"), "unknown force"),
]


@pytest.mark.parametrize("case_id,mutate,reason", BAD_ROWS, ids=[c[0] for c in BAD_ROWS])
def test_bad_rows_rejected_counted_and_reported(tmp_path, case_id, mutate, reason):
    good = rows()
    targets = [i for i, r in enumerate(good) if mutate(r) != r][:3]
    assert len(targets) == 3
    for i in targets:
        good[i] = mutate(good[i])
    path = tmp_path / NAME
    path.write_bytes(header() + b"".join(good))
    store = tmp_path / "rows.gpkg"
    report = import_path(path, store)
    assert report.rows_rejected == 3
    assert report.rows_imported == len(good) - 3
    assert reason in report.files[0].message
    assert f"line {targets[0] + 2}" in report.files[0].message
    with sqlite3.connect(store) as conn:
        stored = conn.execute("SELECT line, reason FROM rejected_rows ORDER BY line").fetchall()
    assert [line for line, _ in stored] == [i + 2 for i in targets]
    assert all(reason in r for _, r in stored)


def test_zero_coordinates_mean_no_location(tmp_path):
    r = rows()
    fields = r[0].split(b",")
    fields[4], fields[5] = b"0.000000", b"0.000000"
    r[0] = b",".join(fields)
    path = tmp_path / NAME
    path.write_bytes(header() + b"".join(r))
    store = tmp_path / "zero.gpkg"
    report = import_path(path, store)
    assert report.rows_rejected == 0 and report.rows_imported == len(r)
    with sqlite3.connect(store) as conn:
        first = conn.execute("SELECT geom FROM crimes ORDER BY fid LIMIT 1").fetchone()[0]
    assert first is None


def _make_read_only(path):
    if os.geteuid() == 0:  # root ignores permission bits; an immutable file is read-only even for root
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        os.chmod(path, stat.S_IRUSR)


def _make_writable(path):
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_read_only_store_refused_with_its_name(store, tmp_path):
    path = tmp_path / NAME
    path.write_bytes(real().replace(b"Other theft", b"Burglary"))
    before = fingerprint(store)
    _make_read_only(store)
    try:
        with pytest.raises(StoreError, match="read-only") as err:
            import_path(path, store)
        assert str(store) in str(err.value)
    finally:
        _make_writable(store)
    assert fingerprint(store) == before


def test_locked_store_refused(store, tmp_path):
    path = tmp_path / NAME
    path.write_bytes(real().replace(b"Other theft", b"Burglary"))
    before = fingerprint(store)
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked"):
            import_path(path, store)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert fingerprint(store) == before


def test_store_that_is_not_a_geopackage(tmp_path):
    notes = tmp_path / "notes.gpkg"
    notes.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a GeoPackage"):
        import_path(city_of_london_street() / NAME, notes)
    assert notes.read_text().startswith("these are my notes")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE mine (x)")
    before = other.read_bytes()
    with pytest.raises(StoreError, match="not a Crime Map store .*holds mine.*refusing to change it"):
        import_path(city_of_london_street() / NAME, other)
    assert other.read_bytes() == before

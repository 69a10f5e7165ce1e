"""The import's fast paths write the same store as the plain ones: many rows an INSERT, and columns
bound whole, against one row a statement with every value bound on its own; a file read and parsed
once for the plan and the import; bytes counted with NumPy. Rows, counts, the neighbourhood counts and
the R-tree are compared, and the GeoPackage file byte for byte."""

import sqlite3
import threading

import numpy as np
import pytest

from crimemap_plugin.core import csvparse, importer, sources
from crimemap_plugin.core.errors import FileRefused
from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.store import gpkg, sqlite_io
from tests.independent import street_counts
from tests.shared_data import shared_data
from tests.stores import content
from tests.unit.conftest import store_counts

NATIONAL = shared_data() / "police_uk" / "national-2018-12"


def one_national_file(tmp_path):
    """Five forces of the real national month in one file without the archive's name (as a user
    joins them): the plan reads it to find its force-months."""
    files = [NATIONAL / f"2018-12-{slug}-street.csv" for slug in ("kent", "btp", "surrey", "dorset", "cumbria")]
    out = tmp_path / "five-forces.csv"
    with open(out, "wb") as fh:
        for i, f in enumerate(files):
            data = f.read_bytes()
            fh.write(data if i == 0 else data.split(b"\n", 1)[1])
    return out, files


def same_file_but_times(one, other) -> bool:
    """Whether two GeoPackages are the same bytes once the times of their imports are blanked."""
    with sqlite3.connect(one) as a, sqlite3.connect(other) as b:
        for conn in (a, b):
            conn.execute("UPDATE imports SET imported_at = ''")
            conn.execute("UPDATE gpkg_contents SET last_change = ''")
            conn.commit()
    return one.read_bytes() == other.read_bytes()


def rtree(path) -> list:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT id, minx, maxx, miny, maxy FROM rtree_crimes_geom ORDER BY id").fetchall()


@pytest.mark.parametrize("bulk", [False, True], ids=["index-as-rows-go-in", "index-packed-at-the-end"])
def test_many_rows_a_statement_write_the_same_file(tmp_path, monkeypatch, bulk):
    source, files = one_national_file(tmp_path)
    monkeypatch.setattr(importer, "_maybe_bulk", importer._maybe_bulk if bulk else lambda store, size: None)
    stores = {}
    for per in (1, sqlite_io.ROWS_PER_STATEMENT):   # 1: every value bound on its own, one row a statement
        monkeypatch.setattr(sqlite_io, "ROWS_PER_STATEMENT", per)
        monkeypatch.setattr(sqlite_io, "PACKED", per > 1)
        stores[per] = tmp_path / f"per-{per}.gpkg"
        import_path(source, stores[per])
    plain, fast = stores[1], stores[sqlite_io.ROWS_PER_STATEMENT]
    assert store_counts(fast) == street_counts(files)
    assert content(str(fast), with_times=False) == content(str(plain), with_times=False)
    assert rtree(fast) == rtree(plain) and len(rtree(fast)) > 30_000
    assert same_file_but_times(fast, plain)


def test_columns_bound_whole_write_what_rows_bound_value_by_value_write(tmp_path, monkeypatch):
    """Chunk by chunk: texts (empty, not ASCII), one value throughout, NULL points, and chunks that
    cannot be packed (a number among texts, a text holding the separator) written row by row."""
    monkeypatch.setattr(sqlite_io, "CHUNK", 7)
    n = 40
    lon = np.array([np.nan if i % 9 == 4 else -3.0 + i / 100 for i in range(n)])
    lat = np.array([51.5 + i / 1000 for i in range(n)])
    texts = [["", "Ynys Môn", "On or near Ffordd Glyndŵr", "中"][i % 4] for i in range(n)]
    texts[10] = 17                                   # the second chunk: a number
    texts[22] = f"Park{sqlite_io.SEPARATOR}Lane"     # the fourth: the separator itself
    mixed = [f"x{i}" for i in range(n)]
    mixed[15] = None                                 # the third: a NULL among texts
    columns = {"geom": sqlite_io.Blobs(gpkg.point_records(lon, lat), gpkg.POINT_SIZE, np.isnan(lon)),
               "location": texts, "note": mixed, "force": ["kent"] * n, "blank": [None] * n}
    statements = []
    files = {}
    for packed in (False, True):
        monkeypatch.setattr(sqlite_io, "PACKED", packed)
        files[packed] = tmp_path / f"packed-{packed}.sqlite"
        with sqlite3.connect(files[packed]) as conn:
            conn.set_trace_callback(lambda sql, packed=packed: statements.append((packed, "WITH RECURSIVE" in sql)))
            conn.execute("CREATE TABLE t (fid INTEGER PRIMARY KEY, geom BLOB, location, note TEXT, "
                         "force TEXT, blank TEXT)")
            sqlite_io.insert_columns(conn, "t", 101, columns, n)
            conn.commit()
    rows = {}
    for packed, path in files.items():
        with sqlite3.connect(path) as conn:
            rows[packed] = conn.execute("SELECT fid, geom, location, typeof(location), note, force, blank "
                                        "FROM t ORDER BY fid").fetchall()
    assert rows[True] == rows[False] and [r[0] for r in rows[True]] == list(range(101, 101 + n))
    assert rows[True][4][1] is None and rows[True][10][2:4] == (17, "integer") and rows[True][1][2] == "Ynys Môn"
    assert files[True].read_bytes() == files[False].read_bytes()
    # Six chunks: the second, third and fourth are written row by row, the others packed.
    assert not any(whole for packed, whole in statements if not packed)
    assert sum(whole for packed, whole in statements if packed) == 3


def test_a_file_parsed_for_the_plan_is_neither_read_nor_parsed_again(tmp_path, monkeypatch):
    source, files = one_national_file(tmp_path)
    parsed, reads = [], []
    read_file = importer.read_file
    monkeypatch.setattr(importer, "read_file", lambda *a: parsed.append(a[0]) or read_file(*a))
    file_member = sources.file_member

    def counted(path):
        member = file_member(path)
        read = member.read
        member.read = lambda: reads.append(path) or read()
        return member
    monkeypatch.setattr(sources, "file_member", counted)
    report = import_path(source, tmp_path / "once.gpkg")
    assert len(parsed) == 1 and len(reads) == 1
    assert store_counts(tmp_path / "once.gpkg") == street_counts(files)
    # The checksum stored is that of the bytes read: importing the file again finds it unchanged.
    again = import_path(source, tmp_path / "once.gpkg")
    assert [f.status for f in report.files] == ["imported"] and [f.status for f in again.files] == ["unchanged"]


HEADER = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
          "Last outcome category,Context")
ROW = "{id},2018-12,Kent Police,Kent Police,0.52,51.27,{location},E01024000,Maidstone 001A,Burglary,,"


@pytest.mark.parametrize("locations, counted, read", [
    (['"On or near Asda, Thurmaston"', "On or near High Street"], True, True),
    (['"On or near ""The Drive"", Park Lane"', '""', '""""'], True, True),
    (['"On or near Asda,\nThurmaston"', "On or near High Street"], False, True),   # over two lines
    (['On or near As"da', "On or near High Street"], False, True),                  # inside a field
    (['"On or near Asda, Thurmaston', "On or near High Street"], False, False),     # never closed
    (['"On or near Asda" Thurmaston', "On or near High Street"], False, True),      # after the closing one
    (['"On or near Asda, Thurmaston",extra', "On or near High Street"], True, False),   # a row too wide
], ids=["commas", "doubled-quotes", "over-two-lines", "inside", "unclosed", "after-closing", "too-wide"])
@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_quoted_fields_counted_without_the_csv_module_read_as_with_it(monkeypatch, locations, counted, read,
                                                                      ending):
    """A file with quoted fields within lines is checked by counting, as one without quotes; any other
    use of quotes is left to the csv module. Both give the same parse, line numbers and refusals."""
    rows = [ROW.format(id=f"{i:064x}", location=locations[i % len(locations)]) for i in range(40)]
    rows[7] = rows[7].replace("Burglary", "Not a category")   # a rejected row, reported by its line
    data = ending.join([HEADER] + rows + [""]).encode()
    assert (csvparse._without_quoted_fields(data) is not None) == counted
    outcomes = []
    for most in (csvparse.MAX_QUOTED_FIELDS, 0):   # 0: every quoted file read by the csv module
        monkeypatch.setattr(csvparse, "MAX_QUOTED_FIELDS", most)
        try:
            parsed = csvparse.read_file("test.csv", "2018-12-kent-street.csv", data)
        except FileRefused as err:
            outcomes.append(str(err))
            continue
        outcomes.append((parsed.frame, parsed.rejections.lines))
    if not read:
        assert isinstance(outcomes[0], str) and outcomes[0] == outcomes[1]
    else:
        (frame, lines), (frame_csv, lines_csv) = outcomes
        assert len(frame) == 39 and frame.equals(frame_csv)
        assert lines == lines_csv and len(lines) == 1


def test_the_real_files_with_quoted_fields_parse_as_with_the_csv_module(monkeypatch):
    for slug in ("leicestershire", "northern-ireland", "nottinghamshire"):
        data = (NATIONAL / f"2018-12-{slug}-street.csv").read_bytes()
        assert b'"' in data
        parses = []
        for most in (csvparse.MAX_QUOTED_FIELDS, 0):
            monkeypatch.setattr(csvparse, "MAX_QUOTED_FIELDS", most)
            parsed = csvparse.read_file(slug, f"2018-12-{slug}-street.csv", data)
            parses.append((parsed.frame, parsed.rejections.lines, parsed.rows_read))
        assert parses[0][0].equals(parses[1][0]) and parses[0][1:] == parses[1][1:]
        assert len(parses[0][0]) == parses[0][2] > 8000


def test_point_blobs_are_each_records_bytes_whatever_their_last_byte():
    """The blobs made in one C loop are the records' bytes exactly, None where a coordinate is NaN; a
    record ending in a zero byte (which NumPy's fixed-size bytes would cut) takes the plain path."""
    from crimemap_plugin.core.store import gpkg
    rng = np.random.default_rng(7)
    for lon, lat in [(rng.uniform(-6, 2, 5000), rng.uniform(49.9, 60.9, 5000)),
                     (np.array([0.0, 1.5, np.nan, 0.25]), np.array([0.0, 52.0, 51.0, np.nan]))]:
        lon[::97] = np.nan
        rec = np.zeros(len(lon), dtype=gpkg._STANDARD)
        rec["magic"], rec["flags"], rec["srs"], rec["order"], rec["type"] = b"GP", 1, 4326, 1, 1
        rec["x"], rec["y"] = lon, lat
        buf, size = rec.tobytes(), gpkg.POINT_SIZE
        missing = np.isnan(lon) | np.isnan(lat)
        expected = [None if missing[i] else buf[i * size:(i + 1) * size] for i in range(len(lon))]
        blobs = gpkg.point_blobs(lon, lat)
        assert blobs == expected and all(b is None or len(b) == size for b in blobs)
        assert gpkg.point_coordinates([b for b in blobs if b is not None])[1].tolist() == \
            lat[~missing].tolist()


def test_reading_every_point_leaves_a_writes_page_cache_alone(store):
    """The scan for counting in polygons goes through a small page cache and gives the large one
    back; within a write (the import's R-tree rebuild reads the points) the cache is not touched,
    as shrinking it would push the written pages out to the journal."""
    from crimemap_plugin.core.store import open_store
    with open_store(store, create=False) as s:
        conn = s.db.conn
        x, y = s.points()
        assert len(x) > 17_000 and conn.execute("PRAGMA cache_size").fetchone()[0] == -sqlite_io.CACHE_KIB
        conn.execute("BEGIN")
        conn.execute("PRAGMA cache_size = -12345")
        assert np.array_equal(s.points()[0], x)
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == -12345
        conn.execute("ROLLBACK")


def test_reads_together_give_what_one_connection_reads_and_fall_back_to_it(store):
    """A GeoPackage's statements read at once (the first through a second connection) give the rows
    read one after another; within a write they are all read through the writing connection (which
    alone sees its rows); a second connection that cannot read leaves it to the first; closing the
    store ends the second one and its thread."""
    import threading

    from crimemap_plugin.core.store import open_store
    statements = [("SELECT force, month, SUM(n) FROM crime_counts WHERE month < ? GROUP BY force, month", ["2025-01"]),
                  ("SELECT force, month, SUM(n) FROM crime_counts WHERE month >= ? GROUP BY force, month", ["2025-01"])]
    threads = threading.active_count()
    with open_store(store, create=False) as s:
        db = s.db
        plain = [db.query(sql, args) for sql, args in statements]
        assert all(plain) and db.reads_together(statements) == plain and db._reader
        with db.transaction():
            db.execute("INSERT INTO crime_counts VALUES ('city-of-london', '2030-01', 'city-of-london', 'drugs', 7)")
            inside = db.reads_together(statements)
            assert inside[1][-1] == ("city-of-london", "2030-01", 7) and inside[0] == plain[0]
            db.execute("DELETE FROM crime_counts WHERE month = '2030-01'")
        db._reader.close()   # as a file the second connection cannot read
        assert db.reads_together(statements) == plain and db._reader is False
        assert db.reads_together(statements) == plain   # (not tried again)
    assert db._reader is None and threading.active_count() == threads


def _folder_of_forces(tmp_path, slugs, broken_after=None):
    """Real force files of the national month in a folder (the archive's names), with a file whose
    every row is cut after `broken_after`, when given."""
    folder = tmp_path / "month"
    folder.mkdir()
    for slug in slugs:
        (folder / f"2018-12-{slug}-street.csv").write_bytes((NATIONAL / f"2018-12-{slug}-street.csv").read_bytes())
    if broken_after:
        (folder / f"2018-12-{broken_after}z-street.csv").write_bytes(b"Crime ID,Month\n1,2018-12\n")
    return folder


def _reader_threads() -> list:
    return [t for t in threading.enumerate() if t.name.startswith("crimemap-read")]


def test_files_read_ahead_write_the_same_file_and_report(tmp_path, monkeypatch):
    """The next file is read and parsed while one is written: the store, byte for byte, and the report,
    file by file, are those of reading each file in its turn; a refused file among them is refused in its
    place."""
    slugs = ("cumbria", "dorset", "kent", "surrey", "btp")
    folder = _folder_of_forces(tmp_path, slugs, broken_after="kent")
    where = {}
    read_file = importer.read_file
    monkeypatch.setattr(importer, "read_file",
                        lambda *a: where.setdefault(a[1], threading.current_thread().name) and read_file(*a))
    outcomes = {}
    for ahead in (0, importer.READ_AHEAD_BYTES):
        monkeypatch.setattr(importer, "READ_AHEAD_BYTES", ahead)
        where.clear()
        store = tmp_path / f"ahead-{ahead}.gpkg"
        report = import_path(folder, store)
        outcomes[ahead] = store, [(f.source, f.status, f.message) for f in report.files]
        threads = set(where.values())
        assert (threads == {"MainThread"}) if not ahead else (len(threads - {"MainThread"}) == 1)
        assert not _reader_threads()
    (plain, plain_report), (ahead, ahead_report) = outcomes[0], outcomes[importer.READ_AHEAD_BYTES]
    assert ahead_report == plain_report
    assert [(name.rsplit("/", 1)[-1][8:-11], s) for name, s, _ in ahead_report] == [
        ("btp", "imported"), ("cumbria", "imported"), ("dorset", "imported"), ("kent", "imported"),
        ("kentz", "refused"), ("surrey", "imported")]
    assert store_counts(ahead) == street_counts([NATIONAL / f"2018-12-{s}-street.csv" for s in slugs])
    assert same_file_but_times(ahead, plain)


def test_a_cancel_leaves_the_file_read_ahead_unstored_and_no_thread(tmp_path):
    folder = _folder_of_forces(tmp_path, ("cumbria", "dorset", "surrey"))
    stored = []
    report = import_path(folder, tmp_path / "cancel.gpkg", cancelled=lambda: len(stored) >= 1,
                         message=lambda text, warning: stored.append(text) if "street rows" in text else None)
    assert report.cancelled and [f.status for f in report.files] == ["imported"]
    assert set(store_counts(tmp_path / "cancel.gpkg")) == set(street_counts([NATIONAL / "2018-12-cumbria-street.csv"]))
    assert not _reader_threads()


def test_a_store_error_while_the_next_file_is_read_ahead_ends_its_thread(tmp_path, monkeypatch):
    from crimemap_plugin.core.errors import StoreError
    from crimemap_plugin.core.store.crime_store import CrimeStore
    folder = _folder_of_forces(tmp_path, ("cumbria", "dorset", "surrey"))
    replace = CrimeStore.replace_unit
    calls = []

    def failing(self, *args, **kwargs):
        calls.append(args[1])
        if len(calls) == 2:
            raise StoreError("disk full")
        return replace(self, *args, **kwargs)
    monkeypatch.setattr(CrimeStore, "replace_unit", failing)
    with pytest.raises(StoreError, match="disk full"):
        import_path(folder, tmp_path / "fails.gpkg")
    assert calls == ["cumbria", "dorset"] and not _reader_threads()
    assert set(f for f, _, _ in store_counts(tmp_path / "fails.gpkg")) == {"cumbria"}


@pytest.mark.parametrize("keep", [False, True], ids=["every-row", "some-rows"])
def test_grouped_counts_tallied_with_numpy_are_pandas_groupby(keep):
    import pandas as pd

    from crimemap_plugin.core.store.crime_store import _tally
    rng = np.random.default_rng(7)
    first = rng.choice(np.array(["E01000001", "E01000002", "W01000003", "", None], dtype=object), 5000)
    second = rng.choice(np.array(["burglary", "drugs", "shoplifting", "other-theft"], dtype=object), 5000)
    mask = rng.random(5000) < 0.6 if keep else np.ones(5000, dtype=bool)
    frame = pd.DataFrame({"a": first, "b": second})[mask]
    expected = frame.groupby(["a", "b"], sort=True).size()
    got = _tally(first, second, mask if keep else None)
    assert list(zip(*got)) == [(a, b, int(n)) for (a, b), n in expected.items()]

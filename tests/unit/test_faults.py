"""Faults and hostile input in folders, files and imports: one clear sentence naming the file (and line)
each time, the rest of the import going on, nothing stored lost."""

import os
import random
import shutil
import socket
import time
import zipfile

import pytest

from crimemap_plugin.core.errors import FileRefused
from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.safe_text import spreadsheet_safe
from crimemap_plugin.core.store import open_store
from tests.independent import street_counts
from tests.shared_data import city_of_london_street
from tests.unit.conftest import fingerprint, store_counts

NAME = "2024-03-city-of-london-street.csv"
APRIL = "2024-04-city-of-london-street.csv"


def real(name=NAME) -> bytes:
    return (city_of_london_street() / name).read_bytes()


def stored_rows(store, month):
    with open_store(store) as s:
        return dict(s.db.query("SELECT month, rows FROM force_months WHERE kind='street'")).get(month)


# -- data loss ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b""])
def test_a_header_only_file_never_replaces_a_stored_force_month(store, tmp_path, ending):
    path = tmp_path / NAME
    path.write_bytes(real().split(b"\n", 1)[0].rstrip(b"\r") + ending)
    before = fingerprint(store)
    report = import_path(path, store)
    assert report.refused and "no data rows" in report.refused[0].message and str(path) in report.refused[0].message
    assert report.rows_imported == 0 and fingerprint(store) == before


def test_the_same_file_twice_in_one_import_is_imported_once(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / NAME).write_bytes(real())
    store = tmp_path / "s.gpkg"
    report = import_path(tmp_path / "in", store)
    assert report.rows_imported == len(real().splitlines()) - 1
    assert [f.status for f in report.files] == ["unchanged", "imported"] or \
        sorted(f.status for f in report.files) == ["imported", "unchanged"]
    assert any("the same file as" in f.message for f in report.files)
    assert store_counts(store) == street_counts([city_of_london_street() / NAME])


def test_two_different_files_for_one_force_month_are_both_refused_and_the_stored_one_kept(store, tmp_path):
    (tmp_path / "in" / "a").mkdir(parents=True)
    (tmp_path / "in" / "b").mkdir(parents=True)
    lines = real().splitlines(keepends=True)
    (tmp_path / "in" / "a" / NAME).write_bytes(b"".join(lines[:200]))
    (tmp_path / "in" / "b" / NAME).write_bytes(b"".join(lines[:1] + lines[300:]))
    (tmp_path / "in" / "b" / APRIL).write_bytes(real(APRIL))   # another force-month goes on
    before_march = stored_rows(store, "2024-03")
    report = import_path(tmp_path / "in", store)
    refused = {f.source: f.message for f in report.refused}
    assert set(refused) == {str(tmp_path / "in" / "a" / NAME), str(tmp_path / "in" / "b" / NAME)}
    for message in refused.values():
        assert "a/" + NAME in message and "b/" + NAME in message and "what is stored" in message
    assert stored_rows(store, "2024-03") == before_march
    assert report.units == [] or report.units == [("street", "city-of-london", "2024-04")] or all(
        u[2] == "2024-04" for u in report.units)


def test_an_unnamed_file_that_contests_a_named_one_is_refused_with_it(store, tmp_path):
    (tmp_path / "in").mkdir()
    lines = real().splitlines(keepends=True)
    (tmp_path / "in" / NAME).write_bytes(b"".join(lines[:100]))
    (tmp_path / "in" / "march-extract.csv").write_bytes(b"".join(lines[:1] + lines[100:150]))
    before = fingerprint(store)
    report = import_path(tmp_path / "in", store)
    assert len(report.refused) == 2 and fingerprint(store) == before


# -- folders: links, pipes, devices, names ---------------------------------------------------------
def test_links_pipes_devices_and_odd_names_in_a_folder(store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / APRIL).write_bytes(real(APRIL))                       # a good file still imports
    os.symlink(folder / "loop-a.csv", folder / "loop-b.csv")
    os.symlink(folder / "loop-b.csv", folder / "loop-a.csv")         # a loop
    os.symlink(tmp_path / "nowhere.csv", folder / "dangling.csv")    # dangling
    os.mkfifo(folder / "pipe.csv")                                   # reading it would wait for ever
    os.symlink("/dev/zero", folder / "zero.csv")                     # a device behind a .csv name
    os.symlink(folder, folder / "sub")                               # a folder loop: not followed
    odd = os.fsencode(folder) + b"/caf\xe9-extract.csv"               # not UTF-8
    with open(odd, "wb") as fh:
        fh.write(real()[:2000].rsplit(b"\n", 1)[0] + b"\n")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.csv"))
    try:
        started = time.monotonic()
        report = import_path(folder, store)
        assert time.monotonic() - started < 60
    finally:
        sock.close()
    messages = {os.path.basename(f.source): f.message for f in report.refused}
    assert "symbolic link that loops" in messages["loop-a.csv"] and "loop-a.csv" in messages["loop-a.csv"]
    assert "broken symbolic link" in messages["dangling.csv"]
    assert "named pipe" in messages["pipe.csv"]
    assert "device" in messages["zero.csv"]
    assert "socket" in messages["sock.csv"]
    april = next(f for f in report.files if f.source.endswith(APRIL))
    assert april.status == "unchanged" and april.units == [("city-of-london", "2024-04")]   # read, as before
    odd_report = next(f for f in report.files if "caf" in f.source)
    assert "\ufffd" in odd_report.source   # shown with the undecodable byte replaced, and read
    report.summary()   # every message can be printed


def test_a_pipe_or_device_given_as_the_input_is_refused(tmp_path, store):
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    with pytest.raises(FileRefused, match="named pipe"):
        import_path(pipe, store)
    with pytest.raises(FileRefused, match="device"):
        import_path("/dev/zero", store)


def test_plain_files_far_larger_than_police_uk_files_are_refused_unread(tmp_path, store, monkeypatch):
    from crimemap_plugin.core import sources
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 100_000)
    path = tmp_path / NAME
    path.write_bytes(real() * 3)
    before = fingerprint(store)
    report = import_path(path.parent, store)
    assert "far larger than any police.uk file" in report.refused[0].message
    assert fingerprint(store) == before


# -- CSV content -------------------------------------------------------------------------------------
def test_a_field_longer_than_the_csv_limit_is_a_message_with_its_line(store, tmp_path):
    lines = real().splitlines(keepends=True)
    lines[10] = lines[10].replace(b"On or near", b'"' + b"x" * 140_000 + b'"', 1) if b"On or near" in lines[10] \
        else lines[10]
    path = tmp_path / NAME
    path.write_bytes(b"".join(lines))
    before = fingerprint(store)
    report = import_path(path, store)
    message = report.refused[0].message
    assert str(path) in message and "line 11" in message and "field" in message
    assert fingerprint(store) == before


def test_rejected_rows_are_reported_by_file_line_after_quoted_newlines(tmp_path):
    lines = real().splitlines(keepends=True)
    header, body = lines[0], lines[1:]
    # 81 records whose location spans two lines, then a row with an unknown crime type.
    quoted = []
    for row in body[:81]:
        fields = row.rstrip(b"\r\n").split(b",")
        fields[6] = b'"' + fields[6] + b'\nsecond line"'
        quoted.append(b",".join(fields) + b"\n")
    bad = body[81].replace(b"Other theft", b"Fraud").replace(b"Shoplifting", b"Fraud").replace(
        b"Violence and sexual offences", b"Fraud").replace(b"Anti-social behaviour", b"Fraud")
    bad = b",".join(f if i != 9 else b"Fraud" for i, f in enumerate(bad.rstrip(b"\r\n").split(b","))) + b"\n"
    path = tmp_path / NAME
    path.write_bytes(header + b"".join(quoted) + bad)
    report = import_path(path, tmp_path / "s.gpkg")
    assert report.rows_rejected == 1
    # header (1) + 81 records of 2 lines each (162): the bad row starts on file line 164.
    assert "line 164" in report.files[0].message, report.files[0].message


# -- archives -----------------------------------------------------------------------------------------
def test_a_nested_zip_is_named_not_silently_skipped(store, tmp_path):
    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("2024-03/" + NAME, real())
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as z:
        z.write(inner, "downloads/inner.zip")
    before = fingerprint(store)
    report = import_path(outer, store)
    assert "archive inside the archive" in report.refused[0].message
    assert "inner.zip" in report.refused[0].message and fingerprint(store) == before


@pytest.mark.parametrize("what", ["zip", "folder"])
def test_no_police_uk_file_at_all_says_so(store, tmp_path, what):
    if what == "zip":
        path = tmp_path / "photos.zip"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("holiday.jpg", b"\xff\xd8" * 100)
            z.writestr("notes.txt", b"hello")
    else:
        path = tmp_path / "docs"
        path.mkdir()
        (path / "report.pdf").write_bytes(b"%PDF-1.4")
    before = fingerprint(store)
    with pytest.raises(FileRefused, match="holds no police.uk CSV files") as err:
        import_path(path, store)
    assert str(path) in str(err.value)
    assert fingerprint(store) == before


def test_a_hundred_thousand_refused_entries_make_one_short_summary(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for i in range(100_000):
            z.writestr(f"../evil-{i}.csv", b"")
    said = []
    report = import_path(path, tmp_path / "s.gpkg", message=lambda text, warning: said.append(text))
    summary = report.summary()
    assert len(report.refused) == 100_000
    assert len(summary) < 2_000 and "100,000 files refused" in summary and "evil-0.csv" in summary
    assert len(said) <= 60 and sum(len(t) for t in said) < 20_000


# -- exports ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,safe", [("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
                                       ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
                                       ("\tx", "'\tx"), ("\rx", "'\rx"), ("-12", "-12"), ("+3.5%", "+3.5%"),
                                       ("-1,234", "-1,234"), ("St Marks", "St Marks"), (5, 5)])
def test_cells_a_spreadsheet_would_run_are_neutralised(text, safe):
    assert spreadsheet_safe(text) == safe


# -- a property: random corruptions of a real file ------------------------------------------------------
def _corrupt(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    kind = rng.choice(["cut", "duplicate", "reorder", "flip", "quote", "drop-header", "splice", "crlf"])
    if kind == "cut":
        return data[:rng.randrange(0, len(data))]
    if kind == "duplicate":
        i = rng.randrange(1, len(lines))
        return b"\n".join(lines[:i] + lines[i:i + rng.randrange(1, 50)] * 2 + lines[i:])
    if kind == "reorder":
        body = lines[1:]
        rng.shuffle(body)
        return b"\n".join(lines[:1] + body)
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rng.randrange(1, 20)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return bytes(out)
    if kind == "quote":
        out = bytearray(data)
        for _ in range(rng.randrange(1, 4)):
            out.insert(rng.randrange(len(out)), ord('"'))
        return bytes(out)
    if kind == "drop-header":
        return b"\n".join(lines[1:])
    if kind == "splice":
        i = rng.randrange(len(data))
        return data[:i] + os.urandom(rng.randrange(1, 64)) + data[i:]
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n" if rng.random() < 0.5 else b"\r")


def test_two_hundred_random_corruptions_never_raise_hang_or_change_the_store_unreported(store, tmp_path):
    rng = random.Random(2009)
    original = real()
    base = fingerprint(store)
    with open_store(store) as s:
        other_months = {m: n for m, n in s.db.query("SELECT month, rows FROM force_months")
                        if m != "2024-03"}
    for trial in range(220):
        data = _corrupt(rng, original)
        work = tmp_path / f"t{trial}.gpkg"
        shutil.copy(store, work)
        path = tmp_path / NAME
        path.write_bytes(data)
        started = time.monotonic()
        report = import_path(path, work)    # no exception: refusals are reported
        assert time.monotonic() - started < 30, f"trial {trial} took too long"
        report.summary()
        with open_store(work) as s:
            assert s.integrity_ok()
            months = dict(s.db.query("SELECT month, rows FROM force_months"))
        assert {m: n for m, n in months.items() if m != "2024-03"} == other_months, trial
        if report.refused or report.rows_imported == 0:
            assert fingerprint(work) == base, f"trial {trial}: refused yet changed"
        else:
            # Imported: the force-month holds exactly what the report says, nothing else changed.
            assert months["2024-03"] == report.rows_imported, trial
        work.unlink()

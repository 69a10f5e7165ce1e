"""Read and validate one police.uk CSV file into columns ready for the store.

A file broken as a whole (empty, binary, NUL bytes, not UTF-8, HTML, wrong or old header, a row with
the wrong number of fields) raises FileRefused naming the file and the line or column. Bad rows in a
well-formed file are rejected one by one, counted by reason with their line numbers.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
import pandas as pd

from . import categories, forces, uk
from .errors import FileRefused
from .sources import NameInfo, parse_name

STREET = "street"
OUTCOMES = "outcomes"
STOP_AND_SEARCH = "stop-and-search"
KINDS = (STREET, OUTCOMES, STOP_AND_SEARCH)

# Column sets per kind: (required, optional). Order in files does not matter; names do.
LAYOUTS = {
    STREET: (
        ("Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location", "LSOA code",
         "LSOA name", "Crime type"),
        ("Crime ID", "Last outcome category", "Context"),
    ),
    OUTCOMES: (
        ("Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
         "LSOA code", "LSOA name", "Outcome type"),
        (),
    ),
    STOP_AND_SEARCH: (
        ("Type", "Date", "Latitude", "Longitude", "Gender", "Age range", "Self-defined ethnicity",
         "Officer-defined ethnicity", "Legislation", "Object of search", "Outcome"),
        ("Part of a policing operation", "Policing operation", "Outcome linked to object of search",
         "Removal of more than just outer clothing"),
    ),
}

MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
MAX_REJECTION_LINES = 200   # line numbers kept per file for the report


@dataclass
class Rejections:
    """Rejected rows of one file: reason -> count, with the first line numbers for each reason."""
    counts: Dict[str, int] = field(default_factory=dict)
    lines: List[tuple] = field(default_factory=list)   # (line, reason)

    def add(self, reason: str, line_numbers) -> None:
        line_numbers = list(line_numbers)
        if not line_numbers:
            return
        self.counts[reason] = self.counts.get(reason, 0) + len(line_numbers)
        room = MAX_REJECTION_LINES - len(self.lines)
        self.lines.extend((int(n), reason) for n in line_numbers[:max(room, 0)])

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self, examples: int = 3) -> str:
        parts = []
        for reason, count in sorted(self.counts.items(), key=lambda kv: -kv[1]):
            first = [str(n) for n, r in self.lines if r == reason][:examples]
            parts.append(f"{count} × {reason}" + (f" (line {', '.join(first)}…)" if first else ""))
        return "; ".join(parts)


@dataclass
class ParsedFile:
    """The valid rows of one file, as column arrays, grouped into force-month units by the store."""
    source: str
    kind: str
    name_info: Optional[NameInfo]
    frame: pd.DataFrame          # normalised columns, see _street/_outcomes/_stop_and_search
    rejections: Rejections
    rows_read: int


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _check_bytes(source: str, data: bytes) -> str:
    if not data or data.isspace():   # (strip() would copy the whole file)
        raise FileRefused(source, "the file is empty")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise FileRefused(source, "contains NUL bytes: a binary or damaged file, not a police.uk CSV",
                          line=_line_of(data, nul))
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")):
        raise FileRefused(source, "is an HTML/XML page, not a CSV file (a failed download?)", line=1)
    if b"\r" in data and b"\n" not in data:
        raise FileRefused(source, "ends its lines with carriage returns only (an old Mac export): save it "
                                  "with Windows or Unix line endings", line=1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(source, f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at position "
                                  f"{exc.start})", line=_line_of(data, exc.start)) from exc


def _header(source: str, text: str) -> List[str]:
    end = text.find("\n")
    first = (text if end < 0 else text[:end]).rstrip("\r")
    if len(first) > 4096:
        raise FileRefused(source, f"header line is {len(first):,} characters long: not a police.uk CSV", line=1)
    try:
        header = next(csv.reader([first]))
    except (csv.Error, StopIteration) as exc:
        raise FileRefused(source, f"header cannot be read ({exc})", line=1) from exc
    return [h.strip() for h in header]


def detect_kind(source: str, header: List[str], hinted: Optional[str]) -> str:
    names = set(header)
    if {"Easting", "Northing"} & names:
        raise FileRefused(source, "uses the 2011–2012 layout (Easting/Northing, no LSOA), which is not "
                                  "supported: download the month again from data.police.uk", line=1)
    candidates = [hinted] if hinted else []
    candidates += [k for k in KINDS if k not in candidates]
    for kind in candidates:
        required, _ = LAYOUTS[kind]
        if set(required) <= names:
            return kind
    kind = hinted or (STOP_AND_SEARCH if "Type" in names else
                      OUTCOMES if "Outcome type" in names else STREET)
    required, _ = LAYOUTS[kind]
    missing = [c for c in required if c not in names]
    raise FileRefused(source, f"is not a police.uk {kind} file: header lacks column(s) "
                              f"{', '.join(repr(c) for c in missing)}", line=1)


def _check_header(source: str, header: List[str], kind: str) -> None:
    required, optional = LAYOUTS[kind]
    allowed = set(required) | set(optional)
    seen = set()
    for i, col in enumerate(header, start=1):
        if col in seen:
            raise FileRefused(source, f"header has column {col!r} twice (column {i})", line=1)
        seen.add(col)
        if col not in allowed:
            raise FileRefused(source, f"header has an unexpected column {col!r} (column {i}) for a "
                                      f"police.uk {kind} file", line=1)


def _check_field_counts(source: str, data: bytes, text: str, width: int) -> Optional[np.ndarray]:
    """Refuse a file with a row of the wrong width (a truncated download ends with a short row).

    Returns the file line on which each record starts where a quoted field spans lines (so rejected
    rows are reported by their line in the file, not their record number), or None when every record
    is one line."""
    quoted = b'"' in data
    # A file whose quoted fields each lie within a line is counted as a file without quotes, with
    # those fields taken out (police.uk quotes a few locations that hold a comma).
    plain = _without_quoted_fields(data) if quoted else data
    if plain is not None:
        end = len(plain)   # the data without its trailing line ends (counted in place, never copied)
        while end and plain[end - 1] in b"\r\n":
            end -= 1
        lines = _count_byte(plain, b"\n", end) + 1
        if _count_byte(plain, b",", end) == (width - 1) * lines:
            return None
    if not quoted:
        body = data[:end]
        for number, line in enumerate(body.split(b"\n"), start=1):
            got = line.count(b",") + 1
            if got != width and line.strip():
                raise FileRefused(source, f"row has {got} fields, expected {width} (cut short or "
                                          "malformed)", line=number)
            if not line.strip():
                raise FileRefused(source, "has a blank line inside the data", line=number)
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    starts = []
    line_before = 0
    try:
        for row in reader:
            if len(row) != width and any(row):
                raise FileRefused(source, f"row has {len(row)} fields, expected {width} (cut short or "
                                          "malformed)", line=reader.line_num)
            if row:
                starts.append(line_before + 1)
            line_before = reader.line_num
    except csv.Error as exc:
        raise FileRefused(source, f"has a field that cannot be read ({exc}): an unbalanced quote or a field "
                                  f"far longer than any police.uk field", line=line_before + 1) from None
    if text.count('"') % 2:
        raise FileRefused(source, "ends inside a quoted field (cut short)", line=_line_of(data, len(data)))
    return np.asarray(starts[1:], dtype=np.int64)   # the header is the first record


def _count_byte(data: bytes, byte: bytes, end: int, chunk: int = 8 << 20) -> int:
    """How many times `byte` occurs in data[:end], counted by NumPy (a few times faster than
    bytes.count) a few MB at a time."""
    code = byte[0]
    whole = np.frombuffer(data, dtype=np.uint8, count=end)
    return sum(int(np.count_nonzero(whole[i:i + chunk] == code)) for i in range(0, end, chunk))


MAX_QUOTED_FIELDS = 10_000   # beyond this many, the csv module reads the file (as fast, and exact)


def _without_quoted_fields(data: bytes) -> Optional[bytes]:
    """`data` with each quoted field taken out, quotes and all; None when a quote is anywhere but
    around a whole field within one line (a field spanning lines, a quote inside a field, an
    unclosed quote), or when there are very many: such files are read by the csv module."""
    parts = []
    pos = 0
    start = data.find(b'"')
    while start >= 0:
        if len(parts) >= MAX_QUOTED_FIELDS or (start and data[start - 1:start] not in (b",", b"\n")):
            return None
        end = start
        while True:   # the closing quote: a quote not doubled
            end = data.find(b'"', end + 1)
            if end < 0:
                return None
            if data[end + 1:end + 2] != b'"':
                break
            end += 1
        if data[end + 1:end + 2] not in (b",", b"\n", b"\r", b"") or \
                data.find(b"\n", start, end) >= 0 or data.find(b"\r", start, end) >= 0:
            return None
        parts.append(data[pos:start])
        pos = end + 1
        start = data.find(b'"', pos)
    parts.append(data[pos:])
    return b"".join(parts)


def read_file(source: str, file_name: str, data: bytes) -> ParsedFile:
    """Validate and parse one CSV. Raises FileRefused when the file is broken as a whole."""
    info = parse_name(file_name)
    text = _check_bytes(source, data)
    header = _header(source, text)
    kind = detect_kind(source, header, info.kind if info else None)
    _check_header(source, header, kind)
    if info and info.kind != kind:
        raise FileRefused(source, f"is named as a {info.kind} file but has a {kind} header", line=1)
    if kind == STOP_AND_SEARCH and info is None:
        raise FileRefused(source, "stop-and-search files carry no force column: the file name must be "
                                  "YYYY-MM-<force>-stop-and-search.csv")
    if info and info.force not in forces.BY_SLUG:
        raise FileRefused(source, f"names an unknown force {info.force!r}")
    if info and not MONTH_RE.match(info.month):
        raise FileRefused(source, f"names an impossible month {info.month!r}")
    record_lines = _check_field_counts(source, data, text, len(header))
    try:
        frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False,
                            na_filter=False, engine="c", skip_blank_lines=True)
    except (pd.errors.ParserError, ValueError) as exc:
        raise FileRefused(source, f"cannot be parsed as CSV ({exc})") from exc
    frame.columns = [c.strip() for c in frame.columns]
    if record_lines is not None and len(record_lines) != len(frame):
        record_lines = None   # the two readers disagree on records: number them as lines after the header
    rejections = Rejections()
    rows_read = len(frame)
    builder = {STREET: _street, OUTCOMES: _outcomes, STOP_AND_SEARCH: _stop_and_search}[kind]
    out = builder(source, frame, info, rejections, record_lines)
    return ParsedFile(source, kind, info, out, rejections, rows_read)


class _Rows:
    """Row checks over a parsed frame: each row is rejected once, for the first reason found."""

    def __init__(self, frame: pd.DataFrame, rejections: Rejections, lines: Optional[np.ndarray] = None):
        self.frame = frame
        self.rejections = rejections
        # The file line each record starts on (the header is line 1).
        self.lines = np.arange(2, len(frame) + 2) if lines is None else lines
        self.bad = np.zeros(len(frame), dtype=bool)

    def reject(self, mask, reason: str) -> None:
        new = np.asarray(mask, dtype=bool) & ~self.bad
        if new.any():
            self.rejections.add(reason, self.lines[new])
            self.bad |= new

    def keep(self, columns: dict) -> pd.DataFrame:
        out = pd.DataFrame(columns, index=self.frame.index)
        return out[~self.bad] if self.bad.any() else out


def _map_unique(series: pd.Series, func) -> pd.Series:
    """Apply func to each distinct value once (police.uk columns have few distinct values)."""
    codes, uniques = pd.factorize(series)
    values = np.empty(len(uniques) + 1, dtype=object)   # the last for a missing value (code -1): None
    values[:-1] = [func(u) for u in uniques]
    return pd.Series(values[codes], index=series.index)


def _coordinates(rows: _Rows, lon_col: str, lat_col: str):
    frame = rows.frame
    lon_txt, lat_txt = frame[lon_col], frame[lat_col]
    lon = pd.to_numeric(lon_txt, errors="coerce").to_numpy(dtype=float)
    lat = pd.to_numeric(lat_txt, errors="coerce").to_numpy(dtype=float)
    blank = (lon_txt == "").to_numpy() & (lat_txt == "").to_numpy()
    rows.reject(~blank & (np.isnan(lon) | np.isnan(lat)), "unparseable coordinates")
    zero = (lon == 0) & (lat == 0)  # police.uk zeroes points it cannot place: "no location"
    located = ~blank & ~zero & ~np.isnan(lon) & ~np.isnan(lat)
    outside = located & ((lon < uk.WEST) | (lon > uk.EAST) | (lat < uk.SOUTH) | (lat > uk.NORTH))
    rows.reject(outside, "coordinates outside the UK")
    return np.where(located, lon, np.nan), np.where(located, lat, np.nan)


def _month_and_force(rows: _Rows, info):
    frame = rows.frame
    month = frame["Month"]
    valid = _map_unique(month, lambda m: bool(MONTH_RE.match(m))).to_numpy(dtype=bool)
    rows.reject(~valid, "unparseable month")
    if info:
        rows.reject((month != info.month).to_numpy(), f"month is not the file's month {info.month}")
    # The file name (archive layout) says whose file it is: a variant of that force's name is read as
    # that force, whatever police.uk called it that year.
    file_force = info.force if info else None
    force = _map_unique(frame["Falls within"], lambda name: forces.slug_for_name(name, file_force))
    rows.reject(force.isna().to_numpy(), "unknown force in 'Falls within'")
    if info:
        unit_force = info.force
    else:
        unit_force = _map_unique(frame["Reported by"], forces.slug_for_name)
        rows.reject(unit_force.isna().to_numpy(), "unknown force in 'Reported by'")
    return month, force, unit_force


def _optional(frame: pd.DataFrame, column: str):
    return frame[column] if column in frame else ""


def _street(source, frame, info, rejections, lines=None):
    rows = _Rows(frame, rejections, lines)
    month, force, unit_force = _month_and_force(rows, info)
    category = _map_unique(frame["Crime type"], categories.slug_for_csv_name)
    rows.reject(category.isna().to_numpy(), "unknown crime type")
    lon, lat = _coordinates(rows, "Longitude", "Latitude")
    return rows.keep({
        "unit_force": unit_force, "month": month, "crime_id": _optional(frame, "Crime ID"), "force": force,
        "category": category, "lsoa_code": frame["LSOA code"], "lsoa_name": frame["LSOA name"],
        "location": frame["Location"], "outcome": _optional(frame, "Last outcome category"),
        "context": _optional(frame, "Context"), "lon": lon, "lat": lat,
    })


def _outcomes(source, frame, info, rejections, lines=None):
    rows = _Rows(frame, rejections, lines)
    month, force, unit_force = _month_and_force(rows, info)
    lon, lat = _coordinates(rows, "Longitude", "Latitude")
    return rows.keep({
        "unit_force": unit_force, "month": month, "crime_id": frame["Crime ID"], "force": force,
        "lsoa_code": frame["LSOA code"], "lsoa_name": frame["LSOA name"], "location": frame["Location"],
        "outcome_type": frame["Outcome type"], "lon": lon, "lat": lat,
    })


def _stop_and_search(source, frame, info, rejections, lines=None):
    rows = _Rows(frame, rejections, lines)
    date = frame["Date"].str.strip()
    parsed = pd.to_datetime(date, errors="coerce", utc=True)
    rows.reject(parsed.isna().to_numpy(), "unparseable date")
    # police.uk files a search under its month in UK time; some forces write UK times with a +00:00
    # offset, so a search at 00:01 on 1 June (BST) appears as 31 May 23:01 in the June file.
    written_month = date.str.slice(0, 7)
    uk_month = parsed.dt.tz_convert("Europe/London").dt.strftime("%Y-%m")
    rows.reject(((written_month != info.month) & (uk_month != info.month)).to_numpy(),
                f"date is not in the file's month {info.month}")
    lon, lat = _coordinates(rows, "Longitude", "Latitude")
    return rows.keep({
        "unit_force": info.force, "month": info.month, "force": info.force,
        "type": frame["Type"], "date": date,
        "part_of_operation": _optional(frame, "Part of a policing operation"),
        "operation": _optional(frame, "Policing operation"),
        "gender": frame["Gender"], "age_range": frame["Age range"],
        "self_defined_ethnicity": frame["Self-defined ethnicity"],
        "officer_defined_ethnicity": frame["Officer-defined ethnicity"],
        "legislation": frame["Legislation"], "object_of_search": frame["Object of search"],
        "outcome": frame["Outcome"], "outcome_linked": _optional(frame, "Outcome linked to object of search"),
        "removal_outer_clothing": _optional(frame, "Removal of more than just outer clothing"),
        "lon": lon, "lat": lat,
    })

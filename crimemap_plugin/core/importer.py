"""Import police.uk files (CSV, folder or zip) into a store, one force-month at a time.

Progress and cancellation are plain callables so the same code serves Processing, QgsTask and
scripts. The report says what was imported, what was unchanged, what was refused and why.
"""

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, List, Optional

from . import periods
from .coverage import PARTIAL, WINDOW, ForceMonth
from .csvparse import read_file
from .errors import Cancelled, FileRefused
from .sources import Source, parse_name
from .store import open_store


@dataclass
class FileReport:
    source: str
    status: str                      # "imported", "unchanged" or "refused"
    kind: str = ""
    units: List[tuple] = field(default_factory=list)     # (force, month)
    rows_imported: int = 0
    rows_without_location: int = 0
    rows_rejected: int = 0
    message: str = ""


@dataclass
class ImportReport:
    store: str
    files: List[FileReport] = field(default_factory=list)
    cancelled: bool = False
    partial: List[ForceMonth] = field(default_factory=list)   # partial submissions near what was imported

    def _sum(self, attr):
        return sum(getattr(f, attr) for f in self.files)

    @property
    def rows_imported(self) -> int:
        return self._sum("rows_imported")

    @property
    def rows_without_location(self) -> int:
        return self._sum("rows_without_location")

    @property
    def rows_rejected(self) -> int:
        return self._sum("rows_rejected")

    @property
    def refused(self) -> List[FileReport]:
        return [f for f in self.files if f.status == "refused"]

    @property
    def units(self) -> List[tuple]:
        return [(f.kind, force, month) for f in self.files if f.status == "imported" for force, month in f.units]

    @property
    def units_given(self) -> List[tuple]:
        """(kind, force, month) of every file given that the store now holds as given: those imported
        and those already stored unchanged."""
        return [(f.kind, force, month) for f in self.files if f.status in ("imported", "unchanged")
                for force, month in f.units]

    def refused_summary(self, examples: int = 3) -> str:
        """'12,000 files refused: a.csv (why), b.csv (why), … and 11,998 more' — one line however many."""
        refused = self.refused
        if not refused:
            return "no file refused"
        shown = "; ".join(_cut(f.message, 300) for f in refused[:examples])
        more = f"; … and {len(refused) - examples:,} more" if len(refused) > examples else ""
        return f"{len(refused):,} file{'s' if len(refused) > 1 else ''} refused: {shown}{more}"

    def summary(self) -> str:
        units = self.units
        months = sorted({m for _, _, m in units})
        forces = sorted({f for _, f, _ in units})
        span = f"{months[0]} to {months[-1]}" if months else "no months"
        parts = [f"{self.rows_imported:,} rows imported ({len(units)} force-months, {len(forces)} forces, {span})",
                 f"{self.rows_without_location:,} without location",
                 f"{self.rows_rejected:,} rows rejected"]
        unchanged = sum(1 for f in self.files if f.status == "unchanged")
        if unchanged:
            parts.append(f"{unchanged} files already stored unchanged or repeated in the import")
        if self.refused:
            parts.append(self.refused_summary())
        if self.partial:
            parts.append(f"{len(self.partial)} partial submission{'s' if len(self.partial) > 1 else ''} found ("
                         + ", ".join(partial_text(fm) for fm in self.partial[:5])
                         + (", …" if len(self.partial) > 5 else "") + "): counted as incomplete")
        if self.cancelled:
            parts.append("cancelled: the force-month in progress was left as it was")
        return "; ".join(parts)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def partial_text(fm: ForceMonth) -> str:
    """'kent 2018-12 street: 8,438 rows, about 17,042 expected'."""
    return f"{fm.force} {fm.month} {fm.kind}: {fm.rows:,} rows, about {fm.expected:,.0f} expected"


def _checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


MAX_MESSAGES = 50   # refusals told one by one; beyond this the summary counts them


def import_path(path, store_path, progress: Optional[Callable[[float], None]] = None,
                cancelled: Optional[Callable[[], bool]] = None,
                message: Optional[Callable[[str, bool], None]] = None) -> ImportReport:
    """Import everything under `path` (a file, folder or archive, or a list of them, read as one
    import) into the store at `store_path`.

    progress(percent) and message(text, is_warning) are optional callbacks; cancelled() is polled.
    Refused files are reported, never raised; a path that holds no police.uk file at all raises
    FileRefused; store errors (read-only, locked, disk full) raise StoreError.
    """
    report = ImportReport(str(store_path))
    told = [0]

    def say(text, warning=False):
        if message is None:
            return
        if warning:
            told[0] += 1
            if told[0] > MAX_MESSAGES:
                if told[0] == MAX_MESSAGES + 1:
                    message("… more files refused: the summary counts them all", True)
                return
        message(text, warning)

    with Source(path) as source:
        if not source.members and not source.errors:
            held = ", ".join(shown_name(n) for n in source.skipped[:5]) + (", …" if len(source.skipped) > 5 else "")
            raise FileRefused(str(source.path), "holds no police.uk CSV files" + (f" (it holds {held})" if held
                                                                                else ""))
        kept = {}   # the file the plan read last, parsed: the import reads it once
        members = _plan(source, report, cancelled, say, kept)
        if not any(id(m) in kept for m in members):
            kept.clear()   # the file the plan read last is not imported (refused, or the same as another)
        with open_store(store_path) as store:
            if store.needs_upgrade():
                # An import is a write: a store made by an earlier version is brought up to date first.
                for step in store.upgrade(cancelled=cancelled):
                    say(f"{store.spec}: {step}", False)
            _maybe_bulk(store, sum(m.size for m in members) or 1)
            try:
                _import_members(members, store, report, progress, cancelled, say, kept)
            finally:
                if store.deferred:
                    say("Building the spatial index…", False)
                store.end_bulk()
            report.partial = _partial_near(store, report.units)
    return report


def shown_name(display: str) -> str:
    return display.rsplit("/", 1)[-1]


def _plan(source, report, cancelled, say, kept: dict) -> list:
    """The members to import, in order. Files refused before reading are reported; so are two files
    of one import holding the same force-month of the same kind: identical ones are imported once,
    different ones are both refused (neither can be trusted to be the right one), and what is stored
    for that force-month is kept."""
    for err in source.errors:
        report.files.append(FileReport(err.source, "refused", message=str(err)))
        say(str(err), True)
    claims = {}   # (kind, force, month) -> members claiming it
    for member in source.members:
        info = parse_name(member.name)
        keys = [(info.kind, info.force, info.month)] if info else _units_of(member, kept)
        for key in keys:
            claims.setdefault(key, []).append(member)
    contested = {key: group for key, group in claims.items() if len(group) > 1}
    if not contested:
        return list(source.members)
    checksums = {}
    for group in contested.values():
        for member in group:
            if id(member) not in checksums:
                if cancelled and cancelled():
                    break
                try:
                    checksums[id(member)] = _checksum(member.read())
                except FileRefused:
                    checksums[id(member)] = None   # refused again, by name, when imported
    drop, refuse = set(), {}
    for (kind, force, month), group in contested.items():
        sums = {checksums.get(id(m)) for m in group}
        if len(sums) == 1:
            for m in group[1:]:   # the same bytes twice: import once
                if id(m) not in drop:
                    drop.add(id(m))
                    report.files.append(FileReport(m.display, "unchanged", kind, [(force, month)],
                                                   message=f"{m.display}: the same file as {group[0].display}; "
                                                           "imported once"))
            continue
        for m in group:
            others = [o.display for o in group if o is not m]
            refuse[id(m)] = (f"holds {force} {month} {kind}, as does {', '.join(others)} in the same import, and "
                             f"they differ: neither is imported and what is stored for {force} {month} is kept")
    out = []
    for member in source.members:
        if id(member) in refuse:
            err = FileRefused(member.display, refuse[id(member)])
            report.files.append(FileReport(member.display, "refused", message=str(err)))
            say(str(err), True)
        elif id(member) not in drop:
            out.append(member)
    return out


def _units_of(member, kept: dict) -> list:
    """The force-months a file without the archive's name holds (its "Reported by" and "Month"); []
    when it cannot be read (it is refused by name when imported). The file parsed is kept in `kept`
    (only the last one: a national file parsed is some hundreds of MB) with its checksum, so that
    importing it next neither reads nor parses it again."""
    data = member.read()
    kept.clear()
    try:
        parsed = read_file(member.display, member.name, data)
    except FileRefused:
        return []
    kept[id(member)] = (_checksum(data), parsed)
    frame = parsed.frame
    if not len(frame):
        return []
    pairs = frame[["unit_force", "month"]].drop_duplicates().itertuples(index=False)
    return [(parsed.kind, force, month) for force, month in pairs]


def _partial_near(store, units) -> List[ForceMonth]:
    """The partial force-months within the audit's window of what was imported (importing a month
    can reveal a neighbour as partial, as well as itself)."""
    if not units:
        return []
    near = {}
    for kind, force, month in units:
        for k in range(-WINDOW, WINDOW + 1):
            near[(kind, force, periods.shift(month, k))] = True
    return [fm for fm in store.coverage() if fm.status == PARTIAL and (fm.kind, fm.force, fm.month) in near]


# Rows per byte of a police.uk CSV is about 1/200; below this many new rows, or when they are a
# small part of what is stored, updating the R-tree as rows go in is cheaper than packing it anew.
BULK_MIN_ROWS = 20_000
BULK_SHARE = 0.25


def _maybe_bulk(store, total_bytes: int) -> None:
    estimate = total_bytes / 200
    kinds = [k for k in ("street", "outcomes", "stop-and-search")
             if estimate >= BULK_MIN_ROWS and estimate >= BULK_SHARE * store.rows_stored(k)]
    if kinds:
        store.begin_bulk(kinds)


# A file this size or smaller is read and parsed in a second thread while the one before it is
# written (SQLite's writing and pandas' parsing each let go of Python's lock for much of their
# work, so on two cores they overlap). A larger file is read when its turn comes: a national file
# held parsed beside another is some hundreds of MB, and waiting for it at a cancel takes seconds.
READ_AHEAD_BYTES = 64 << 20


def _import_members(members, store, report, progress, cancelled, say, kept: dict) -> None:
    done = 0
    total = sum(m.size for m in members) or 1
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="crimemap-read") as reader:
        ahead = None   # the reading of members[i], started while members[i - 1] was written
        try:
            for i, member in enumerate(members):
                if cancelled and cancelled():
                    report.cancelled = True
                    break
                reading, ahead = ahead, None
                nxt = members[i + 1] if i + 1 < len(members) else None
                try:
                    read = reading.result() if reading else _read(member, kept)
                    if nxt is not None and id(nxt) not in kept and nxt.size <= READ_AHEAD_BYTES:
                        ahead = reader.submit(_read, nxt, {})
                    file_report = _import_member(store, member, *read, cancelled)
                except Cancelled:
                    report.cancelled = True
                    break
                except FileRefused as err:
                    file_report = FileReport(member.display, "refused", message=str(err))
                read = reading = None   # the file's rows go before the next one is taken
                report.files.append(file_report)
                say(file_report.message, file_report.status == "refused")
                done += member.size
                if progress:
                    progress(100.0 * done / total)
        finally:
            if ahead is not None:
                ahead.cancel()   # a reading not started is dropped; one running ends with its file


def _read(member, kept: dict):
    """(checksum, parsed file) of a member: the plan's reading when it kept one (the bytes it read and
    parsed are the ones imported, with their checksum: the file is read once, so what is stored is
    one reading of it even if it changes meanwhile)."""
    planned = kept.pop(id(member), None)
    kept.clear()   # a file the plan read is imported now or never: nothing else is held while this one is
    if planned:
        return planned
    data = member.read()
    return _checksum(data), read_file(member.display, member.name, data)


def _import_member(store, member, checksum: str, parsed, cancelled) -> FileReport:
    frame = parsed.frame
    rejected = parsed.rejections.lines
    report = FileReport(member.display, "imported", parsed.kind)
    report.rows_rejected = parsed.rejections.total
    if not parsed.rows_read:
        # A file cut down to its header (a failed re-download) must never replace what is stored.
        raise FileRefused(member.display, "has no data rows, only its header (a cut download?): refused, and "
                                          "nothing stored is replaced", line=1)
    if not len(frame):
        # Never let a file whose every row is bad replace what is stored (a damaged re-download).
        raise FileRefused(member.display, f"has no valid rows: {parsed.rejections.summary()}")
    if parsed.name_info:  # a named file is one force-month (its rows were checked against the name)
        groups = [((parsed.name_info.force, parsed.name_info.month), frame)]
    else:
        indices = frame.groupby(["unit_force", "month"], sort=True).indices if len(frame) else {}
        groups = [(key, frame.take(idx)) for key, idx in sorted(indices.items())]
    if not groups:
        raise FileRefused(member.display, "has no valid rows and its name does not say which force and "
                                          "month it holds" + (f" ({parsed.rejections.summary()})"
                                                              if parsed.rejections.total else ""))
    unchanged = all(store.unit_checksum(parsed.kind, f, m) == checksum for (f, m), _ in groups)
    if unchanged:
        report.status = "unchanged"
        report.units = [key for key, _ in groups]
        report.rows_rejected = 0
        report.message = f"{member.display}: already stored, unchanged"
        return report
    for i, ((force, month), unit_frame) in enumerate(groups):
        # A file's rejected rows belong to no force-month of their own: they are kept with its first.
        result = store.replace_unit(parsed.kind, force, month, unit_frame, member.display, checksum,
                                    rejected if i == 0 else [], cancelled)
        report.units.append((force, month))
        report.rows_imported += result.rows
        report.rows_without_location += result.rows_without_location
    text = f"{member.display}: {report.rows_imported:,} {parsed.kind} rows"
    if report.rows_without_location:
        text += f", {report.rows_without_location:,} without location"
    if report.rows_rejected:
        text += f"; {report.rows_rejected:,} rows rejected: {parsed.rejections.summary()}"
    report.message = text
    return report

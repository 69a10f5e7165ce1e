"""Where police.uk files come from: a single CSV, a folder (searched recursively) or a zip archive.

Each source yields `Member`s: a display name (used in every message), a base file name, and a way to
read its bytes. Zip archives are read member by member (streaming): nothing is unpacked to disk and
only one member is in memory at a time.

Anything that is not a police.uk file is refused by name before it is read: archive entries with
absolute paths or `..`, archives inside archives, entries or files larger than any police.uk file
(a zip bomb, `/dev/zero` behind a `.csv` name), named pipes and devices (reading them would never
end), broken symbolic links and symbolic-link loops, folders that cannot be read. File names that
are not valid UTF-8 are shown with the undecodable bytes replaced, and still read.
"""

import os
import re
import stat
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, List, Optional

from .errors import FileRefused

# The largest police.uk file is a few tens of MB (the Metropolitan Police's street or stop-and-search
# file for a month); anything far larger is not a police.uk file, and would cost far more memory than
# the import's budget to parse.
MAX_MEMBER_BYTES = 128 << 20

NAME_RE = re.compile(r"^(?P<month>\d{4}-\d{2})-(?P<force>[a-z0-9-]+?)-(?P<kind>street|outcomes|stop-and-search)\.csv$")


@dataclass
class Member:
    display: str                 # e.g. "archive.zip!2024-01/2024-01-kent-street.csv" or a path
    name: str                    # base file name
    size: int
    read: Callable[[], bytes]


@dataclass(frozen=True)
class NameInfo:
    month: str
    force: str
    kind: str


def parse_name(name: str) -> Optional[NameInfo]:
    m = NAME_RE.match(name)
    if not m:
        return None
    return NameInfo(m.group("month"), m.group("force"), m.group("kind"))


def shown(path) -> str:
    """A path as text that can always be printed, logged and stored: bytes of a file name that are
    not UTF-8 are replaced by U+FFFD."""
    text = os.fspath(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _is_csv(name: str) -> bool:
    return name.lower().endswith(".csv")


def _too_large(size: int) -> str:
    return (f"is {size:,} bytes, far larger than any police.uk file (at most {MAX_MEMBER_BYTES >> 20} MB); "
            "refused")


def file_member(path: Path) -> Member:
    """A plain file, checked before anything is read: a regular file of a plausible size."""
    display = shown(path)
    info = check_regular(path)
    if info.st_size > MAX_MEMBER_BYTES:
        raise FileRefused(display, _too_large(info.st_size))

    def read() -> bytes:
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_MEMBER_BYTES + 1)
        except OSError as exc:
            raise FileRefused(display, f"cannot be read ({exc.strerror or exc})") from None
        if len(data) > MAX_MEMBER_BYTES:
            raise FileRefused(display, "grew beyond any police.uk file's size while being read; refused")
        return data

    return Member(display, path.name, info.st_size, read)


def check_regular(path: Path) -> os.stat_result:
    """The file's status when it is a regular file (a symbolic link to one is followed); FileRefused
    naming it when it is a broken link, a link loop, a named pipe, a device or a socket."""
    display = shown(path)
    try:
        info = path.stat()   # follows a symbolic link
    except OSError as exc:
        if path.is_symlink():
            if exc.errno == 40:   # ELOOP
                raise FileRefused(display, "is a symbolic link that loops back on itself; refused") from None
            raise FileRefused(display, "is a broken symbolic link (its target does not exist); refused") from None
        raise FileRefused(display, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISFIFO(info.st_mode):
        raise FileRefused(display, "is a named pipe, not a file: reading it could wait for ever; refused")
    if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
        raise FileRefused(display, "is a device, not a file; refused")
    if stat.S_ISSOCK(info.st_mode):
        raise FileRefused(display, "is a socket, not a file; refused")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(display, "is not a regular file; refused")
    return info


def unsafe_zip_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return True
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return ".." in parts


def _zip_members(path: Path, stack: ExitStack, errors: List[FileRefused], skipped: List[str]) -> List[Member]:
    where = shown(path)
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
        infos = sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        errors.append(FileRefused(where, f"is not a readable zip archive ({exc})"))
        return []
    found = []
    for info in infos:
        display = f"{where}!{info.filename}"
        if unsafe_zip_name(info.filename):
            errors.append(FileRefused(display, "archive entry with an absolute path or '..' refused"))
            continue
        if info.filename.lower().endswith(".zip"):
            errors.append(FileRefused(display, "is an archive inside the archive, which is not read: unpack the "
                                               "outer archive and import the inner one"))
            continue
        if not _is_csv(info.filename):
            skipped.append(display)
            continue
        if info.file_size > MAX_MEMBER_BYTES:
            errors.append(FileRefused(display, "archive entry " + _too_large(info.file_size)))
            continue

        def read(info=info, display=display) -> bytes:
            try:
                with archive.open(info) as fh:
                    data = fh.read(MAX_MEMBER_BYTES + 1)
            except Exception as exc:  # BadZipFile, zlib.error, EOFError...: a corrupt member
                raise FileRefused(display, f"archive entry cannot be read: corrupt ({exc})") from exc
            if len(data) > MAX_MEMBER_BYTES:
                raise FileRefused(display, "archive entry expands beyond its declared size; refused")
            return data

        found.append(Member(display, PurePosixPath(info.filename).name, info.file_size, read))
    return found


class Source:
    """The CSV members of a path, as a context manager that keeps zip archives open while in use.

    `members` lists what can be read; `errors` lists entries refused before reading; `skipped` counts
    the files that are not police.uk files (not CSV), for saying what a folder or archive held.
    """

    def __init__(self, path):
        """`path`: a file, folder or archive, or a list of them (read as one import)."""
        self.paths = [Path(p) for p in path] if isinstance(path, (list, tuple)) else [Path(path)]
        self.path = self.paths[0] if len(self.paths) == 1 else Path(", ".join(str(p) for p in self.paths))
        self.members: List[Member] = []
        self.errors: List[FileRefused] = []
        self.skipped: List[str] = []
        self._stack = ExitStack()

    def __enter__(self) -> "Source":
        for path in self.paths:
            if not path.exists() and not path.is_symlink():
                raise FileRefused(shown(path), "does not exist")
            if path.is_dir():
                self._walk(path)
            elif path.suffix.lower() == ".zip" or (path.is_file() and zipfile.is_zipfile(path)):
                self._add_zip(path)
            else:
                self.members.append(file_member(path))
        return self

    def _walk(self, top: Path) -> None:
        def failed(exc: OSError) -> None:
            self.errors.append(FileRefused(shown(exc.filename or top), f"folder cannot be read "
                                                                       f"({exc.strerror or exc})"))

        # Symbolic links to folders are not followed (a link back up the tree would never end).
        for root, dirs, files in os.walk(top, onerror=failed):
            dirs.sort()
            for name in sorted(files):
                full = Path(root) / name
                if _is_csv(name):
                    try:
                        self.members.append(file_member(full))
                    except FileRefused as exc:
                        self.errors.append(exc)
                elif name.lower().endswith(".zip"):
                    self._add_zip(full)
                else:
                    self.skipped.append(shown(full))

    def _add_zip(self, path: Path) -> None:
        try:
            check_regular(path)   # an archive may hold many months: no size limit, but no pipe or device
        except FileRefused as exc:
            self.errors.append(exc)
            return
        self.members.extend(_zip_members(path, self._stack, self.errors, self.skipped))

    def __exit__(self, *exc) -> None:
        self._stack.close()

    @property
    def total_bytes(self) -> int:
        return sum(m.size for m in self.members) or 1

"""Where police.uk files come from: a single CSV, a folder (searched recursively) or a zip archive.

Each source yields `Member`s: a display name (used in every message), a base file name, and a way to
read its bytes. Zip archives are read member by member (streaming): nothing is unpacked to disk and
only one member is in memory at a time. Hostile archive entries (absolute paths, `..`, huge sizes)
are refused by name.
"""

import os
import re
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, List, Optional

from .errors import FileRefused

# A single police.uk CSV is at most a few tens of MB (the Metropolitan Police's street file);
# anything far larger inside an archive is not a police.uk file and may be a zip bomb.
MAX_MEMBER_BYTES = 1 << 30

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


def _is_csv(name: str) -> bool:
    return name.lower().endswith(".csv")


def _file_member(path: Path) -> Member:
    return Member(str(path), path.name, path.stat().st_size, path.read_bytes)


def unsafe_zip_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return True
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return ".." in parts


def _zip_members(path: Path, stack: ExitStack, errors: List[FileRefused]) -> List[Member]:
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
        infos = sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        errors.append(FileRefused(str(path), f"is not a readable zip archive ({exc})"))
        return []
    found = []
    for info in infos:
        display = f"{path}!{info.filename}"
        if unsafe_zip_name(info.filename):
            errors.append(FileRefused(display, "archive entry with an absolute path or '..' refused"))
            continue
        if not _is_csv(info.filename):
            continue
        if info.file_size > MAX_MEMBER_BYTES:
            errors.append(FileRefused(display, f"archive entry of {info.file_size:,} bytes is far larger "
                                               "than any police.uk file; refused"))
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

    `members` lists what can be read; `errors` lists entries refused before reading.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.members: List[Member] = []
        self.errors: List[FileRefused] = []
        self._stack = ExitStack()

    def __enter__(self) -> "Source":
        path = self.path
        if not path.exists():
            raise FileRefused(str(path), "does not exist")
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    full = Path(root) / name
                    if _is_csv(name):
                        self.members.append(_file_member(full))
                    elif name.lower().endswith(".zip"):
                        self.members.extend(_zip_members(full, self._stack, self.errors))
        elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
            self.members.extend(_zip_members(path, self._stack, self.errors))
        else:
            self.members.append(_file_member(path))
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()

    @property
    def total_bytes(self) -> int:
        return sum(m.size for m in self.members) or 1

"""Plugin name and version, read once from metadata.txt (never repeated in code)."""

from configparser import ConfigParser
from functools import lru_cache
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent
RESOURCES = PLUGIN_DIR / "resources"


def _metadata_path() -> Path:
    # In a deployed plugin metadata.txt sits in the package; in the source tree it is one level up.
    for candidate in (PLUGIN_DIR / "metadata.txt", PLUGIN_DIR.parent / "metadata.txt"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("metadata.txt not found beside or above " + str(PLUGIN_DIR))


@lru_cache(maxsize=1)
def metadata() -> dict:
    parser = ConfigParser(interpolation=None)
    parser.read(_metadata_path(), encoding="utf-8")
    return dict(parser["general"])


def name() -> str:
    return metadata()["name"]


def version() -> str:
    return metadata()["version"]


def icon_path(file_name: str = "crimemap.svg") -> str:
    return str(RESOURCES / "icons" / file_name)

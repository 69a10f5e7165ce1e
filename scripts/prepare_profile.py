"""Write a QGIS profile's settings so the plugin is enabled and no first-run dialog blocks start-up.

usage: python3 scripts/prepare_profile.py <profiles-dir>   (the plugin is deployed separately)
"""

import configparser
import sys
from pathlib import Path


def prepare(profiles_dir: str) -> Path:
    ini = Path(profiles_dir) / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    config = configparser.RawConfigParser()
    config.optionxform = str
    if ini.exists():
        config.read(ini)
    values = {
        "PythonPlugins": {"crimemap_plugin": "true"},
        "qgis": {"checkVersion": "false", "showTips": "false", "showTips322": "false",
                 "showTips340": "false", "askToSaveMemoryLayers": "false"},
        "migration": {"fileVersion": "3", "settings": "true"},
        "app": {"crashHandler\\enabled": "false", "askToSaveMemoryLayers": "false"},
        "core": {"NewsFeed\\enabled": "false"},
    }
    for section, items in values.items():
        if not config.has_section(section):
            config.add_section(section)
        for key, value in items.items():
            config.set(section, key, value)
    with open(ini, "w") as fh:
        config.write(fh, space_around_delimiters=False)
    (Path(profiles_dir) / "profiles" / "profiles.ini").write_text("[core]\ndefaultProfile=default\n")
    return ini


if __name__ == "__main__":
    print(prepare(sys.argv[1]))

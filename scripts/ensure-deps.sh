#!/usr/bin/env bash
# Install what `make run` and `make test` need on Debian 12/13: QGIS and Python packages from apt,
# then a venv (with the system site-packages, where the QGIS bindings live) for the dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="python3-qgis qgis qgis-providers python3-pyqt5 python3-pandas python3-pyproj python3-pytestqt
 python3-venv xvfb xauth x11-utils poppler-utils imagemagick zip unzip e2fsprogs python3-psycopg2 postgresql
 python3-geopandas fonts-open-sans"
# The dev venv; CRIMEMAP_VENV chooses another (a Debian root under build/roots has its own).
VENV=${CRIMEMAP_VENV:-.venv}

missing=()
for pkg in $APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "Installing from apt: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# PostGIS for the installed PostgreSQL (15 on Debian 12, 17 on Debian 13): the tests' team store.
PG_MAJOR=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1)
if [ -n "$PG_MAJOR" ] && ! dpkg-query -W -f='${Status}' "postgresql-$PG_MAJOR-postgis-3" 2>/dev/null \
    | grep -q "install ok installed"; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "Installing from apt: postgresql-$PG_MAJOR-postgis-3"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "postgresql-$PG_MAJOR-postgis-3" >/dev/null \
    || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
         "postgresql-$PG_MAJOR-postgis-3" >/dev/null; }
fi

# pytest-qgis 2.1.0 is the last release that declares QGIS < 3.34; 5.x declares >= 3.34.
QGIS_VERSION=$(/usr/bin/python3 -c "from qgis.core import Qgis; print(Qgis.QGIS_VERSION_INT)")
if [ "$QGIS_VERSION" -ge 33400 ]; then PYTEST_QGIS="pytest-qgis==5.0.2"; else PYTEST_QGIS="pytest-qgis==2.1.0"; fi
WANT="$PYTEST_QGIS ruff==0.8.6"

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import qgis.core" 2>/dev/null; then
  rm -rf "$VENV"
  /usr/bin/python3 -m venv --system-site-packages "$VENV"
fi
if [ "$(cat "$VENV/.installed" 2>/dev/null)" != "$WANT" ]; then
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check $WANT
  echo "$WANT" > "$VENV/.installed"
fi

#!/usr/bin/env bash
# Start QGIS with the deployed plugin and the sample, or render the map headless without a display.
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILES="$1"
export CRIMEMAP_STORE="${CRIMEMAP_STORE:-$PROFILES/crimemap.gpkg}"
/usr/bin/python3 scripts/prepare_profile.py "$PROFILES" >/dev/null

if [ -n "${DISPLAY:-}" ] && xdpyinfo >/dev/null 2>&1 || { [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  echo "Starting QGIS (profile in $PROFILES, store $CRIMEMAP_STORE)"
  exec qgis --profiles-path "$PROFILES" --profile default --code scripts/run_desktop.py
fi
echo "No display found (DISPLAY is not set or not reachable): rendering the map headless instead."
QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/render_headless.py "$PROFILES"

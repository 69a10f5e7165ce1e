"""Turning store results and bundled data into styled QGIS layers."""

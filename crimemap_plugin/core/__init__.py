"""Pure-Python core: formats, taxonomy, store and statistics. No qgis or Qt imports here."""

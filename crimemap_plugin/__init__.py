"""Crime Map for QGIS: police.uk crime data inside QGIS."""


def classFactory(iface):  # noqa: N802 (name required by QGIS)
    """Entry point QGIS calls when the plugin is loaded."""
    from .plugin import CrimeMapPlugin

    return CrimeMapPlugin(iface)

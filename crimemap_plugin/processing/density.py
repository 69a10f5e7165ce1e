"""crimemap:density — a kernel density raster of stored crimes (quartic kernel, crimes per km²),
written as a GeoTIFF in British National Grid and styled when loaded."""

import math
from pathlib import Path

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsRasterLayer,
)

from ..core import density as de
from ..core import hotspots as hs
from ..core.errors import CrimeMapError
from ..i18n import tr, tr_noop
from ..layers.hotspot_layers import density_display_maximum, style_density
from .study_area import WhereAlgorithm
from .styling import StylePostProcessor

DEFAULT_BANDWIDTH = 500.0        # metres: a few minutes' walk, the scale of a street's crime
PIXELS_PER_BANDWIDTH = 5         # a chosen pixel is about a fifth of the bandwidth
MAX_CHOSEN_PIXELS = 4_000_000    # a chosen pixel size keeps the raster's bounding grid within this


def choose_pixel_size(bandwidth: float, polygons) -> float:
    """A fifth of the bandwidth rounded to a standard cell size, enlarged until the raster's bounding
    grid has at most MAX_CHOSEN_PIXELS pixels."""
    xs = np.concatenate([r[0] for rings in polygons for r in rings])
    ys = np.concatenate([r[1] for rings in polygons for r in rings])
    width, height = float(xs.max() - xs.min()), float(ys.max() - ys.min())
    size = hs.nice_cell_size(bandwidth / PIXELS_PER_BANDWIDTH)
    while size < hs.NICE_CELL_SIZES[-1] and (math.floor(width / size) + 1) * (math.floor(height / size) + 1) \
            > MAX_CHOSEN_PIXELS:
        size = float(next(s for s in hs.NICE_CELL_SIZES if s > size))
    return size


def write_geotiff(raster: de.DensityRaster, path: str, description: str = "", rights=()) -> None:
    """The raster as a Float32 GeoTIFF in EPSG:27700, NaN as nodata (outside the study area), with its
    description and attribution in the file's own TIFF tags (they travel with it to any GIS)."""
    from osgeo import gdal, osr
    rows, cols = raster.values.shape
    driver = gdal.GetDriverByName("GTiff")
    dataset = driver.Create(path, cols, rows, 1, gdal.GDT_Float32, options=["COMPRESS=DEFLATE", "TILED=YES"])
    if dataset is None:
        raise QgsProcessingException(tr("{}: the raster cannot be written").format(path))
    dataset.SetGeoTransform(raster.geotransform)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    dataset.SetProjection(srs.ExportToWkt())
    if description:
        dataset.SetMetadataItem("TIFFTAG_IMAGEDESCRIPTION", description)
    if rights:
        dataset.SetMetadataItem("TIFFTAG_COPYRIGHT", " ".join(rights))
    band = dataset.GetRasterBand(1)
    band.SetNoDataValue(float("nan"))
    band.WriteArray(raster.values.astype(np.float32))
    band.SetDescription("crimes per km2")
    band.FlushCache()
    dataset.FlushCache()
    dataset = None


class DensityAlgorithm(WhereAlgorithm):
    BANDWIDTH, PIXEL_SIZE, OUTPUT = "BANDWIDTH", "PIXEL_SIZE", "OUTPUT"

    NAME = "density"
    DISPLAY_NAME = tr_noop("Crime density (kernel)")
    HELP = (   # parts, each translated (shortHelpString joins them)
        tr_noop("A smooth surface of where crime happened: the kernel density of the stored street crimes in "
                "crimes per km², for maps where grid cells look too blocky. The density at a pixel's centre is "
                "the sum over the crimes within BANDWIDTH metres of the quartic kernel 3 / (π h²) (1 − "
                "d²/h²)², which integrates to one crime, times 1,000,000 for km². Pixels are aligned to "
                "multiples of PIXEL_SIZE in British National Grid (0 = a fifth of the bandwidth, rounded, and "
                "larger for big areas); pixels whose centre is outside the area are nodata, and crimes in them "
                "are left out. So the raster sums (times the pixel area in km²) to the crimes used, less what "
                "the kernel spreads beyond the area's edge. "),
        WhereAlgorithm.AREA_HELP,
        tr_noop("The period is START_MONTH to END_MONTH (empty: the latest 12 months the store holds). "),
        WhereAlgorithm.COVERAGE_HELP,
        tr_noop("The output is a GeoTIFF (EPSG:27700), styled from transparent at zero through yellow to red."),
    )

    def initAlgorithm(self, config=None):
        self.add_store_parameter()
        self.add_area_parameters()
        self.add_category_parameter()
        self.add_month_range_parameters()
        self.addParameter(QgsProcessingParameterNumber(
            self.BANDWIDTH, self.tr("Bandwidth in metres (the kernel's radius)"),
            QgsProcessingParameterNumber.Type.Double, DEFAULT_BANDWIDTH, minValue=1.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.PIXEL_SIZE, self.tr("Pixel size in metres (0 = chosen from the bandwidth)"),
            QgsProcessingParameterNumber.Type.Double, 0.0, minValue=0.0))
        self.add_allow_incomplete_parameter()
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Crime density")))
        for name, text in (("PIXEL_SIZE_USED", self.tr("Pixel size used (m)")),
                           ("BANDWIDTH_USED", self.tr("Bandwidth used (m)")),
                           ("CRIMES_USED", self.tr("Crimes used (in the area's pixels)")),
                           ("ROWS_WITHOUT_LOCATION", self.tr("Rows without a location (area's forces)")),
                           ("CRIMES_OUTSIDE", self.tr("Located crimes of the area's forces outside its pixels")),
                           ("MAX_DENSITY", self.tr("Highest density (crimes per km²)"))):
            self.addOutput(QgsProcessingOutputNumber(name, text))
        self.addOutput(QgsProcessingOutputString("METHOD", self.tr("How the kernel was summed")))
        self.addOutput(QgsProcessingOutputString("PERIOD", self.tr("Period")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        if Path(path).suffix.lower() not in (".tif", ".tiff"):
            raise QgsProcessingException(self.tr("The density is written as a GeoTIFF: give a .tif file"))
        selection = self.prepare(parameters, context, feedback)
        self.log_selection(selection, feedback)
        feedback.setProgress(20)
        bandwidth = self.parameterAsDouble(parameters, self.BANDWIDTH, context)
        pixel = self.parameterAsDouble(parameters, self.PIXEL_SIZE, context)
        if pixel == 0:
            pixel = choose_pixel_size(bandwidth, selection.area.polygons)
            feedback.pushInfo(self.tr("Pixel size: {:g} m (chosen: a fifth of the bandwidth, rounded, within {:,} "
                                      "pixels)").format(pixel, MAX_CHOSEN_PIXELS))
        else:
            feedback.pushInfo(self.tr("Pixel size: {:g} m (given)").format(pixel))
        frame = selection.frame
        x, y = hs.to_bng(frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float))
        try:
            raster = de.kernel_density_bng(x, y, selection.area.polygons, bandwidth, pixel)
        except CrimeMapError as exc:
            raise QgsProcessingException(str(exc)) from None
        feedback.setProgress(80)
        grid = hs.study_grid(selection.area.polygons, pixel)
        outside = int((grid.locate(x[selection.own], y[selection.own]) < 0).sum()) - selection.unlocated
        abstract = self.tr("Kernel density (quartic kernel, bandwidth {:g} m, {:g} m pixels of British National "
                           "Grid) of {} in {}, {} to {}, in crimes per km²: {:,} crimes used. From the Crime Map "
                           "store.").format(bandwidth, pixel, selection.category_label(), selection.area.label,
                                            selection.start, selection.end, raster.crimes_used)
        rights = selection.area.rights
        write_geotiff(raster, path, abstract, rights)
        peak = float(np.nanmax(raster.values)) if np.isfinite(raster.values).any() else 0.0
        total = float(np.nansum(raster.values)) * pixel * pixel / 1e6
        feedback.pushInfo(self.tr("{:,} crimes used; the raster holds {:,.1f} crimes (density × pixel area: the "
                                  "rest spreads beyond the area's edge); highest density {:,.0f} crimes per km²; "
                                  "kernel summed {}.").format(raster.crimes_used, total, peak,
                                                              self.method_words(raster.method)))
        title = self.tr("Crime density · {} · {} · {} · crimes per km²").format(
            selection.area.label, selection.category_label(), selection.period_label())
        maximum = density_display_maximum(raster.values)
        if context.willLoadLayerOnCompletion(path):
            details = context.layerToLoadOnCompletionDetails(path)
            details.name = title
            details.forceName = True   # not the file's name, whatever QGIS prefers
            details.setPostProcessor(StylePostProcessor.create(
                lambda layer: style_density(layer, maximum, title, abstract, rights)))
        self._styling = (path, maximum, title, abstract, rights)
        self._results = {
            self.OUTPUT: path, "PIXEL_SIZE_USED": pixel, "BANDWIDTH_USED": bandwidth,
            "CRIMES_USED": raster.crimes_used, "ROWS_WITHOUT_LOCATION": selection.unlocated,
            "CRIMES_OUTSIDE": outside, "MAX_DENSITY": peak, "METHOD": raster.method,
            "PERIOD": f"{selection.start} to {selection.end}"}
        return dict(self._results)

    def method_words(self, method: str) -> str:
        return self.tr("exactly, at every crime location") if method == de.EXACT else self.tr(
            "from the crimes binned to pixel centres (too many locations for the exact sum)")

    def postProcessAlgorithm(self, context, feedback):
        # A .qml style and .qmd metadata beside the GeoTIFF: it opens styled and attributed in any QGIS.
        styling = getattr(self, "_styling", None)
        if styling:
            path, maximum, title, abstract, rights = styling
            layer = QgsRasterLayer(path, title, "gdal")
            if layer.isValid():
                style_density(layer, maximum, title, abstract, rights)
                message, ok = layer.saveDefaultStyle()
                if not ok:
                    feedback.reportError(self.tr("The style could not be saved beside the raster: {}").format(message))
                layer.saveDefaultMetadata()
            del layer
        return dict(getattr(self, "_results", {}))

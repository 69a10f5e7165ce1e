"""What the "where crime concentrates" algorithms share: the study area (force areas, a stored
neighbourhood, or any polygon layer), the period, the coverage check and the crimes read for them.

- AREA is a text: empty for the force areas of every force with street crimes in the store; one or
  more police.uk force ids separated by commas (`kent`, `kent,essex`) for their bundled areas (ONS,
  December 2022, ultra-generalised); or a stored neighbourhood as `force/id` (its police.uk
  boundary, imported with crimemap:importneighbourhoods). AREA_LAYER, a polygon layer, wins over AREA
  when given: its features (or its selected features) are the study area.
- The forces of the area are those whose data it needs: the force of a force area or a neighbourhood;
  for a layer, every force whose bundled area overlaps it by more than OVERLAP_SHARE of the smaller of
  the two; British Transport Police as well whenever the store holds its crimes (it polices railways
  everywhere). Their months are checked for holes, and their rows without a location are reported.
- Crimes are read for the forces whose bundled area lies within READ_MARGIN of the study area, British
  Transport Police and Northern Ireland (no bundled area): a crime counts where its point is, whichever
  force recorded it, and no other force's crime can lie there.
- The period is START_MONTH..END_MONTH; by default the latest DEFAULT_MONTHS months the store holds
  (never before its first month).

The force areas' geometry (READ_MARGIN, OVERLAP_SHARE) is in force_geometry; writing grid results to
a sink in grid_output.
"""

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
)

from ..core import categories, forces, periods
from ..core import hotspots as hs
from ..core.errors import CrimeMapError
from ..i18n import tr, tr_noop
from ..layers.common import OGL, ONS_OS
from .base import CrimeMapAlgorithm
from .force_geometry import NO_AREA_FORCES, force_area_geometries, forces_near, forces_overlapping, polygons_of

GRID_CRS = QgsCoordinateReferenceSystem(hs.GRID_CRS)
DEFAULT_MONTHS = 12
BTP = "btp"

FORCE_AREA, NEIGHBOURHOOD, LAYER, STORED_FORCES = "force", "neighbourhood", "layer", "stored forces"


@dataclass
class StudyArea:
    """The study area in EPSG:27700 and the forces whose data it depends on."""
    kind: str                          # FORCE_AREA, NEIGHBOURHOOD, LAYER or STORED_FORCES
    label: str                         # for the log and the layer's name
    polygons: List[list]               # hotspots.Polygon each: rings of (x, y) arrays, EPSG:27700
    forces: Tuple[str, ...]            # forces whose area it covers (rows without location reported)
    checked: Tuple[str, ...] = ()      # forces whose months are checked (the above, and btp if stored)
    read: Optional[Tuple[str, ...]] = None   # forces whose crimes are read (None: every force)
    rights: Tuple[str, ...] = (OGL,)   # attribution of the boundaries used


@dataclass
class Selection:
    """What an algorithm works on: the area, the period and the crimes read for them."""
    area: StudyArea
    category: str                      # an API slug or all-crime
    start: str
    end: str
    frame: pd.DataFrame                # month, force, lon, lat (NaN: no location), and any columns asked
    own: np.ndarray                    # bool per row: the crime is of one of the area's forces
    unlocated: int                     # rows of the area's forces with no location
    incomplete: List[str] = field(default_factory=list)   # what is missing or partial, in words
    holes: Dict[str, set] = field(default_factory=dict)   # month -> forces with a missing/partial month

    @property
    def months(self) -> List[str]:
        return [periods.fmt(n) for n in range(periods.parse(self.start), periods.parse(self.end) + 1)]

    def period_label(self) -> str:
        return periods.Period(self.end, len(self.months)).label()

    def category_label(self) -> str:
        return tr(categories.label(self.category))


# --------------------------------------------------------------------------- the algorithms' mixin

class WhereAlgorithm(CrimeMapAlgorithm):
    """Parameters and preparation shared by crimemap:hotspots, emerginghotspots, density and
    concentration."""

    AREA, AREA_LAYER, START_MONTH, ALLOW_INCOMPLETE = "AREA", "AREA_LAYER", "START_MONTH", "ALLOW_INCOMPLETE"
    GROUP = tr_noop("Where crime concentrates")
    GROUP_ID = "where"

    AREA_HELP = tr_noop("AREA: empty for the force areas of every force with street crimes in the store; one "
                        "or more police.uk force ids separated by commas (kent, or kent,essex) for their "
                        "bundled areas (ONS, December 2022); or a stored neighbourhood as force/id (imported "
                        "with crimemap:importneighbourhoods). AREA_LAYER, any polygon layer, wins over AREA "
                        "when given (with 'selected features only', just those). ")
    COVERAGE_HELP = tr_noop("A month with no data, or a partial submission found by the coverage audit, for a "
                            "force of the area (and British Transport Police when the store holds its crimes) "
                            "would read as a hole: the algorithm refuses, naming the force and months, unless "
                            "ALLOW_INCOMPLETE is ticked, and then warns. ")

    # -- parameters -------------------------------------------------------------------------------
    def add_area_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterString(
            self.AREA, self.tr("Area: force id(s), or a stored neighbourhood force/id (empty = every stored force)"),
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.AREA_LAYER, self.tr("Area polygon layer (wins over Area when given)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))

    def add_category_parameter(self) -> None:
        self.addParameter(QgsProcessingParameterString(
            self.CATEGORY, self.tr("Category (API slug, or all-crime)"), defaultValue=categories.ALL_CRIME))

    def add_month_range_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterString(
            self.START_MONTH, self.tr("First month (YYYY-MM; empty = the 12 months to the last, as far as the store "
                                      "holds)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.END_MONTH, self.tr("Last month (YYYY-MM; empty = the latest in the store)"), optional=True))

    def add_allow_incomplete_parameter(self) -> None:
        self.addParameter(QgsProcessingParameterBoolean(
            self.ALLOW_INCOMPLETE, self.tr("Go ahead when a force-month of the period is missing or partial"),
            defaultValue=False))

    # -- values -----------------------------------------------------------------------------------
    def category_value(self, parameters, context) -> str:
        category = self.parameterAsString(parameters, self.CATEGORY, context).strip() or categories.ALL_CRIME
        if category != categories.ALL_CRIME and category not in categories.CATEGORIES \
                and category not in categories.LEGACY:
            raise QgsProcessingException(self.tr("Unknown category: {}").format(category))
        return category

    def month_value(self, parameters, name, context) -> str:
        text = self.parameterAsString(parameters, name, context).strip()
        if text:
            try:
                periods.parse(text)
            except ValueError:
                raise QgsProcessingException(self.tr("{}: not a month (YYYY-MM): {}").format(name, text)) from None
        return text

    def resolve_area(self, store, parameters, context, feedback) -> StudyArea:
        """The study area from AREA_LAYER (when given) or AREA."""
        text = self.parameterAsString(parameters, self.AREA, context).strip()
        source = None
        if parameters.get(self.AREA_LAYER) not in (None, ""):
            source = self.parameterAsSource(parameters, self.AREA_LAYER, context)
        if source is not None:
            if text:
                feedback.pushInfo(self.tr("AREA_LAYER is given: AREA ({}) is not used.").format(text))
            area = self._layer_area(source, context)
        elif "/" in text:
            area = self._neighbourhood_area(store, text)
        else:
            area = self._force_area(store, text)
        stored = self._stored_forces(store)
        checked = set(area.forces) | ({BTP} if BTP in stored else set())
        area.checked = tuple(sorted(checked))
        if area.kind != STORED_FORCES:
            area.read = tuple(sorted(set(forces_near(area.polygons)) | set(area.forces) | set(NO_AREA_FORCES)))
        return area

    @staticmethod
    def _stored_forces(store) -> set:
        return {fm.force for fm in store.coverage("street")}

    def _force_area(self, store, text: str) -> StudyArea:
        areas = force_area_geometries()
        if text:
            slugs = [s.strip().lower() for s in text.split(",") if s.strip()]
            for slug in slugs:
                if slug not in forces.BY_SLUG:
                    raise QgsProcessingException(self.tr("Unknown force: {} (use a police.uk id such as kent, or "
                                                         "a stored neighbourhood as force/id)").format(slug))
                if slug not in areas:
                    raise QgsProcessingException(self.tr("{} has no bundled boundary: give its area as "
                                                         "AREA_LAYER").format(slug))
            kind = FORCE_AREA
            label = ", ".join(forces.BY_SLUG[s].name for s in slugs)
        else:
            slugs = sorted(s for s in self._stored_forces(store) if s in areas)
            if not slugs:
                raise QgsProcessingException(self.tr("The store holds no street crimes of a force with a bundled "
                                                     "area: give AREA or AREA_LAYER"))
            kind = STORED_FORCES
            label = forces.BY_SLUG[slugs[0]].name if len(slugs) == 1 else self.tr("{} force areas").format(
                len(slugs))
        polygons = [p for s in slugs for p in polygons_of(areas[s])]
        return StudyArea(kind, label, polygons, tuple(slugs), rights=(OGL, ONS_OS))

    def _neighbourhood_area(self, store, text: str) -> StudyArea:
        force, nid = (part.strip() for part in text.split("/", 1))
        force = force.lower()
        found = store.neighbourhood_polygons(force, only={nid}) if force in forces.BY_SLUG else []
        if not found:
            raise QgsProcessingException(self.tr("The store holds no neighbourhood {}: import the force's "
                                                 "neighbourhoods first (crimemap:importneighbourhoods)").format(text))
        polygons = []
        for _, _, rings in found:
            projected = []
            for lon, lat in rings:
                x, y = hs.to_bng(lon, lat)
                projected.append((x, y))
            polygons.append(projected)
        areas = store.neighbourhood_areas(force)
        named = areas.loc[areas["area_code"] == f"{force}/{nid}", "area_name"]
        label = str(named.iloc[0]) if len(named) and named.iloc[0] else text
        return StudyArea(NEIGHBOURHOOD, label, polygons, (force,))

    def _layer_area(self, source, context) -> StudyArea:
        transform = QgsCoordinateTransform(source.sourceCrs(), GRID_CRS, context.transformContext())
        geometries, polygons = [], []
        for feature in source.getFeatures(QgsFeatureRequest()):
            geometry = QgsGeometry(feature.geometry())
            if geometry.isEmpty():
                continue
            if source.sourceCrs() != GRID_CRS:
                geometry.transform(transform)
            geometries.append(geometry)
            polygons.extend(polygons_of(geometry))
        if not polygons:
            raise QgsProcessingException(self.tr("AREA_LAYER has no polygon"))
        name = source.sourceName() if hasattr(source, "sourceName") else ""
        label = name or self.tr("the area layer")
        return StudyArea(LAYER, label, polygons, forces_overlapping(geometries))

    def resolve_period(self, store, start: str, end: str, step_months: int = 1) -> Tuple[str, str]:
        """(first, last month): given, or the latest DEFAULT_MONTHS the store holds (whole steps)."""
        held = store.months("street")
        if not held:
            raise QgsProcessingException(self.tr("The store holds no street crimes"))
        end = end or held[-1]
        if not start:
            first = max(periods.parse(end) - (DEFAULT_MONTHS - 1), periods.parse(held[0]))
            length = periods.parse(end) - first + 1
            first += length % step_months          # whole steps: the earliest months are left out
            if first > periods.parse(end):
                raise QgsProcessingException(self.tr("The store holds fewer months than one time step"))
            start = periods.fmt(first)
        if periods.parse(start) > periods.parse(end):
            raise QgsProcessingException(self.tr("The period ends ({}) before it starts ({})").format(end, start))
        return start, end

    # -- coverage ---------------------------------------------------------------------------------
    def coverage_gaps(self, store, checked: Sequence[str], months: Sequence[str]):
        """(lines in words, month -> forces with a missing or partial month) for the checked forces."""
        status = store.month_status("street")
        audited = {(fm.force, fm.month): fm for fm in store.coverage("street")}
        lines: List[str] = []
        holes: Dict[str, set] = {}
        for force in checked:
            missing, partial = status.gaps(force, months)
            for month in list(missing) + list(partial):
                holes.setdefault(month, set()).add(force)
            if missing:
                lines.append(self.tr("{}: no data for {}").format(force, month_ranges(missing)))
            for month in partial:
                fm = audited.get((force, month))
                if fm is not None and fm.rows is not None and fm.expected:
                    lines.append(self.tr("{}: {} is a partial submission ({:,} rows, about {:,.0f} expected)")
                                 .format(force, month, fm.rows, fm.expected))
                else:
                    lines.append(self.tr("{}: {} is a partial submission").format(force, month))
        return lines, holes

    def check_coverage(self, lines: Sequence[str], months: Sequence[str], allow: bool, feedback) -> None:
        """Refuse a period with holes in the area's data unless allowed; warn when allowed."""
        if not lines:
            return
        said = self.tr("Incomplete data for {}: {}.").format(month_ranges(months), "; ".join(lines))
        if not allow:
            raise QgsProcessingException(
                said + " " + self.tr("A missing or partial month reads as a cold spot or a fall. Import the "
                                     "missing months, mark a month whole (crimemap:markwhole) if you know it "
                                     "is complete, choose another period, or tick ALLOW_INCOMPLETE to go "
                                     "ahead."))
        feedback.pushWarning(said + " " + self.tr("Going ahead as ALLOW_INCOMPLETE asks."))

    # -- the crimes -------------------------------------------------------------------------------
    def prepare(self, parameters, context, feedback, step_months: int = 1, columns: Sequence[str] = (),
                ranges: Optional[Callable] = None) -> Selection:
        """Open the store, resolve the area and the period, check the coverage and read the crimes
        (month, force, lon, lat and `columns`). `ranges(store)`, when given, says which (first, last
        month) ranges to read instead of START_MONTH..END_MONTH; the first is the Selection's period."""
        from ..stores import open_user_store
        category = self.category_value(parameters, context)
        allow = self.parameterAsBoolean(parameters, self.ALLOW_INCOMPLETE, context)
        try:
            with open_user_store(self.store_value(parameters, context), create=False, read_only=True) as store:
                area = self.resolve_area(store, parameters, context, feedback)
                if ranges is None:
                    start = self.month_value(parameters, self.START_MONTH, context)
                    end = self.month_value(parameters, self.END_MONTH, context)
                    wanted_ranges = [self.resolve_period(store, start, end, step_months)]
                else:
                    wanted_ranges = list(ranges(store))
                months = sorted({periods.fmt(n) for a, b in wanted_ranges
                                 for n in range(periods.parse(a), periods.parse(b) + 1)})
                lines, holes = self.coverage_gaps(store, area.checked, months)
                self.check_coverage(lines, months, allow, feedback)
                wanted = ["month", "force"] + [c for c in columns if c not in ("month", "force")]
                cat = None if category == categories.ALL_CRIME else category
                frame = pd.concat([store.table_frame("street", wanted, a, b, area.read, category=cat)
                                   for a, b in wanted_ranges], ignore_index=True)
        except (CrimeMapError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from None
        located = frame["lon"].notna().to_numpy() & frame["lat"].notna().to_numpy()
        own = frame["force"].isin(area.forces).to_numpy()
        keep = located | own
        frame = frame[keep].reset_index(drop=True)
        own, located = own[keep], located[keep]
        start, end = wanted_ranges[0]
        return Selection(area, category, start, end, frame, own, int((own & ~located).sum()), list(lines), holes)

    def log_selection(self, selection: Selection, feedback) -> None:
        area = selection.area
        kinds = {FORCE_AREA: self.tr("force area"), NEIGHBOURHOOD: self.tr("stored neighbourhood"),
                 LAYER: self.tr("polygon layer"), STORED_FORCES: self.tr("every force in the store")}
        feedback.pushInfo(self.tr("Study area: {} ({}); forces of the area: {}.").format(
            area.label, kinds[area.kind], ", ".join(area.forces) or self.tr("none")))
        feedback.pushInfo(self.tr("Period: {} ({} to {}); category: {}.").format(
            selection.period_label(), selection.start, selection.end, selection.category_label()))
        feedback.pushInfo(self.tr("Rows without a location, of the area's forces: {:,} (counted, never placed: "
                                  "police.uk could not place them).").format(selection.unlocated))


def month_ranges(months: Sequence[str]) -> str:
    """'2018-10 to 2018-12, 2019-02' for a list of months."""
    numbers = sorted({periods.parse(m) for m in months})
    runs: List[List[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(periods.fmt(a) if a == b else f"{periods.fmt(a)} to {periods.fmt(b)}" for a, b in runs)

"""Load a scenario's force registry (peacekeeper/theatre/scenario/<name>/units.json, contributions.json,
strength.json, caveats.json) into the database.

Run after the theatre (units refer to its organisations, camps and places). Idempotent and in one
transaction, like the theatre loader: rows are keyed (units and caveats on scenario_key, contributions on
nation and date, strength on date) and saved only when a value differs. A unit's or caveat's release label
is set when it is first loaded and left alone afterwards: an administrator may have relabelled it, and a
reload must never widen a release.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import Organisation
from peacekeeper.forces.capabilities import capability_errors
from peacekeeper.forces.models import Unit, validate_unit_sidc
from peacekeeper.forces.registry_loading import UnitDataError, load_caveats, load_contributions, load_strength
from peacekeeper.theatre.loading import SCENARIO_ROOT, Counts, _read, _update_if_changed
from peacekeeper.theatre.models import Place, Site

_COPIED = (
    "name",
    "short_name",
    "sidc",
    "sidc_note",
    "role",
    "location",
    "source",
    "capabilities",
    "strength",
    "readiness_hours",
    "assumptions",
    "registry_note",
)
_DATES = ("rotation_start", "rotation_end", "transfer_of_authority")
__all__ = ["UnitDataError", "UnitLoadReport", "load_units"]


@dataclass
class UnitLoadReport:
    units: Counts = field(default_factory=Counts)
    contributions: Counts = field(default_factory=Counts)
    strength: Counts = field(default_factory=Counts)
    caveats: Counts = field(default_factory=Counts)
    # Units with no known position: listed and searchable, drawn nowhere.
    not_drawn: list[str] = field(default_factory=list)
    missing_file: bool = False

    @property
    def changed(self) -> int:
        return sum(counts.changed for counts in (self.units, self.contributions, self.strength, self.caveats))

    def summary(self) -> str:
        if self.missing_file:
            return "  units: none (the scenario has no units.json)"
        lines = []
        for kind in ("units", "contributions", "strength", "caveats"):
            counts: Counts = getattr(self, kind)
            lines.append(counts.line("strength figures" if kind == "strength" else kind))
        if self.not_drawn:
            lines.append(f"  units without a position (listed, not drawn): {', '.join(self.not_drawn)}")
        return "\n".join(lines)


def load_units(*, name: str = "kosovo") -> UnitLoadReport:
    folder = SCENARIO_ROOT / name
    if not folder.is_dir():
        raise FileNotFoundError(f"no scenario {name!r} under {SCENARIO_ROOT}")
    report = UnitLoadReport()
    path = folder / "units.json"
    if not path.exists():
        report.missing_file = True
        return report
    nations = {org.code: org for org in Organisation.objects.filter(kind=Organisation.Kind.NATION)}
    camps = {site.name: site for site in Site.objects.filter(kind=Site.Kind.CAMP).select_related("place")}
    with transaction.atomic():
        for row in _read(path):
            values = _unit_values(row, nations=nations, camps=camps)
            if values["place_id"] is None:
                report.not_drawn.append(row["short_name"] or row["name"])
            _upsert_unit(row, values, report.units)
        load_contributions(folder=folder, nations=nations, counts=report.contributions)
        load_strength(folder=folder, counts=report.strength)
        load_caveats(folder=folder, nations=nations, counts=report.caveats)
    return report


def _unit_values(row: dict, *, nations: dict[str, Organisation], camps: dict[str, Site]) -> dict:
    key = row["scenario_key"]
    try:
        validate_unit_sidc(row["sidc"])
    except ValidationError as error:
        raise UnitDataError(f"{key}: {' '.join(error.messages)}") from None
    capability_problems = capability_errors(row["capabilities"])
    if capability_problems:
        raise UnitDataError(f"{key}: {'; '.join(capability_problems)}")
    nation = None
    if row["nation"]:
        nation = nations.get(row["nation"])
        if nation is None:
            raise UnitDataError(f"{key}: nation {row['nation']!r} is not a known nation code")
    camp = None
    if row["camp"]:
        camp = camps.get(row["camp"])
        if camp is None:
            raise UnitDataError(f"{key}: no camp named {row['camp']!r} in the scenario's sites")
    values = {field_name: row[field_name] for field_name in _COPIED}
    values |= {name: date.fromisoformat(row[name]) if row[name] else None for name in _DATES}
    values |= {"nation_id": nation.pk if nation else None, "camp_id": camp.pk if camp else None}
    return values | _position(row, camp)


def _position(row: dict, camp: Site | None) -> dict:
    """Where the unit is drawn, and how approximate that is: its camp's position, else a named place."""
    if camp is not None:
        if camp.place.lat is None:
            return _nowhere(f"{camp.name}: position not known")
        note = f"drawn at {camp.name}: {camp.approximation_note}" if camp.approximate else ""
        return {"place_id": camp.place_id, "approximate": camp.approximate, "approximation_note": note}
    if row["place"]:
        place = Place.objects.filter(scenario_key=row["place"]).first()
        if place is None:
            raise UnitDataError(f"{row['scenario_key']}: no place {row['place']!r} in the scenario")
        if place.lat is None:
            return _nowhere(f"{place.name}: position not known")
        note = f"located only as {row['location']!r}; drawn at {place.name}: {place.approximation_note}"
        return {"place_id": place.pk, "approximate": place.approximate, "approximation_note": note}
    return _nowhere("no position in the sources")


def _nowhere(note: str) -> dict:
    return {"place_id": None, "approximate": False, "approximation_note": note}


def _upsert_unit(row: dict, values: dict, counts: Counts) -> Unit:
    unit = Unit.objects.filter(scenario_key=row["scenario_key"]).first()
    if unit is None:
        counts.created += 1
        label = label_from_marking(row["marking"])
        return Unit.objects.create(scenario_key=row["scenario_key"], label=label, **values)
    _update_if_changed(unit, values, counts)
    return unit

"""Load the registry files beside units.json: troop contributions, strength over time and caveats.

Called by loading.load_units inside its transaction. Contributions and strength figures are public
(not releasable); caveats are labelled like units, and their label is set on first load only.
"""

from datetime import date
from pathlib import Path

from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import Organisation
from peacekeeper.forces.caveats import params_errors
from peacekeeper.forces.models import Caveat, Contribution, ForceStrength, Unit
from peacekeeper.theatre.loading import Counts, _read, _update_if_changed, _upsert

_SOURCED = ("source", "approximate", "approximation_note")


class UnitDataError(ValueError):
    """A row of the registry files that cannot be loaded: the message names the row and the problem."""


def load_contributions(*, folder: Path, nations: dict[str, Organisation], counts: Counts) -> None:
    for row in _rows(folder / "contributions.json"):
        nation = _nation(row["nation"], nations, f"contribution {row['as_of']}")
        values = {name: row[name] for name in ("troops", "as_of_text", "name_inferred", "note", *_SOURCED)}
        lookup = {"nation": nation, "as_of": date.fromisoformat(row["as_of"])}
        _upsert(Contribution, lookup, values, counts)


def load_strength(*, folder: Path, counts: Counts) -> None:
    for row in _rows(folder / "strength.json"):
        values = {name: row[name] for name in ("troops", "as_of_text", "nations", "note", *_SOURCED)}
        _upsert(ForceStrength, {"as_of": date.fromisoformat(row["as_of"])}, values, counts)


def load_caveats(*, folder: Path, nations: dict[str, Organisation], counts: Counts) -> None:
    units = dict(Unit.objects.filter(scenario_key__isnull=False).values_list("scenario_key", "id"))
    for row in _rows(folder / "caveats.json"):
        key = row["scenario_key"]
        errors = params_errors(row["kind"], row["params"])
        if errors:
            raise UnitDataError(f"{key}: {'; '.join(errors)}")
        if (row["nation"] is None) == (row["unit"] is None):
            raise UnitDataError(f"{key}: a caveat applies to a nation or to a unit, not both and not neither")
        values = {name: row[name] for name in ("kind", "params", "note", "source")}
        values["nation_id"] = _nation(row["nation"], nations, key).pk if row["nation"] else None
        values["unit_id"] = None
        if row["unit"]:
            if row["unit"] not in units:
                raise UnitDataError(f"{key}: no unit {row['unit']!r} in units.json")
            values["unit_id"] = units[row["unit"]]
        caveat = Caveat.objects.filter(scenario_key=key).first()
        if caveat is None:
            Caveat.objects.create(scenario_key=key, label=label_from_marking(row["marking"]), **values)
            counts.created += 1
        else:
            _update_if_changed(caveat, values, counts)


def _rows(path: Path) -> list[dict]:
    return _read(path) if path.exists() else []


def _nation(code: str, nations: dict[str, Organisation], what: str) -> Organisation:
    if code not in nations:
        raise UnitDataError(f"{what}: nation {code!r} is not a known nation code")
    return nations[code]

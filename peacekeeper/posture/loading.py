"""Load a scenario's task list (peacekeeper/theatre/scenario/<name>/tasks.json) into the database.

Run after the theatre. Idempotent, in one transaction: tasks are keyed on scenario_key. As for units, a
task's release label is set when it is first loaded and never widened by a reload.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from peacekeeper.access.labels import label_from_marking
from peacekeeper.posture.models import DEFAULT_TASK_MARKING, Task, TaskKind
from peacekeeper.theatre.loading import SCENARIO_ROOT, Counts, _read
from peacekeeper.theatre.models import Area, CrossingPoint, Place, Site

_COPIED = ("name", "kind", "lat", "lon", "capabilities", "strength", "notice_hours", "priority", "active")


class TaskDataError(ValueError):
    """A row of tasks.json that cannot be loaded: the message names the task and the problem."""


def load_tasks(*, name: str = "kosovo") -> Counts:
    path = SCENARIO_ROOT / name / "tasks.json"
    counts = Counts()
    if not path.exists():
        return counts
    areas = dict(Area.objects.filter(level=Area.Level.MUNICIPALITY).values_list("code", "id"))
    with transaction.atomic():
        for row in _read(path):
            _upsert(row, areas, counts)
    return counts


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _upsert(row: dict, areas: dict[str, int], counts: Counts) -> Task:
    key = row["scenario_key"]
    if row["kind"] not in TaskKind.values:
        raise TaskDataError(f"{key}: unknown kind {row['kind']!r}")
    values = {name: row[name] for name in _COPIED}
    values["assumption_note"] = row.get("assumption_note", "")
    values["starts_at"], values["ends_at"] = _moment(row.get("starts_at")), _moment(row.get("ends_at"))
    values["site"] = Site.objects.filter(place__scenario_key=row["site"]).first() if row.get("site") else None
    values["place"] = None
    values["crossing"] = None
    if row.get("place"):
        place = Place.objects.filter(scenario_key=row["place"]).first()
        if place is None:
            raise TaskDataError(f"{key}: no place {row['place']!r} in the scenario")
        values["crossing"] = CrossingPoint.objects.filter(place=place).first()
        values["place"] = None if values["crossing"] else place
    missing = [code for code in row.get("areas", []) if code not in areas]
    if missing:
        raise TaskDataError(f"{key}: unknown municipalities {', '.join(missing)}")
    task = Task.objects.filter(scenario_key=key).first()
    if task is None:
        task = Task(scenario_key=key, label=label_from_marking(row.get("marking") or DEFAULT_TASK_MARKING))
        counts.created += 1
    else:
        counts.updated += 1
    for name, value in values.items():
        setattr(task, name, value)
    try:
        task.full_clean(exclude=["label"])
    except ValidationError as error:
        raise TaskDataError(f"{key}: {error.message_dict}") from None
    task.save()
    task.areas.set([areas[code] for code in row.get("areas", [])])
    return task

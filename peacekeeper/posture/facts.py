"""From the database to the optimiser's inputs, through the access policy.

The planner's allocation uses only the units and tasks the planner may see; every caveat of those units
and their nations is applied, and the ones the planner may not read are marked hidden.
"""

from django.contrib.auth.models import User

from peacekeeper.access import policy
from peacekeeper.forces.models import Caveat, Unit
from peacekeeper.posture.eligibility import CaveatRule, TaskSpec, UnitFacts
from peacekeeper.posture.models import Task
from peacekeeper.theatre.boundaries import cached_municipality_index
from peacekeeper.theatre.models import Area, Site


def visible_units(user: User):
    return policy.visible(Unit.objects.all(), user).select_related("camp__place", "place", "nation", "label")


def visible_tasks(user: User):
    return (
        policy.visible(Task.objects.all(), user)
        .select_related("site__place", "site__label", "crossing__place", "place", "label")
        .prefetch_related("areas")
    )


def visible_names(user: User) -> dict:
    """Names of the tasks, units and camps this reader may see, keyed by id (for changes and maps)."""
    camps = policy.visible(Site.objects.filter(kind=Site.Kind.CAMP), user)
    return {
        "task_names": {task.pk: task.name for task in visible_tasks(user)},
        "unit_names": {unit.pk: str(unit) for unit in visible_units(user)},
        "camp_names": dict(camps.values_list("pk", "name")),
    }


def task_position_visible(task: Task, user: User) -> bool:
    """Whether the reader may see where the task is: not when it is placed at a site they may not see."""
    return not task.site_id or policy.can_see_record(user, task.site)


def task_point(task: Task, *, user: User | None = None) -> tuple[float | None, float | None]:
    """Where the task is: its site, crossing, place or point, else the mean of its areas' centroids.

    Without a user, the true position (the optimiser's input, so that every caveat applies where the task
    really is). With a user, the position as that reader may know it: a site they may not see is skipped.
    Crossing points are not releasable records (theatre.CrossingPoint carries no label).
    """
    site_known = task.site_id and (user is None or task_position_visible(task, user))
    for place in (
        task.site.place if site_known else None,
        task.crossing.place if task.crossing_id else None,
        task.place,
    ):
        if place is not None and place.lat is not None:
            return place.lat, place.lon
    if task.lat is not None:
        return task.lat, task.lon
    centroids = [(a.centroid_lat, a.centroid_lon) for a in task.areas.all() if a.centroid_lat is not None]
    if not centroids:
        return None, None
    return sum(c[0] for c in centroids) / len(centroids), sum(c[1] for c in centroids) / len(centroids)


def task_municipalities(task: Task, *, user: User | None = None) -> frozenset[str]:
    codes = {area.code for area in task.areas.all()}
    if codes:
        return frozenset(codes)
    lat, lon = task_point(task, user=user)
    area_id = cached_municipality_index().locate(lat, lon) if lat is not None else None
    if area_id is None:
        return frozenset()
    return frozenset(Area.objects.filter(pk=area_id).values_list("code", flat=True))


def task_spec(task: Task) -> TaskSpec:
    lat, lon = task_point(task)
    return TaskSpec(
        key=task.pk,
        name=task.name,
        priority=task.priority,
        strength=task.strength,
        capabilities=tuple(task.capabilities),
        notice_hours=task.notice_hours,
        municipalities=task_municipalities(task),
        lat=lat,
        lon=lon,
        start=task.starts_at,
        end=task.ends_at,
    )


def unit_position(unit: Unit) -> tuple[float | None, float | None]:
    place = unit.camp.place if unit.camp_id else unit.place
    if place is None or place.lat is None:
        return None, None
    return place.lat, place.lon


def unit_facts(units: list[Unit], *, user: User) -> list[UnitFacts]:
    """Every caveat applies, released to the planner or not; only released ones are quoted."""
    readable = set(policy.visible(Caveat.objects.all(), user).values_list("pk", flat=True))
    by_unit: dict[int, list[CaveatRule]] = {}
    by_nation: dict[int, list[CaveatRule]] = {}
    for caveat in Caveat.objects.all():
        rule = CaveatRule(caveat.pk, caveat.kind, caveat.params, visible=caveat.pk in readable)
        if caveat.unit_id:
            by_unit.setdefault(caveat.unit_id, []).append(rule)
        else:
            by_nation.setdefault(caveat.nation_id, []).append(rule)
    facts = []
    for unit in units:
        lat, lon = unit_position(unit)
        rules = [*by_unit.get(unit.pk, []), *by_nation.get(unit.nation_id, [])]
        facts.append(
            UnitFacts(
                key=unit.pk,
                name=str(unit),
                strength=unit.strength,
                capabilities=frozenset(unit.capabilities or []),
                readiness_hours=unit.readiness_hours,
                lat=lat,
                lon=lon,
                caveats=tuple(rules),
            )
        )
    return facts

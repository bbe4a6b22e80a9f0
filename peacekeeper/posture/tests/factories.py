"""Units, caveats and tasks for posture tests, built here (the scenario's units have no capabilities yet)."""

from datetime import datetime

from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import Organisation
from peacekeeper.forces.models import Caveat, Unit
from peacekeeper.posture.models import Task
from peacekeeper.theatre.models import Area, Place, Site

KFOR_RESTRICTED = "NATO RESTRICTED // REL TO KFOR"
INFANTRY_COMPANY_SIDC = "10031000151211000000"


def a_camp(name: str = "Camp Test", lat: float = 42.67, lon: float = 21.17) -> Site:
    place = Place.objects.create(
        name=name, kind=Place.Kind.SITE, lat=lat, lon=lon, scenario_key=f"test:{name}"
    )
    return Site.objects.create(
        place=place,
        name=name,
        kind=Site.Kind.CAMP,
        label=label_from_marking("NATO UNCLASSIFIED // REL TO KFOR"),
    )


def a_unit(
    name: str,
    *,
    nation: str = "DEU",
    camp: Site | None = None,
    strength: int | None = 120,
    capabilities: tuple[str, ...] = ("infantry",),
    readiness_hours: int | None = 6,
    marking: str = KFOR_RESTRICTED,
) -> Unit:
    return Unit.objects.create(
        name=name,
        nation=Organisation.objects.get(code=nation),
        sidc=INFANTRY_COMPANY_SIDC,
        camp=camp,
        place=camp.place if camp else None,
        capabilities=list(capabilities),
        strength=strength,
        readiness_hours=readiness_hours,
        label=label_from_marking(marking),
    )


def a_caveat(kind: str, params: dict | None = None, *, nation: str | None = None, unit: Unit | None = None,
             marking: str = KFOR_RESTRICTED) -> Caveat:  # fmt: skip
    return Caveat.objects.create(
        kind=kind,
        params=params or {},
        nation=Organisation.objects.get(code=nation) if nation else None,
        unit=unit,
        label=label_from_marking(marking),
    )


def a_task(
    name: str,
    *,
    area: str = "XK-MUN-PRISTINA",
    strength: int = 100,
    capabilities: tuple[str, ...] = ("infantry",),
    notice_hours: int = 24,
    priority: int = 3,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    marking: str = KFOR_RESTRICTED,
) -> Task:
    task = Task.objects.create(
        name=name,
        kind="patrol_area",
        capabilities=list(capabilities),
        strength=strength,
        notice_hours=notice_hours,
        priority=priority,
        starts_at=starts_at,
        ends_at=ends_at,
        label=label_from_marking(marking),
    )
    task.areas.set([Area.objects.get(code=area)])
    return task

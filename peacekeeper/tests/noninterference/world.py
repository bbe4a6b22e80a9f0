"""The two worlds of the non-interference harness: a base world, and the same world plus records that
none of the harness's readers may see.

Every table's id sequence is set to a fixed value before each phase, so the same record has the same id
in both worlds and ids need no normalising: the base world's records start at VISIBLE_ID in every table,
the hidden records at HIDDEN_ID, and records created by the requests under test at REQUEST_ID. An id of
HIDDEN_ID names a hidden record in the second world and nothing in the first, whatever the endpoint's
table: the harness asks for it everywhere.
"""

from datetime import timedelta

from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from peacekeeper.access.audit import record_access
from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import AuditEntry, Organisation
from peacekeeper.access.services import UserSpec, create_or_update_user
from peacekeeper.assessment.models import LevelOverride
from peacekeeper.duty.models import Action, ActionChange, Shift
from peacekeeper.events.ingest import ingest
from peacekeeper.events.inputs import EventInput
from peacekeeper.events.models import EventReport, Incident, IncidentLink, Status
from peacekeeper.events.recording import record_change, update_report
from peacekeeper.events.signals import reports_changed
from peacekeeper.forces.models import Caveat, Unit
from peacekeeper.movement.models import Movement, Restriction
from peacekeeper.posture.models import Decision, Pin, PostureOption, Task
from peacekeeper.theatre.models import Area, CrossingPoint, Place, RoadSegment, Site
from peacekeeper.watch.models import Ccir

VISIBLE_ID = 100_001
HIDDEN_ID = 200_001
REQUEST_ID = 300_001

# Released to the mission and to EULEX: every harness reader but the PUBLIC-only one sees it.
SHARED = "NATO UNCLASSIFIED // REL TO KFOR, EULEX"
MISSION_RESTRICTED = "NATO RESTRICTED // REL TO KFOR"
PUBLIC = "PUBLIC"
# Hidden from every harness reader: national to Germany and above the German reader's clearance.
HIDDEN = "NATO RESTRICTED // DEU ONLY"
HIDDEN_SECRET = "NATO SECRET // DEU ONLY"

HIDDEN_SOURCE = ("harness", "hidden-1")
VISIBLE_SOURCE = ("harness", "visible-1")

ORGANISATIONS = [
    ("KFOR", "Kosovo Force", Organisation.Kind.MISSION, False),
    ("DEU", "Germany", Organisation.Kind.NATION, True),
    ("ITA", "Italy", Organisation.Kind.NATION, True),
    ("USA", "United States", Organisation.Kind.NATION, True),
    ("EULEX", "EULEX Kosovo", Organisation.Kind.INTERNATIONAL, False),
]

WRITER_ROLES = (Role.WATCHKEEPER, Role.ANALYST, Role.PLANNER)

# The readers the harness compares: none of them may see a record labelled HIDDEN or HIDDEN_SECRET.
READERS = {
    "other-nation": UserSpec(
        "nia-ita", "harness-pass-1", "Nia Other-Nation", "ITA", "ITA", ("KFOR",), "NATO SECRET",
        (*WRITER_ROLES, Role.RELEASE_AUTHORITY, Role.SECURITY_OFFICER, Role.ADMIN),
    ),
    "lower-clearance": UserSpec(
        "lea-deu", "harness-pass-2", "Lea Lower-Clearance", "DEU", "DEU", ("KFOR",), "NATO UNCLASSIFIED",
        WRITER_ROLES,
    ),
    "partner": UserSpec(
        "pia-eulex", "harness-pass-3", "Pia Partner", "EULEX", None, (), "NATO RESTRICTED", (Role.PARTNER,)
    ),
    "public-only": UserSpec(
        "pat-usa", "harness-pass-4", "Pat Public-Only", "USA", "USA", ("KFOR",), "PUBLIC",
        (Role.PUBLIC_AFFAIRS,),
    ),
    "no-write": UserSpec(
        "noa-ita", "harness-pass-5", "Noa No-Write", "ITA", "ITA", ("KFOR",), "NATO RESTRICTED",
        (Role.SECURITY_OFFICER,),
    ),
}  # fmt: skip
# Staff (admin site) access, so that the admin's screens are compared too.
STAFF = {"other-nation": True, "no-write": True}
OWNER = UserSpec(
    "dora-deu", "harness-pass-0", "Dora Owner", "DEU", "DEU", ("KFOR",), "NATO SECRET",
    (*WRITER_ROLES, Role.RELEASE_AUTHORITY, Role.SECURITY_OFFICER),
)  # fmt: skip

ZVECAN = (42.9075, 20.84028)
PRISTINA = (42.6629, 21.1655)


def set_sequences(start: int) -> None:
    """Make the next id of every table `start` (SQLite's sqlite_sequence, PostgreSQL's sequences)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
            cursor.execute("DELETE FROM sqlite_sequence")
            cursor.executemany(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [(t, start - 1) for t in tables]
            )
            return
        global _SEQUENCES
        if _SEQUENCES is None:
            _SEQUENCES = [
                (connection.ops.quote_name(sequence["table"]), sequence["column"] or "id")
                for sequence in connection.introspection.sequence_list()
            ]
        # One statement for every sequence: the harness resets them before each of thousands of requests.
        values = ", ".join(["(%s, %s)"] * len(_SEQUENCES))
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(t, c), %s, false) FROM (VALUES {values}) AS s (t, c)",  # noqa: S608
            [start, *(part for pair in _SEQUENCES for part in pair)],
        )


_SEQUENCES: list[tuple[str, str]] | None = None


def make_users() -> dict[str, User]:
    for code, name, kind, nato in ORGANISATIONS:
        Organisation.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "nato_member": nato}
        )
    users = {key: create_or_update_user(spec=spec) for key, spec in READERS.items()}
    for key, staff in STAFF.items():
        User.objects.filter(pk=users[key].pk).update(is_staff=staff, is_superuser=staff)
        users[key].refresh_from_db()
    users["owner"] = create_or_update_user(spec=OWNER)
    # Labels are interned values shared by every record: both worlds hold the same ones.
    for marking in (SHARED, MISSION_RESTRICTED, PUBLIC, HIDDEN, HIDDEN_SECRET):
        label_from_marking(marking)
    return users


def _report(
    source: tuple[str, str], marking: str, *, user: User, at: tuple[float, float], **fields
) -> EventReport:
    system, source_id = source
    item = EventInput(
        occurred_at=timezone.now() - timedelta(hours=fields.pop("hours_ago", 3)),
        lat=at[0],
        lon=at[1],
        category=fields.pop("category", "fom.roadblock"),
        marking=marking,
        source_id=source_id,
        narrative=fields.pop("narrative", f"Harness report {source_id}."),
        location_name=fields.pop("location_name", "Zvečan, main road"),
        **fields,
    )
    summary = ingest(items=[item], source_system=system, default_marking=marking, keep_results=True)
    result = summary.results[0]
    assert result.outcome == "created", f"harness report {source_id} not stored: {result.errors}"
    report = EventReport.objects.get(pk=result.event_id)
    now = timezone.now()
    EventReport.objects.filter(pk=report.pk).update(
        status=Status.VALIDATED, validated_by=user, validated_at=now, author=user
    )
    report.refresh_from_db()
    record_change(event=report, user=user, action="validated")
    return report


def _incident(reports: list[EventReport], *, user: User, title: str) -> Incident:
    incident = Incident.objects.create(title=title, created_by=user)
    for report in reports:
        IncidentLink.objects.create(incident=incident, event=report, linked_by=user)
        EventReport.objects.filter(pk=report.pk).update(incident=incident)
    return incident


def _site(name: str, kind: str, marking: str, at: tuple[float, float]) -> Site:
    place = Place.objects.create(
        name=name, kind=Place.Kind.SITE, lat=at[0], lon=at[1], scenario_key=f"harness:{name}"
    )
    return Site.objects.create(place=place, name=name, kind=kind, label=label_from_marking(marking))


def _records(users: dict[str, User], *, marking: str, tag: str, at: tuple[float, float]) -> dict:
    """One record of each releasable kind under `marking`."""
    owner = users["owner"]
    label = label_from_marking(marking)
    camp = _site(f"Camp {tag}", Site.Kind.CAMP, marking, at)
    bridge = _site(f"Bridge {tag}", Site.Kind.BRIDGE, marking, (at[0] + 0.01, at[1] + 0.01))
    unit = Unit.objects.create(
        name=f"{tag} Company",
        nation=Organisation.objects.get(code="DEU"),
        sidc="10031000151211000000",
        camp=camp,
        place=camp.place,
        capabilities=["infantry"],
        strength=120,
        readiness_hours=6,
        label=label,
    )
    caveat = Caveat.objects.create(kind="no_night_operations", unit=unit, note=f"{tag} caveat", label=label)
    task = Task.objects.create(
        name=f"Guard {tag}", kind="static_guard", site=camp, capabilities=["infantry"], strength=40,
        notice_hours=24, priority=2, label=label,
    )  # fmt: skip
    Pin.objects.create(unit=unit, task=task, pinned_by=owner)
    option = PostureOption.objects.create(
        name=f"Option {tag}", description=f"{tag} option", changes=[{"kind": "unfix_task", "task": task.pk}],
        created_by=owner, label=label,
    )  # fmt: skip
    decision = Decision.objects.create(
        option=option, decided_by=owner, rationale=f"{tag} decision", label=label
    )
    now = timezone.now()
    restriction = Restriction.objects.create(
        status=Movement.CLOSED, origin=Restriction.Origin.HAND, cause=f"{tag} closure", location_name=tag,
        lat=at[0], lon=at[1], started_at=now - timedelta(hours=1), expires_at=now + timedelta(hours=12),
        ends_at=now + timedelta(hours=12), recorded_by=owner, label=label,
    )  # fmt: skip
    restriction.segments.set(RoadSegment.objects.order_by("id")[:1])
    restriction.crossings.set(CrossingPoint.objects.order_by("id")[:1])
    restriction.bridges.set([bridge])
    override = LevelOverride.objects.create(
        area=Area.objects.get(code="XK-MUN-ZVECAN"), level=5, rationale=f"{tag} judgement", author=owner,
        created_at=now - timedelta(hours=1), valid_until=now + timedelta(days=2), computed_level=2,
        label=label,
    )  # fmt: skip
    # A CCIR every report matches: its alerts (raised by the `reports_changed` each world ends with) are
    # on reports of both worlds, and the hidden one's on the reports every reader sees.
    ccir = Ccir.objects.create(title=f"{tag} CCIR", rule={"min_severity": 1}, label=label)
    for record in (camp, unit, caveat, task, option, decision, restriction, override, ccir):
        record_access(user=owner, action=AuditEntry.Action.CREATED, record=record)
    return {"camp": camp, "bridge": bridge, "unit": unit, "task": task, "option": option}


def build_base(users: dict[str, User]) -> dict:
    """What every reader shares: released reports, an incident of two of them, one record of each kind."""
    set_sequences(VISIBLE_ID)
    owner = users["owner"]
    first = _report(VISIBLE_SOURCE, SHARED, user=owner, at=ZVECAN)
    second = _report(("harness", "visible-2"), MISSION_RESTRICTED, user=owner, at=ZVECAN, hours_ago=4)
    lone = _report(("harness", "visible-3"), SHARED, user=owner, at=PRISTINA, category="violence.attack")
    _report(("harness", "public-1"), PUBLIC, user=owner, at=PRISTINA, hours_ago=5)
    _incident([first, second], user=owner, title="Harness incident")
    update_report(
        user=owner, event=second, changes={"narrative": "Corrected by the owner."}, reason="harness"
    )
    records = _records(users, marking=SHARED, tag="Shared", at=PRISTINA)
    _action(first, user=owner, text="Shared action")
    # The current shift, open: its handover page and PDF compute the summary for each reader.
    now = timezone.now()
    Shift.objects.create(
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=11), duty_officer=owner
    )
    reports_changed.send(sender=None, report_ids=None)
    return {"lone": lone, **records}


def _action(report: EventReport, *, user: User, text: str) -> Action:
    """An action on a report, released as the report (overdue, so the overdue views show it too)."""
    now = timezone.now()
    action = Action.objects.create(
        label=report.label, text=text, owner=user, due_at=now - timedelta(minutes=30), report=report,
        created_by=user, created_at=now - timedelta(hours=1),
    )  # fmt: skip
    ActionChange.objects.create(
        action=action, kind=ActionChange.Kind.CREATED, at=action.created_at, user=user
    )
    return action


def add_hidden(users: dict[str, User], base: dict) -> None:
    """The records no harness reader may see, some of them tied to records the readers do see."""
    set_sequences(HIDDEN_ID)
    owner = users["owner"]
    hidden_records = _records(users, marking=HIDDEN, tag="Hidden", at=(42.89, 20.87))
    hidden = _report(HIDDEN_SOURCE, HIDDEN, user=owner, at=ZVECAN, narrative="Source ALPHA says so.")
    secret = _report(("harness", "hidden-2"), HIDDEN_SECRET, user=owner, at=ZVECAN, hours_ago=2)
    _report(("acled", "XKX1"), HIDDEN, user=owner, at=PRISTINA, category="violence.attack")
    # A hidden report in an incident with a report every reader sees; and an incident of hidden reports.
    _incident([base["lone"], hidden], user=owner, title="Incident with a hidden report")
    _incident([secret], user=owner, title="Hidden incident")
    _action(hidden, user=owner, text="Hidden action")
    # Sites known by name only, or only approximately: pages that list such places must leave these out.
    unplaced = Place.objects.create(name="Depot Hidden", kind=Place.Kind.SITE, scenario_key="harness:depot")
    hidden_label = label_from_marking(HIDDEN)
    Site.objects.create(place=unplaced, name="Depot Hidden", kind=Site.Kind.OTHER, label=hidden_label)
    outpost = _site("Outpost Hidden", Site.Kind.CAMP, HIDDEN, (42.70, 21.00))
    Place.objects.filter(pk=outpost.place_id).update(approximate=True, approximation_note="harness")
    Site.objects.filter(pk=outpost.pk).update(approximate=True, approximation_note="harness")
    # A hidden caveat and task on records the readers see.
    Caveat.objects.create(
        kind="no_night_operations", unit=base["unit"], note="Hidden caveat", label=label_from_marking(HIDDEN)
    )
    Pin.objects.create(unit=base["unit"], task=hidden_records["task"], pinned_by=owner)
    reports_changed.send(sender=None, report_ids=None)

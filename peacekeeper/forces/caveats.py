"""National caveats as rules a machine can apply: what a nation (or one unit) will not be tasked with.

One vocabulary for the registry (which shows and edits them), the optimiser (which never breaks them) and
the explanations of unmet requirements (which quote `describe`). A rule is a kind plus its parameters:

- `no_capability` {"capability": "crc"}: not for a task that needs that capability (e.g. no crowd and riot
  control);
- `not_north_of_ibar` {}: not for a task in the theatre's north group (in Kosovo North Mitrovica, Zvečan,
  Zubin Potok and Leposavić; `theatre.regions`);
- `only_in_region` {"region": "RC-W"}: only for tasks wholly inside that regional command's area (the
  theatre's `regions.json`; Kosovo's areas are assumed);
- `no_night_operations` {}: not for a task whose window touches 22:00-06:00 local time (a task with no
  window runs round the clock, so it does);
- `min_notice_hours` {"hours": 72}: not for a task that gives less notice than that.
"""

import enum
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from peacekeeper.forces.capabilities import Capability
from peacekeeper.theatre.regions import theatre_regions

THEATRE_TIME = ZoneInfo("Europe/Belgrade")
NIGHT_STARTS = time(22, 0)
NIGHT_ENDS = time(6, 0)


class CaveatKind(enum.StrEnum):
    NO_CAPABILITY = "no_capability"
    NOT_NORTH_OF_IBAR = "not_north_of_ibar"
    ONLY_IN_REGION = "only_in_region"
    NO_NIGHT_OPERATIONS = "no_night_operations"
    MIN_NOTICE_HOURS = "min_notice_hours"


CAVEAT_KIND_LABELS = {
    CaveatKind.NO_CAPABILITY: "No tasks needing a capability",
    # The stored choice's label, the same in every theatre; forms show the theatre's words (kind_choices).
    CaveatKind.NOT_NORTH_OF_IBAR: "Not in the theatre's north group",
    CaveatKind.ONLY_IN_REGION: "Only inside a regional command's area",
    CaveatKind.NO_NIGHT_OPERATIONS: "No night operations",
    CaveatKind.MIN_NOTICE_HOURS: "At least N hours' notice",
}


@dataclass(frozen=True)
class TaskFacts:
    """What a caveat needs to know about a task (the posture app builds these from its tasks)."""

    capabilities: frozenset[str]
    # The municipalities the task lies in (its point's municipality, or every municipality of its area).
    municipalities: frozenset[str]
    # None: the task runs round the clock, with no end.
    window_start: datetime | None = None
    window_end: datetime | None = None
    # How many hours' notice the unit gets before the task starts.
    notice_hours: int = 0


def params_errors(kind: str, params: object) -> list[str]:
    """Why these parameters do not fit the kind, naming each field ([] when they do)."""
    if kind not in CaveatKind.__members__.values():
        return [f"kind: unknown caveat kind {kind!r} (one of {', '.join(CaveatKind)})"]
    if not isinstance(params, dict):
        return ["params: expected an object"]
    expected = {
        CaveatKind.NO_CAPABILITY: {"capability"},
        CaveatKind.ONLY_IN_REGION: {"region"},
        CaveatKind.MIN_NOTICE_HOURS: {"hours"},
    }.get(CaveatKind(kind), set())
    errors = [f"params.{name}: required for {kind}" for name in sorted(expected - set(params))]
    errors += [f"params.{name}: not used by {kind}" for name in sorted(set(params) - expected)]
    if "capability" in params and params["capability"] not in Capability.values:
        errors.append(f"params.capability: unknown capability {params['capability']!r}")
    if "region" in params and params["region"] not in theatre_regions().regional_commands:
        errors.append(f"params.region: unknown regional command {params['region']!r}")
    if "hours" in params and (
        not isinstance(params["hours"], int) or isinstance(params["hours"], bool) or params["hours"] < 1
    ):
        errors.append("params.hours: expected a whole number of hours, at least 1")
    return errors


def describe(kind: str, params: dict) -> str:
    """The rule in words, as the UI and the optimiser's explanations show it."""
    match CaveatKind(kind):
        case CaveatKind.NO_CAPABILITY:
            return f"no tasks needing {Capability(params['capability']).label.lower()}"
        case CaveatKind.NOT_NORTH_OF_IBAR:
            # The kind keeps Kosovo's name (it is stored); the words are the theatre's ("North of the Ibar").
            north = theatre_regions().north.name
            return f"not {north[:1].lower()}{north[1:]}"
        case CaveatKind.ONLY_IN_REGION:
            regions = theatre_regions()
            name = regions.regional_commands[params["region"]].name
            assumed = ", assumed" if regions.regional_commands_assumed else ""
            return f"only inside {name}'s area ({params['region']}{assumed})"
        case CaveatKind.NO_NIGHT_OPERATIONS:
            return "no night operations (22:00-06:00 local)"
        case CaveatKind.MIN_NOTICE_HOURS:
            return f"at least {params['hours']} h notice"


def kind_choices() -> list[tuple[str, str]]:
    """The kinds as a form offers them, in the configured theatre's words (in Kosovo "Not north of the
    Ibar", from its regions.json; the kind's value keeps Kosovo's name because it is stored)."""
    north = describe(CaveatKind.NOT_NORTH_OF_IBAR, {})
    labels = {**CAVEAT_KIND_LABELS, CaveatKind.NOT_NORTH_OF_IBAR: north[:1].upper() + north[1:]}
    return [(kind.value, label) for kind, label in labels.items()]


def touches_night(start: datetime | None, end: datetime | None) -> bool:
    """Whether [start, end) includes any moment between 22:00 and 06:00 theatre time."""
    if start is None or end is None or end - start >= timedelta(hours=16):
        return True
    local_start, local_end = start.astimezone(THEATRE_TIME), end.astimezone(THEATRE_TIME)
    day = local_start.date() - timedelta(days=1)
    while day <= local_end.date():
        night_start = datetime.combine(day, NIGHT_STARTS, THEATRE_TIME)
        night_end = datetime.combine(day + timedelta(days=1), NIGHT_ENDS, THEATRE_TIME)
        if local_start < night_end and night_start < local_end:
            return True
        day += timedelta(days=1)
    return False


def refusal(kind: str, params: dict, task: TaskFacts) -> str | None:
    """Why the rule forbids this task (in words), or None when it allows it."""
    match CaveatKind(kind):
        case CaveatKind.NO_CAPABILITY:
            blocked = params["capability"] in task.capabilities
        case CaveatKind.NOT_NORTH_OF_IBAR:
            blocked = bool(task.municipalities & theatre_regions().north.municipalities)
        case CaveatKind.ONLY_IN_REGION:
            regions = theatre_regions()
            blocked = not task.municipalities or any(
                params["region"] not in regions.regions_of(code) for code in task.municipalities
            )
        case CaveatKind.NO_NIGHT_OPERATIONS:
            blocked = touches_night(task.window_start, task.window_end)
        case CaveatKind.MIN_NOTICE_HOURS:
            blocked = task.notice_hours < params["hours"]
    return describe(kind, params) if blocked else None


__all__ = [
    "CAVEAT_KIND_LABELS",
    "CaveatKind",
    "TaskFacts",
    "describe",
    "kind_choices",
    "params_errors",
    "refusal",
    "touches_night",
]

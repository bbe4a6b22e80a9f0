"""Restrictions as the log and the API show them: the monitoring-mission questions answered in words."""

from datetime import datetime, timedelta

from django.utils import timezone

from peacekeeper.events.models import ActorType
from peacekeeper.movement.derive import REPORT_LIFETIME
from peacekeeper.movement.models import Restriction
from peacekeeper.theatre.dtg import format_dtg
from peacekeeper.theatre.names import at_place


def duration_text(span: timedelta) -> str:
    """'2 h 15 min', '3 d 4 h', '40 min'."""
    minutes = int(span.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def how_it_ended(restriction: Restriction, now: datetime) -> str:
    if restriction.lifted_at is not None and restriction.ends_at == restriction.lifted_at:
        who = restriction.lifted_by.get_username() if restriction.lifted_by else "a watchkeeper"
        text = f"lifted by {who}"
        return f"{text}: {restriction.lift_note}" if restriction.lift_note else text
    if restriction.ends_at is not None and restriction.ends_at <= now:
        if restriction.origin == Restriction.Origin.REPORT:
            hours = int(REPORT_LIFETIME[restriction.status].total_seconds() // 3600)
            return f"expired: no new report within {hours} h"
        return "expected end reached"
    if restriction.ends_at is not None:
        return f"in force; expires {format_dtg(restriction.ends_at)} unless renewed or lifted"
    return "in force until lifted"


# ACLED's generic actor types ("Civilians (Kosovo)"), said in lower case inside a sentence.
_GENERIC_ACTORS = {label.lower() for label in ActorType.labels if label != "—"} | {"all traffic"}


def _in_sentence(actor: str) -> str:
    """An actor as the middle of a sentence: a generic type in lower case, a name as written
    ("civilians (Kosovo)", "rioters", "Kosovo Police")."""
    kind, bracket, rest = actor.partition(" (")
    if kind.lower() in _GENERIC_ACTORS:
        return kind.lower() + bracket + rest
    return actor


def summary(restriction: Restriction, now: datetime) -> str:
    """One line in the style of a monitoring mission's report: who, where, by whom, for how long."""
    party = restriction.restricted_party or "Movement"
    verb = "stopped" if restriction.status == "closed" else "restricted"
    elements = ", ".join(restriction_elements(restriction))
    where = (
        at_place(restriction.location_name)
        if restriction.location_name
        else (f"at {elements}" if elements else "on the network")
    )
    text = f"{party[:1].upper()}{party[1:]} {verb} {where}"
    if restriction.restricted_by:
        text += f" by {_in_sentence(restriction.restricted_by)}"
    end = restriction.ends_at if restriction.ends_at and restriction.ends_at <= now else now
    span = duration_text(end - restriction.started_at)
    return f"{text}, {span}" + ("" if restriction.ends_at and restriction.ends_at <= now else " so far")


def restriction_elements(restriction: Restriction) -> list[str]:
    segments = getattr(restriction, "segment_list", None)
    crossings = getattr(restriction, "crossing_list", None)
    bridges = getattr(restriction, "bridge_list", None)
    names = [f"{s.road_code} {s.start.name}–{s.end.name}" for s in segments or []]
    names += [c.name_en for c in crossings or []]
    names += [b.name for b in bridges or []]
    return names


def restriction_dict(restriction: Restriction, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    ended = restriction.ends_at is not None and restriction.ends_at <= now
    end = restriction.ends_at if ended else now
    return {
        "id": restriction.pk,
        "status": restriction.status,
        "origin": restriction.origin,
        "summary": summary(restriction, now),
        "cause": restriction.cause,
        "restricted_party": restriction.restricted_party,
        "restricted_by": restriction.restricted_by,
        "location_name": restriction.location_name,
        "lat": restriction.lat,
        "lon": restriction.lon,
        "started_at": restriction.started_at,
        "expires_at": restriction.expires_at,
        "lifted_at": restriction.lifted_at,
        "ends_at": restriction.ends_at,
        "in_force": not ended and restriction.started_at <= now,
        "duration": duration_text(end - restriction.started_at),
        "ended": how_it_ended(restriction, now),
        "report_id": restriction.report_id,
        "recorded_by": restriction.recorded_by.get_username() if restriction.recorded_by else None,
        "segment_ids": sorted(s.pk for s in getattr(restriction, "segment_list", [])),
        "crossing_ids": sorted(c.pk for c in getattr(restriction, "crossing_list", [])),
        "bridge_ids": sorted(b.pk for b in getattr(restriction, "bridge_list", [])),
        "elements": restriction_elements(restriction),
        "exercise": restriction.exercise,
        "marking": restriction.label.marking,
    }

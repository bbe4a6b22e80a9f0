"""Turning stored reports into what readers see: API records, with DTG and MGRS written out."""

from django.contrib.auth.models import User

from peacekeeper.events import incidents
from peacekeeper.events.fields import READ_FIELDS
from peacekeeper.events.history import HistoryEntry
from peacekeeper.events.models import EventReport
from peacekeeper.events.schemas import ChangeRead, EventRead
from peacekeeper.events.taxonomy import get_category
from peacekeeper.events.workflow import allowed_transitions
from peacekeeper.theatre.dtg import format_dtg
from peacekeeper.theatre.grid import GridError, format_mgrs
from peacekeeper.theatre.layers import hidden_site_places
from peacekeeper.theatre.models import Place

# Reports whose position was not given as a grid (a place, a map point, an ACLED row) show 10 m squares.
DEFAULT_GRID_PRECISION = 4


def grid_of(event: EventReport) -> str:
    """The report's MGRS grid, at the precision it was entered with."""
    precision = event.grid_precision if event.grid_precision is not None else DEFAULT_GRID_PRECISION
    try:
        return format_mgrs(event.lat, event.lon, precision=precision)
    except GridError:
        return ""  # outside MGRS coverage (polar); never the case in a theatre, but not worth a crash


def shortened(text: str, limit: int) -> str:
    """Text cut to at most `limit` characters, ending in an ellipsis when cut (as Django's truncatechars
    does, at a small part of its cost: the log draws one per row on the page a watch floor reloads most)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def place_of(event: EventReport, *, user: User) -> Place | None:
    """The report's place if this reader may know of it. An older report may be released wider than the site
    it was logged at: to a reader of the report who may not see the site, its place does not exist."""
    if event.place_id is None or event.place_id in hidden_site_places(user):
        return None
    return event.place


def _name(user: User | None) -> str | None:
    return (user.get_full_name() or user.get_username()) if user else None


def event_read(event: EventReport, *, user: User) -> EventRead:
    return EventRead(**event_dict(event, user=user))


def event_dict(event: EventReport, *, user: User) -> dict:
    """EventRead's fields as a plain dict: list pages serialise it directly (tested against EventRead).
    The fields read as stored are fields.READ_FIELDS; the others are worked out for this reader."""
    category = get_category(event.category)
    return {
        **{name: getattr(event, name) for name in READ_FIELDS},
        "id": event.pk,
        "uid": str(event.uid),
        "version": event.version,
        "status": event.status,
        "rejection_reason": event.rejection_reason,
        "marking": event.label.marking,
        "occurred_dtg": format_dtg(event.occurred_at),
        "mgrs": grid_of(event),
        "area_code": event.area.code if event.area_id else None,
        "area_name": event.area.name_en if event.area_id else None,
        "category_label": category.label,
        "acled_event_type": category.acled_event_type,
        "acled_sub_event_type": category.acled_sub_event_type,
        "fatalities": event.fatalities,
        "incident_id": incidents.visible_incident_id(event, user=user),
        "author": _name(event.author),
        "validated_by": _name(event.validated_by),
        "allowed_transitions": allowed_transitions(user=user, event=event),
    }


def change_read(entry: HistoryEntry) -> ChangeRead:
    change = entry.change
    return ChangeRead(
        at=change.at,
        version=change.version,
        user=_name(change.user),
        action=change.action,
        marking=change.label.marking,
        fields=entry.fields,
        old_withheld=entry.old_withheld,
        reason=entry.reason,
    )

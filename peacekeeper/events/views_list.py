"""The log: filtered, sorted pages of the reports this user may see, and the rows that arrived since.

The filters live in the query string, so that a filtered log can be shared as a link.

Pages are fetched with LIMIT/OFFSET and one row more than shown, so there is a "next" link without
counting the whole filtered set (a COUNT over a million rows on every request is what makes logs slow).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from peacekeeper.access import policy
from peacekeeper.access.audit import record_bulk_view
from peacekeeper.access.marking import banner
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.core.bounds import DB_INT_MAX
from peacekeeper.events import queries
from peacekeeper.events.extensions import ReportMark, report_marks
from peacekeeper.events.forms_log import LogFilterForm
from peacekeeper.events.models import EventReport
from peacekeeper.events.presenting import grid_of, shortened
from peacekeeper.theatre.dtg import format_dtg

PAGE_SIZE = 50
# Characters of a report's narrative in its row: one line of it is shown, the rest when the row has the
# focus (and in the cell's title, on hover).
NARRATIVE_SHOWN = 400
EXPORT_LINKS = [("csv", "CSV"), ("geojson", "GeoJSON"), ("kml", "KML"), ("acled", "ACLED CSV")]


@dataclass(frozen=True)
class Row:
    event: EventReport
    dtg: str
    grid: str
    url: str
    narrative: str
    logged: str  # when the report was logged (created), as a DTG
    marks: tuple[ReportMark, ...] = ()  # what apps above the log flag it with (watch: SIGEVENT)
    # What the row's script sorts and counts on, and the category and status as read: made here, not by the
    # template's filters, which cost a fifth of the page (the log is the page a watch floor reloads most).
    occurred_iso: str = ""
    logged_iso: str = ""
    updated_iso: str = ""
    category: str = ""
    status: str = ""


def _rows(events: list[EventReport], marks: dict[int, tuple[ReportMark, ...]] | None = None) -> list[Row]:
    marks = marks or {}
    # One reverse for the page, not two per row: the log is the page a watch floor reloads most.
    first = reverse("events:detail", args=[0])
    prefix, suffix = first[: first.rindex("0")], first[first.rindex("0") + 1 :]
    return [
        Row(
            event,
            format_dtg(event.occurred_at),
            grid_of(event),
            f"{prefix}{event.pk}{suffix}",
            shortened(event.narrative, NARRATIVE_SHOWN),
            format_dtg(event.created_at),
            marks.get(event.pk, ()),
            _iso(event.occurred_at),
            _iso(event.created_at),
            _iso(event.updated_at),
            event.get_category_display(),
            event.get_status_display(),
        )
        for event in events
    ]


def _iso(moment: datetime | None) -> str:
    """As the template's `|date:'c'` wrote it: ISO 8601 in the current time zone."""
    return timezone.localtime(moment).isoformat() if moment else ""


def _query_string(request: HttpRequest, **changes: object) -> str:
    """The current filters as a query string, with some parameters changed (None removes one)."""
    query = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name not in changes and any(values):
            query.setlist(name, [value for value in values if value])
    for name, value in changes.items():
        if value is not None:
            query[name] = str(value)
    return query.urlencode()


def _newest_id(request: HttpRequest) -> int:
    # New rows are the ones logged after this page was drawn, whatever their DTG.
    newest = queries.visible_events(request.user).order_by("-id").values_list("pk", flat=True).first()
    return newest or 0


@login_required
def log_list(request: HttpRequest) -> HttpResponse:
    form = LogFilterForm(request.GET)
    page = form.page_number
    queryset = queries.filtered_events(user=request.user, filters=form.event_filter(), sort=form.sort_order)
    offset = (page - 1) * PAGE_SIZE
    events = list(queryset[offset : offset + PAGE_SIZE + 1])
    has_next = len(events) > PAGE_SIZE
    events = events[:PAGE_SIZE]
    record_bulk_view(user=request.user, records=events, detail="log list")
    marks = report_marks(request.user, [event.pk for event in events])
    labels = [event.label for event in events] + _mark_labels(marks)
    context = {
        "form": form,
        "rows": _rows(events, marks),
        "page": page,
        "first": offset + 1,
        "last": offset + len(events),
        "next_query": _query_string(request, page=page + 1) if has_next else None,
        "previous_query": None if page == 1 else _query_string(request, page=page - 1 if page > 2 else None),
        # Every page listens for new reports; the page's script puts each where the sort puts it, or says
        # that it arrived on another page (static/events/log.js).
        "poll_query": _query_string(request, page=None, after=_newest_id(request), shown=_label_ids(labels)),
        "has_next": has_next,
        "export_query": _query_string(request, page=None),
        "export_formats": EXPORT_LINKS,
        **banner(labels),
    }
    if request.htmx and request.htmx.target == "log-results":
        response = render(request, "events/partials/log_results.html", {**context, "swap_banner": True})
    else:
        response = render(request, "events/log_list.html", context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


@login_required
def log_poll(request: HttpRequest) -> HttpResponse:
    """Rows logged since `after` that match the same filters, for the top of the table; 204 if none."""
    form = LogFilterForm(request.GET)
    after = _int(request.GET.get("after"))
    queryset = queries.filtered_events(user=request.user, filters=form.event_filter(), sort=form.sort_order)
    events = list(queryset.filter(pk__gt=after).order_by("-id")[:PAGE_SIZE])
    if not events:
        return HttpResponse(status=204)
    record_bulk_view(user=request.user, records=events, detail="log list (new rows)")
    # The banner covers the rows already shown (their labels, those the reader may still see) and the new.
    visible = policy.visible_labels(policy.subject_for(request.user))
    shown = visible.filter(pk__in=_ids(request.GET.get("shown")))
    marks = report_marks(request.user, [event.pk for event in events])
    labels = [*shown, *(event.label for event in events), *_mark_labels(marks)]
    context = {
        "rows": _rows(events, marks),
        "fresh": True,
        "now": timezone.now(),
        "poll_query": _query_string(
            request, page=None, after=max(event.pk for event in events), shown=_label_ids(labels)
        ),
        **banner(labels),
    }
    return render(request, "events/partials/log_poll.html", context)


def _mark_labels(marks: dict[int, tuple[ReportMark, ...]]) -> list[ReleaseLabel]:
    return [label for found in marks.values() for mark in found for label in mark.labels]


def _label_ids(labels: list[ReleaseLabel]) -> str | None:
    """The distinct labels of the rows shown, for the poll: its banner must cover them as well as the new."""
    return ",".join(str(pk) for pk in sorted({label.pk for label in labels})) or None


def _ids(text: str | None) -> list[int]:
    # A page shows a few labels; a hand-edited link gets no more than a page could show.
    # Only ids the database can hold: ASCII digits ("²" is a digit to str.isdigit) of at most 19 of them.
    parts = (text or "").split(",")
    ids = (int(part) for part in parts if part.isascii() and part.isdigit() and len(part) < 20)
    return [pk for pk in ids if pk <= DB_INT_MAX][:PAGE_SIZE]


def _int(text: str | None) -> int:
    try:
        return min(max(0, int(text or 0)), DB_INT_MAX)
    except ValueError:
        return 0

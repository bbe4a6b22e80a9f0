"""The log: filtered, sorted pages of the reports this user may see, and the rows that arrived since.

The filters live in the query string, so that a filtered log can be shared as a link.

Pages are fetched with LIMIT/OFFSET and one row more than shown, so there is a "next" link without
counting the whole filtered set (a COUNT over a million rows on every request is what makes logs slow).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django import forms
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
from peacekeeper.core.bounds import DB_INT_MAX, QueryDateField
from peacekeeper.events import queries
from peacekeeper.events.forms import category_choices
from peacekeeper.events.models import EventReport, Status
from peacekeeper.events.presenting import grid_of, shortened
from peacekeeper.events.queries import EventFilter
from peacekeeper.theatre.dtg import format_dtg
from peacekeeper.theatre.models import Area

WINDOWS = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30), "all": None}
WINDOW_CHOICES = [("all", "All time"), ("24h", "Last 24 h"), ("7d", "Last 7 days"), ("30d", "Last 30 days")]
SORT_CHOICES = [
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("severity", "Most severe"),
    ("updated", "Recently updated"),
]


def _area_choices() -> list[tuple[str, str]]:
    areas = (
        Area.objects.filter(level=Area.Level.MUNICIPALITY).order_by("name_en").values_list("code", "name_en")
    )
    return [("", "All municipalities"), *areas]


class LogFilterForm(forms.Form):
    """The log's filters, read from the query string so that a filtered log can be shared as a link."""

    window = forms.ChoiceField(label="Time", choices=WINDOW_CHOICES, required=False)
    since = QueryDateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = QueryDateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    area = forms.ChoiceField(label="Municipality", required=False)
    category = forms.ChoiceField(
        label="Category", required=False, choices=[("", "All categories"), *category_choices()]
    )
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any status"), *Status.choices])
    q = forms.CharField(
        label="Text",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "narrative, place, actor, unit", "id": "f-q"}
        ),
    )
    min_severity = forms.TypedChoiceField(
        label="Severity",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any"), *[(n, f"{n}+") for n in range(1, 6)]],
    )
    # Exercise reports are shown (and tagged) unless left out: a training system holds little else.
    exercise = forms.ChoiceField(
        label="Exercise data", required=False, choices=[("yes", "Included"), ("no", "Excluded")]
    )
    sort = forms.ChoiceField(label="Sort", required=False, choices=SORT_CHOICES)
    # Past a million pages of 50 the offset is no longer a number the database takes; none holds that many.
    page = forms.IntegerField(required=False, min_value=1, max_value=1_000_000, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _area_choices()

    def value(self, name: str, default: object = None) -> object:
        # A value that does not validate (a hand-edited link) falls back to its default.
        self.is_valid()
        return self.cleaned_data.get(name) or default

    def event_filter(self) -> EventFilter:
        since = self.value("since")
        until = self.value("until")
        window = WINDOWS.get(self.value("window", "all"))
        moment_since = datetime.combine(since, time.min, tzinfo=UTC) if since else None
        moment_until = datetime.combine(until + timedelta(days=1), time.min, tzinfo=UTC) if until else None
        if window and not (since or until):
            moment_since = timezone.now() - window
        return EventFilter(
            since=moment_since,
            until=moment_until,
            areas=[self.value("area")] if self.value("area") else [],
            categories=[self.value("category")] if self.value("category") else [],
            statuses=[self.value("status")] if self.value("status") else [],
            text=self.value("q", ""),
            min_severity=self.value("min_severity"),
            exercise=False if self.value("exercise") == "no" else None,
        )

    @property
    def sort_order(self) -> str:
        return self.value("sort", "newest")

    @property
    def sort_label(self) -> str:
        return dict(SORT_CHOICES)[self.sort_order]

    @property
    def page_number(self) -> int:
        return self.value("page", 1)


PAGE_SIZE = 50
NARRATIVE_SHOWN = 140  # characters of a report's narrative in its row
EXPORT_LINKS = [("csv", "CSV"), ("geojson", "GeoJSON"), ("kml", "KML"), ("acled", "ACLED CSV")]


@dataclass(frozen=True)
class Row:
    event: EventReport
    dtg: str
    grid: str
    url: str
    narrative: str


def _rows(events: list[EventReport]) -> list[Row]:
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
        )
        for event in events
    ]


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
    labels = [event.label for event in events]
    context = {
        "form": form,
        "rows": _rows(events),
        "page": page,
        "first": offset + 1,
        "last": offset + len(events),
        "next_query": _query_string(request, page=page + 1) if has_next else None,
        "previous_query": None if page == 1 else _query_string(request, page=page - 1 if page > 2 else None),
        # Only the first page listens for new reports: they belong at its top.
        "poll_query": None
        if page > 1
        else _query_string(request, page=None, after=_newest_id(request), shown=_label_ids(labels)),
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
    labels = [*shown, *(event.label for event in events)]
    context = {
        "rows": _rows(events),
        "fresh": True,
        "now": timezone.now(),
        "poll_query": _query_string(
            request, page=None, after=max(event.pk for event in events), shown=_label_ids(labels)
        ),
        **banner(labels),
    }
    return render(request, "events/partials/log_poll.html", context)


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

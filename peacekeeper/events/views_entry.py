"""Logging a report and correcting it: the watchkeeper's form, and the checks it makes field by field."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access
from peacekeeper.access.labels import LabelError, parse_marking
from peacekeeper.access.marking import marking_banner
from peacekeeper.access.models import AuditEntry
from peacekeeper.core.errors import InputError, NotAllowed
from peacekeeper.events import recording, workflow
from peacekeeper.events.entry import read_time, resolve_location, resolve_time
from peacekeeper.events.forms import EventForm
from peacekeeper.events.inputs import EventInput
from peacekeeper.events.models import EventReport, Status
from peacekeeper.events.presenting import grid_of
from peacekeeper.events.taxonomy import CATEGORIES
from peacekeeper.events.validation import validate_input
from peacekeeper.theatre.dtg import format_dtg
from peacekeeper.theatre.models import Area

_ANY_CATEGORY = next(iter(CATEGORIES))


def _form_banner(form: EventForm) -> dict:
    # The form holds data at the marking being typed (or the report's own marking).
    text = form["marking"].value() or ""
    try:
        marking = parse_marking(text).marking
    except LabelError:
        marking = form.event.label.marking if form.event else None
    return marking_banner(marking)


def _render_form(request: HttpRequest, form: EventForm) -> HttpResponse:
    return render(
        request, "events/report_form.html", {"form": form, "event": form.event, **_form_banner(form)}
    )


@login_required
def new_report(request: HttpRequest) -> HttpResponse:
    if not policy.can_edit(request.user):
        messages.error(request, "Your role does not allow logging reports.")
        return redirect("events:list")
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            event = recording.create_report(user=request.user, data=form.event_input(), submit=submit)
        except InputError as error:
            form.add_input_errors(error.errors)
        except NotAllowed as error:
            messages.error(request, f"Not saved: {error}.")
        else:
            state = "submitted for validation" if submit else "saved as a draft"
            messages.success(request, f"Report {event.pk} {state}.")
            return redirect("events:detail", event_id=event.pk)
    return _render_form(request, form)


@login_required
def edit_report(request: HttpRequest, event_id: int) -> HttpResponse:
    queryset = EventReport.objects.select_related("label", "area", "place")
    event = policy.get_visible_or_404(queryset, request.user, pk=event_id)
    if not policy.can_edit(request.user, event):
        messages.error(request, "You may not change this report.")
        return redirect("events:detail", event_id=event.pk)
    form = EventForm(request.POST or None, user=request.user, event=event)
    if request.method == "GET":
        record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=event, detail="edit page")
    if request.method == "POST" and form.is_valid():
        try:
            changes = form.changes()
            recording.update_report(
                user=request.user,
                event=event,
                changes=changes,
                reason=form.cleaned_data["reason"],
                release_reason=form.cleaned_data["release_reason"],
            )
            if "submit" in request.POST and event.status == Status.DRAFT:
                workflow.transition(user=request.user, event=event, name="submit")
        except InputError as error:
            form.add_input_errors(error.errors)
        except NotAllowed as error:
            messages.error(request, f"Not saved: {error}.")
        else:
            messages.success(request, f"Report {event.pk} saved (version {event.version}, {event.status}).")
            return redirect("events:detail", event_id=event.pk)
    return _render_form(request, form)


def _message(request: HttpRequest, text: str, *, ok: bool, **context: object) -> HttpResponse:
    return render(request, "events/partials/field_message.html", {"text": text, "ok": ok, **context})


@login_required
@require_POST
def check_dtg(request: HttpRequest) -> HttpResponse:
    """Read one DTG as the form will: say what instant it means, or what is wrong with it."""
    text = request.POST.get("dtg", "").strip()
    if not text:
        return _message(request, "", ok=True)
    try:
        if text.lower() == "now":
            moment, echo = resolve_time(dtg=text), ""
        else:
            reading = read_time(text)
            moment, echo = reading.moment, reading.echo
    except InputError as error:
        return _message(request, error.errors[0].reason, ok=False)
    probe = EventInput(occurred_at=moment, lat=0.0, lon=0.0, category=_ANY_CATEGORY)
    problems = [e.reason for e in validate_input(probe, now=timezone.now()) if e.field == "occurred_at"]
    if problems:
        return _message(request, f"{problems[0]} ({echo})" if echo else problems[0], ok=False)
    if echo:
        return _message(request, f"{echo} · {moment:%a %d %b %Y, %H:%M} UTC", ok=True)
    return _message(request, f"{format_dtg(moment)} · {moment:%a %d %b %Y, %H:%M} UTC", ok=True)


def _number(text: str | None, kind: type) -> object:
    try:
        return kind(text) if text not in (None, "") else None
    except ValueError:
        return None


@login_required
@require_POST
def check_location(request: HttpRequest) -> HttpResponse:
    """Read one way of giving a place (grid, gazetteer place or map point) and say where it is."""
    if not policy.can_edit(request.user):  # before anything is looked up on the caller's behalf
        return _message(request, "Your role does not allow logging reports.", ok=False)
    post = request.POST
    mgrs = post.get("mgrs", "").strip()
    place_id = _number(post.get("place_id"), int)
    lat, lon = _number(post.get("lat"), float), _number(post.get("lon"), float)
    confirmed = post.get("allow_outside_theatre") in {"on", "true", "1"}
    if not mgrs and place_id is None and lat is None and lon is None:
        return _message(request, "", ok=True)
    try:
        location = resolve_location(user=request.user, mgrs=mgrs, place_id=place_id, lat=lat, lon=lon)
    except InputError as error:
        return _message(request, error.errors[0].reason, ok=False)
    lat, lon, place = location.lat, location.lon, location.place
    probe = EventInput(occurred_at=timezone.now(), lat=lat, lon=lon, category=_ANY_CATEGORY)
    area_id, outside = recording.locate(probe)
    grid = grid_of(EventReport(lat=lat, lon=lon, grid_precision=location.grid_precision))
    context = {"lat": lat, "lon": lon, "location": True, "outside": bool(outside), "confirmed": confirmed}
    if outside:
        text = f"{grid} lies outside the theatre: tick the box below to log it anyway"
        return _message(request, text, ok=confirmed, **context)
    area = Area.objects.filter(pk=area_id).values_list("name_en", flat=True).first()
    where = f"{area} municipality" if area else "inside the theatre, no municipality"
    if place is not None:
        approximate = " (approximate position)" if place.approximate else ""
        return _message(request, f"{place.name} · {grid} · {where}{approximate}", ok=True, **context)
    return _message(request, f"{grid} · {where}", ok=True, **context)

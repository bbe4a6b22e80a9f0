"""The restrictions log page: filters in the query string, and watchkeepers' record and lift forms."""

from datetime import UTC, datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from peacekeeper.access import policy
from peacekeeper.access.audit import record_bulk_view
from peacekeeper.access.marking import banner
from peacekeeper.access.releasing import default_marking
from peacekeeper.core.errors import InputError, NotAllowed, show_on_form
from peacekeeper.movement.forms import LogFilterForm, RecordForm
from peacekeeper.movement.log import LogFilter, restrictions_log
from peacekeeper.movement.presenting import restriction_dict
from peacekeeper.movement.recording import lift_restriction, may_record, record_restriction
from peacekeeper.movement.states import visible_restrictions


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def _filters(form: LogFilterForm) -> LogFilter:
    data = form.cleaned_data if form.is_valid() else {}
    since, until = data.get("since"), data.get("until")
    return LogFilter(
        since=datetime.combine(since, time.min, tzinfo=UTC) if since else None,
        until=datetime.combine(until, time.max, tzinfo=UTC) if until else None,
        status=data.get("status", ""),
        origin=data.get("origin", ""),
        text=data.get("q", ""),
        in_force=bool(data.get("in_force")),
    )


@login_required
def restrictions_view(request: HttpRequest) -> HttpResponse:
    filter_form = LogFilterForm(request.GET or None)
    record_form = None
    if may_record(request.user):
        record_form = RecordForm(initial={"marking": default_marking(request.user)})
        if request.method == "POST":
            record_form = RecordForm(request.POST)
            if record_form.is_valid():
                data = record_form.cleaned_data
                try:
                    record_restriction(
                        user=request.user, status=data["status"], cause=data["cause"],
                        segment_ids=data["segments"], crossing_ids=data["crossings"],
                        restricted_party=data["restricted_party"], restricted_by=data["restricted_by"],
                        location_name=data["location_name"], started_at=_utc(data["started_at"]),
                        expires_at=_utc(data["expires_at"]), marking=data["marking"],
                    )  # fmt: skip
                except InputError as error:
                    show_on_form(record_form, error)
                else:
                    messages.success(request, "Restriction recorded.")
                    return redirect("movement:restrictions")
    rows = list(restrictions_log(user=request.user, filters=_filters(filter_form)))
    record_bulk_view(user=request.user, records=rows, detail="movement restrictions log page")
    now = timezone.now()
    return render(
        request,
        "movement/restrictions.html",
        {
            **banner(row.label for row in rows),
            "filter_form": filter_form,
            "record_form": record_form,
            "rows": [restriction_dict(row, now) for row in rows],
            "may_record": record_form is not None,
        },
        status=422 if record_form is not None and record_form.errors else 200,
    )


@login_required
@require_POST
def lift_view(request: HttpRequest, restriction_id: int) -> HttpResponse:
    restriction = policy.get_visible_or_404(
        visible_restrictions(request.user), request.user, pk=restriction_id
    )
    try:
        lift_restriction(user=request.user, restriction=restriction, note=request.POST.get("note", ""))
    except (InputError, NotAllowed) as error:
        messages.error(request, f"Not lifted: {error}")
    else:
        messages.success(request, f"Lifted: {restriction.cause}")
    return redirect("movement:restrictions")

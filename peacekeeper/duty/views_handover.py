"""The watch log pages: the shifts, one shift's handover summary (page and PDF), opening a shift, handing
over and acknowledging."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from peacekeeper.access import policy
from peacekeeper.access.audit import record_shown
from peacekeeper.access.labels import spec_of
from peacekeeper.access.marking import banner
from peacekeeper.access.releasing import default_marking
from peacekeeper.core.errors import InputError, NotAllowed, show_on_form
from peacekeeper.duty import shifts
from peacekeeper.duty.forms import HandoverForm, OpenShiftForm
from peacekeeper.duty.handover_pdf import TITLES, handover_pdf
from peacekeeper.duty.models import Shift
from peacekeeper.duty.presenting import line_text, shift_dict
from peacekeeper.duty.summary import EMPTY, SECTIONS, summary_for


def _shift(shift_id: int) -> Shift:
    shift = (
        Shift.objects.select_related(
            "duty_officer", "handed_over_by", "incoming_officer", "acknowledged_by", "remarks_label"
        )
        .filter(pk=shift_id)
        .first()
    )
    if shift is None:
        raise Http404("No shift matches the given query.")
    return shift


def _remarks(shift: Shift, user) -> tuple[str | None, list]:
    """The remarks if this reader may see them (their label), else None."""
    if shift.remarks_label is None or not policy.can_see(
        policy.subject_for(user), spec_of(shift.remarks_label)
    ):
        return None, []
    return shift.remarks, [shift.remarks_label]


def _compiled(request: HttpRequest, shift: Shift) -> dict:
    summary = summary_for(shift=shift, user=request.user)
    remarks, remarks_labels = _remarks(shift, request.user)
    record_shown(user=request.user, shown=summary.shown(), detail=f"handover of shift {shift.pk}")
    sections = [
        {
            "kind": kind,
            "title": TITLES[kind],
            "empty": EMPTY[kind],
            "lines": [
                {"text": line_text(kind, line.content), "content": line.content, "label": line.label}
                for line in summary.sections.get(kind, [])
            ],
        }
        for kind in SECTIONS
    ]
    return {
        "summary": summary,
        "sections": sections,
        "remarks": remarks,
        "labels": [*summary.labels, *remarks_labels],
    }


@login_required
def handover_now(request: HttpRequest) -> HttpResponse:
    """The current shift's page, or the form to open it in the watch log."""
    shift = shifts.current_shift()
    if shift is not None:
        return redirect("duty:shift", shift_id=shift.pk)
    form = None
    if shifts.may_keep_watch_log(request.user):
        form = OpenShiftForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            people = list(User.objects.filter(username__in=form.cleaned_data["watchkeepers"]))
            try:
                shift = shifts.open_shift(user=request.user, duty_officer=request.user, watchkeepers=people)
            except (InputError, NotAllowed) as error:
                show_on_form(form, error)
            else:
                messages.success(request, "Shift opened in the watch log; you are its duty officer.")
                return redirect("duty:shift", shift_id=shift.pk)
    starts, ends = shifts.shift_bounds(timezone.now())
    return render(
        request,
        "duty/no_shift.html",
        {"form": form, "starts": starts, "ends": ends},
        status=422 if form is not None and form.errors else 200,
    )


@login_required
def shift_list(request: HttpRequest) -> HttpResponse:
    rows = list(
        Shift.objects.select_related(
            "duty_officer", "incoming_officer", "acknowledged_by", "handed_over_by"
        ).prefetch_related("watchkeepers")[:200]
    )
    return render(request, "duty/shifts.html", {"rows": [shift_dict(row) for row in rows]})


@login_required
def shift_page(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = _shift(shift_id)
    compiled = _compiled(request, shift)
    form = None
    if shifts.may_hand_over(request.user, shift):
        form = HandoverForm(initial={"marking": default_marking(request.user)})
    return render(
        request,
        "duty/shift.html",
        {
            **banner(compiled.pop("labels")),
            **compiled,
            "shift": shift,
            "facts": shift_dict(shift),
            "form": form,
            "may_acknowledge": shifts.may_acknowledge(request.user, shift),
        },
    )


@login_required
def shift_pdf(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = _shift(shift_id)
    compiled = _compiled(request, shift)
    body = handover_pdf(
        summary=compiled["summary"],
        shift=shift_dict(shift),
        remarks=compiled["remarks"],
        remarks_label=shift.remarks_label,
        labels=compiled["labels"],
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="handover-{shift.starts_at:%Y%m%d-%H%M}Z.pdf"'
    return response


@login_required
@require_POST
def hand_over(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = _shift(shift_id)
    form = HandoverForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            shifts.hand_over(
                user=request.user,
                shift_id=shift.pk,
                remarks=data["remarks"],
                incoming=data["incoming"],
                marking=data["marking"],
            )
        except (InputError, NotAllowed) as error:
            show_on_form(form, error)
        else:
            messages.success(request, "Handed over. The summary is kept as it stands now.")
            return redirect("duty:shift", shift_id=shift.pk)
    compiled = _compiled(request, shift)
    return render(
        request,
        "duty/shift.html",
        {
            **banner(compiled.pop("labels")),
            **compiled,
            "shift": shift,
            "facts": shift_dict(shift),
            "form": form if shifts.may_hand_over(request.user, shift) else None,
            "form_errors": form.errors,
            "may_acknowledge": False,
        },
        status=422 if form.errors else 403,
    )


@login_required
@require_POST
def acknowledge(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = _shift(shift_id)
    try:
        shifts.acknowledge(user=request.user, shift_id=shift.pk)
    except (InputError, NotAllowed) as error:
        messages.error(request, f"Not acknowledged: {error}.")
    else:
        messages.success(request, "Acknowledged: you have the watch.")
    return redirect("duty:shift", shift_id=shift.pk)

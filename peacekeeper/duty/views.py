"""The Actions pages: mine / open / overdue / all, one action with its history, opening and closing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access, record_bulk_view
from peacekeeper.access.marking import banner
from peacekeeper.access.models import AuditEntry
from peacekeeper.core.errors import FieldError, InputError, NotAllowed, show_on_form
from peacekeeper.duty import actions as duty_actions
from peacekeeper.duty.forms import ActionForm
from peacekeeper.duty.models import Action
from peacekeeper.duty.presenting import action_dict, change_dict
from peacekeeper.duty.report_section import subject_choices

VIEWS = {
    "mine": "Mine (open)",
    "open": "All open",
    "overdue": "Overdue",
    "closed": "Done or cancelled",
}


@login_required
def actions_list(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", "mine")
    if view not in VIEWS:
        view = "mine"
    rows = list(duty_actions.listed(request.user, view)[: duty_actions.LIST_LIMIT])
    record_bulk_view(user=request.user, records=rows, detail=f"actions page ({view})")
    now = timezone.now()
    return render(
        request,
        "duty/actions.html",
        {
            **banner(row.label for row in rows),
            "view": view,
            "views": VIEWS,
            "rows": [action_dict(row, now) for row in rows],
            "may_act": duty_actions.may_take_actions(request.user),
            "overdue_count": duty_actions.visible_actions(request.user)
            .filter(state=Action.State.OPEN, due_at__lt=now)
            .count(),
        },
    )


@login_required
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    action = policy.get_visible_or_404(
        duty_actions.with_people(duty_actions.visible_actions(request.user)), request.user, pk=action_id
    )
    record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=action, detail="page")
    return render(
        request,
        "duty/action_detail.html",
        {
            **banner([action.label]),
            "action": action_dict(action),
            "history": [change_dict(change) for change in action.changes.select_related("user")],
            "may_act": duty_actions.may_take_actions(request.user) and action.state == Action.State.OPEN,
        },
    )


def _subject(request: HttpRequest, text: str) -> duty_actions.Subject:
    kind, _, number = text.partition(":")
    if kind not in duty_actions.SUBJECT_KINDS or not number.isdigit() or len(number) > 18:
        raise InputError([FieldError("subject", "choose the report, incident or alert the action is on")])
    return duty_actions.find_subject(user=request.user, kind=kind, subject_id=int(number))


@login_required
def new_action(request: HttpRequest) -> HttpResponse:
    """The form to open an action on a report (or its incident, or an alert of it): on the report's page,
    and here alone when what was given cannot be stored, with the errors next to their fields."""
    if not duty_actions.may_take_actions(request.user):
        raise PermissionDenied("Only watchkeepers, analysts and administrators open actions.")
    source = request.POST if request.method == "POST" else request.GET
    try:
        subject = _subject(request, source.get("subject", ""))
    except InputError:
        raise Http404("No report, incident or alert matches the given query.") from None
    report = subject.report or (subject.alert.report if subject.alert else None)
    choices = subject_choices(request, report) if report is not None else [(source["subject"], subject.name)]
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        subjects=choices,
        initial={
            "subject": source.get("subject"),
            "owner": request.user.username,
            "marking": duty_actions.default_marking_for(subject),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = duty_actions.create_action(
                user=request.user,
                subject=_subject(request, data["subject"]),
                text=data["text"],
                owner=data["owner"],
                due=data["due"],
                marking=data["marking"],
            )
        except (InputError, NotAllowed) as error:
            show_on_form(form, error)
        else:
            messages.success(request, f"Action opened: {action.text} (due {action_dict(action)['due']}).")
            back = reverse("events:detail", args=[report.pk]) if report else reverse("duty:actions")
            return redirect(back + "#actions")
    return render(
        request,
        "duty/action_new.html",
        {**banner(subject.labels), "form": form, "subject": subject},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def close_action(request: HttpRequest, action_id: int) -> HttpResponse:
    state = request.POST.get("state", "")
    try:
        action = duty_actions.close_action(
            user=request.user, action_id=action_id, state=state, note=request.POST.get("note", "")
        )
    except (InputError, NotAllowed) as error:
        messages.error(request, f"Not changed: {error}.")
    else:
        messages.success(request, f"Action {action.get_state_display().lower()}: {action.text}.")
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return redirect(back)
    return redirect("duty:action", action_id=action_id)

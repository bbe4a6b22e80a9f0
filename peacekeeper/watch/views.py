"""The CCIR pages: the list with the recent alerts (every reader, as the policy lets them see), and the
form that adds or changes one (administrators only; others are not offered it)."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access, record_bulk_view
from peacekeeper.access.marking import banner
from peacekeeper.access.models import AuditEntry
from peacekeeper.core.errors import InputError, NotAllowed
from peacekeeper.watch import alerts as watch_alerts
from peacekeeper.watch.ccirs import change_ccir, create_ccir, may_keep, visible_ccirs
from peacekeeper.watch.forms import CcirForm
from peacekeeper.watch.presenting import rule_text


@login_required
def ccir_list(request: HttpRequest) -> HttpResponse:
    ccirs = list(visible_ccirs(request.user).select_related("label"))
    for ccir in ccirs:
        ccir.rule_text = rule_text(ccir.rule)
    recent = watch_alerts.recent_alerts(request.user)
    record_bulk_view(user=request.user, records=ccirs, detail="CCIR list")
    watch_alerts.audit_shown(request.user, recent, detail="CCIR list: recent alerts")
    context = {
        "ccirs": ccirs,
        "alerts": [watch_alerts.alert_dict(alert) for alert in recent],
        "may_keep": may_keep(request.user),
        **banner([c.label for c in ccirs] + [a.label for a in recent]),
    }
    return render(request, "watch/ccir_list.html", context)


@login_required
def ccir_new(request: HttpRequest) -> HttpResponse:
    if not may_keep(request.user):
        raise PermissionDenied("Only administrators (the duty officer's desk) keep the CCIRs.")
    form = CcirForm(request.POST or None, initial={"active": True})
    if request.method == "POST" and form.is_valid():
        try:
            values = dict(form.cleaned_data)
            values.pop("release_reason")
            create_ccir(user=request.user, **values)
        except (InputError, NotAllowed) as error:
            _show(form, error)
        else:
            return redirect("watch:ccirs")
    return render(request, "watch/ccir_form.html", {"form": form, "ccir": None})


@login_required
def ccir_edit(request: HttpRequest, ccir_id: int) -> HttpResponse:
    # The permission first: a lookup that answers only administrators tells no one else what exists.
    if not may_keep(request.user):
        raise PermissionDenied("Only administrators (the duty officer's desk) keep the CCIRs.")
    ccir = policy.get_visible_or_404(
        visible_ccirs(request.user).select_related("label"), request.user, pk=ccir_id
    )
    initial = {
        "title": ccir.title,
        "description": ccir.description,
        "rule": json.dumps(ccir.rule, ensure_ascii=False),
        "marking": ccir.label.marking,
        "active": ccir.active,
    }
    form = CcirForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            change_ccir(user=request.user, ccir=ccir, **form.cleaned_data)
        except (InputError, NotAllowed) as error:
            _show(form, error)
        else:
            return redirect("watch:ccirs")
    else:
        record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=ccir, detail="page")
    return render(request, "watch/ccir_form.html", {"form": form, "ccir": ccir, **banner([ccir.label])})


def _show(form: CcirForm, error: InputError | NotAllowed) -> None:
    if isinstance(error, NotAllowed):
        form.add_error(None, str(error))
    else:
        form.show(error)

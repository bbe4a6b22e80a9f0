"""Caveat pages: the list every reader gets, and the form planners and administrators keep it with."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from peacekeeper.access import policy
from peacekeeper.access.audit import record_bulk_view
from peacekeeper.access.marking import banner
from peacekeeper.core.errors import InputError, NotAllowed
from peacekeeper.forces.caveat_editing import may_keep_caveats, save_caveat
from peacekeeper.forces.forms import CaveatForm, initial_for
from peacekeeper.forces.layers import visible_units
from peacekeeper.forces.models import Caveat
from peacekeeper.forces.registry import visible_caveats
from peacekeeper.theatre.regions import theatre_regions


@login_required
def caveat_list(request: HttpRequest) -> HttpResponse:
    caveats = list(visible_caveats(request.user).order_by("nation__code", "unit__name", "kind"))
    record_bulk_view(user=request.user, records=caveats, detail="caveats list")
    context = {
        "caveats": caveats,
        "may_edit": may_keep_caveats(request.user),
        "regions_note": theatre_regions().regional_commands_note,
    }
    return render(request, "forces/caveat_list.html", context | banner([c.label for c in caveats]))


@login_required
def caveat_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@login_required
def caveat_edit(request: HttpRequest, caveat_id: int) -> HttpResponse:
    caveat = policy.get_visible_or_404(visible_caveats(request.user), request.user, pk=caveat_id)
    return _edit(request, caveat)


def _edit(request: HttpRequest, caveat: Caveat | None) -> HttpResponse:
    if not may_keep_caveats(request.user):
        raise PermissionDenied("only planners and administrators keep national caveats")
    units = list(visible_units(request.user).order_by("name"))
    initial = initial_for(caveat) if caveat else None
    form = CaveatForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_caveat(user=request.user, data=form.to_input(), caveat=caveat)
        except NotAllowed as error:
            raise PermissionDenied(str(error)) from None
        except InputError as error:
            form.add_input_errors(error.errors)
        else:
            return redirect("forces:caveats")
    status = 422 if request.method == "POST" else 200
    labels = [caveat.label] if caveat else []
    context = {"form": form, "caveat": caveat, "regions_note": theatre_regions().regional_commands_note}
    return render(request, "forces/caveat_form.html", context | banner(labels), status=status)

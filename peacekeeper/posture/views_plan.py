"""Allocation page (run, pin, unpin), posture options, their comparison, and decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from peacekeeper.access import policy
from peacekeeper.access.audit import record_bulk_view
from peacekeeper.access.marking import banner
from peacekeeper.core.errors import FieldError, InputError, NotAllowed, show_on_form
from peacekeeper.forces.layers import visible_camps
from peacekeeper.posture.allocating import (
    allocation_inputs,
    current_allocation,
    pin_assignment,
    run_allocation,
    unpin_assignment,
)
from peacekeeper.posture.deciding import create_option, record_decision
from peacekeeper.posture.differences import explain_differences
from peacekeeper.posture.facts import task_point, visible_names, visible_tasks, visible_units
from peacekeeper.posture.forms import DecisionForm, OptionForm
from peacekeeper.posture.metrics import allocation_view, high_threat_areas, run_camps
from peacekeeper.posture.models import Decision, Pin, PostureOption
from peacekeeper.posture.planners import may_plan
from peacekeeper.posture.variants import describe_changes
from peacekeeper.theatre.models import Area


def _option(request: HttpRequest, option_id: int | None) -> PostureOption | None:
    if option_id is None:
        return None
    return policy.get_visible_or_404(PostureOption.objects.all(), request.user, pk=option_id)


def _here(option: PostureOption | None) -> str:
    return reverse("posture:option", args=[option.pk]) if option else reverse("posture:allocation")


def _complain(request: HttpRequest, error: InputError) -> None:
    for problem in error.errors:
        messages.error(request, f"{problem.field}: {problem.reason}")


def _pair(value: str) -> tuple[int, int]:
    """The pin form's `pair` ("unit:task"), or a field error naming it."""
    unit, _, task = value.partition(":")
    if not (unit.strip().isdigit() and task.strip().isdigit()):
        raise InputError([FieldError("pair", "expected unit:task")])
    return int(unit), int(task)


@login_required
def allocation(request: HttpRequest, option_id: int | None = None) -> HttpResponse:
    option = _option(request, option_id)
    if request.method == "POST":
        try:
            if "run" in request.POST:
                run_allocation(
                    user=request.user,
                    option=option,
                    time_limit=float(request.POST.get("time_limit") or 30),
                    mip_gap=float(request.POST.get("mip_gap_percent") or 1) / 100,
                )
            elif "pin" in request.POST or "unpin" in request.POST:
                action = pin_assignment if "pin" in request.POST else unpin_assignment
                unit_id, task_id = _pair(request.POST.get("pair", ""))
                action(user=request.user, unit_id=unit_id, task_id=task_id, option=option)
        except InputError as error:
            _complain(request, error)
        except NotAllowed as error:
            messages.error(request, str(error))
        except ValueError:
            messages.error(request, "time_limit / mip_gap_percent: expected numbers")
        return redirect(_here(option))
    latest = current_allocation(option)
    view = allocation_view(latest, user=request.user) if latest else None
    pins = {(pin.unit_id, pin.task_id) for pin in Pin.objects.filter(option=option)}
    if view:
        shown = {row["task"].pk: row["task"] for row in view.rows}
        record_bulk_view(user=request.user, records=list(shown.values()), detail="allocation")
    for row in view.rows if view else []:
        # A pin takes effect at the next run; the button shows the pin as it stands now.
        row["pinned_now"] = (row["unit"].pk, row["task"].pk) in pins
    names = visible_names(request.user)
    map_data = _map_data(view, request.user, option) if view else None
    changes = describe_changes(option.changes, **names) if option else []
    labels = ([option.label] if option else []) + (view.labels if view else [])
    return render(
        request,
        "posture/allocation.html",
        {
            "option": option,
            "view": view,
            "changes": changes,
            "map_data": map_data,
            "may_plan": may_plan(request.user),
            **banner(labels),
        },
    )


def _map_data(view, user, option: PostureOption | None) -> dict:
    """Tasks, camps and links as the run saw them (an option may have moved units), for the page's map."""
    units, _ = allocation_inputs(user, option)
    # A unit is drawn only from a camp the reader may see (or its own place when it has no camp).
    released_camps = set(visible_camps(user).values_list("pk", flat=True))
    camp_of = {unit.pk: unit.camp_id for unit in visible_units(user)} | (
        run_camps(view.allocation) if view.allocation else {}
    )
    unit_at = {
        u.key: [u.lat, u.lon]
        for u in units
        if u.lat is not None and camp_of.get(u.key) in released_camps | {None}
    }
    unmet = {item["task"] for item in view.unmet}
    shown = {row["task"].pk: row["task"] for row in view.rows}
    shown |= {task.pk: task for task in visible_tasks(user).filter(pk__in=unmet)}
    # Each task where this reader may know it is: never at a site they may not see.
    task_at = {}
    for key, task in shown.items():
        lat, lon = task_point(task, user=user)
        if lat is not None:
            task_at[key] = [lat, lon]
    links = [
        {
            "unit": str(row["unit"]),
            "task": row["task"].name,
            "from": unit_at[row["unit"].pk],
            "to": task_at[row["task"].pk],
            "km": row["travel_km"],
            "pinned": row["pinned"],
        }
        for row in view.rows
        if row["unit"].pk in unit_at and row["task"].pk in task_at
    ]
    camp_names = visible_names(user)["camp_names"]
    camps = {}
    for row in view.rows:
        unit = row["unit"]
        if unit.pk in unit_at and camp_of.get(unit.pk) in camp_names:
            camps[tuple(unit_at[unit.pk])] = camp_names[camp_of[unit.pk]]
    return {
        "tasks": [
            {"name": task.name, "priority": task.priority, "at": task_at[key], "unmet": key in unmet}
            for key, task in shown.items()
            if key in task_at
        ],
        "camps": [{"name": name, "at": list(at)} for at, name in camps.items()],
        "links": links,
    }


def _area_names(codes: set[str]) -> list[str]:
    """Municipality names for their codes, as a watch officer reads them."""
    names = dict(Area.objects.filter(code__in=codes).values_list("code", "name_en"))
    return sorted(names.get(code, code) for code in codes)


@login_required
def options(request: HttpRequest) -> HttpResponse:
    form = OptionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            option = create_option(
                user=request.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                changes=form.changes(),
                marking=form.cleaned_data["marking"],
            )
        except InputError as error:
            for problem in error.errors:
                form.add_error(None, f"{problem.field}: {problem.reason}")
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            return redirect("posture:option", option.pk)
    listed = list(policy.visible(PostureOption.objects.all(), request.user))
    return render(
        request,
        "posture/options.html",
        {
            "form": form,
            "options": listed,
            "may_plan": may_plan(request.user),
            **banner([*form.labels, *(o.label for o in listed)]),
        },
    )


@login_required
def comparison(request: HttpRequest) -> HttpResponse:
    threat = high_threat_areas(request.user)
    names = visible_names(request.user)
    columns = []
    base = current_allocation(None)
    if base:
        columns.append(
            {
                "name": "Current posture",
                "option": None,
                "view": allocation_view(base, user=request.user, threat=threat),
            }
        )
    base_view = columns[0]["view"] if columns else None
    for option in policy.visible(PostureOption.objects.all(), request.user):
        latest = current_allocation(option)
        view = allocation_view(latest, user=request.user, threat=threat) if latest else None
        columns.append(
            {
                "name": option.name,
                "option": option,
                "changes": describe_changes(option.changes, **names),
                "view": view,
                "differences": explain_differences(base_view, view) if base_view and view else [],
            }
        )
    labels = [c["option"].label for c in columns if c["option"]]
    labels += [label for c in columns if c["view"] for label in c["view"].labels]
    return render(
        request,
        "posture/compare.html",
        {
            "columns": columns,
            "threat": _area_names(threat),
            "may_plan": may_plan(request.user),
            **banner(labels),
        },
    )


@login_required
def decisions(request: HttpRequest) -> HttpResponse:
    listed_options = list(policy.visible(PostureOption.objects.all(), request.user))
    form = DecisionForm(request.POST or None, initial={"option": request.GET.get("option")})
    form.fields["option"].choices = [(o.pk, o.name) for o in listed_options]
    if request.method == "POST" and form.is_valid():
        try:
            record_decision(
                user=request.user,
                option_id=form.cleaned_data["option"],
                rationale=form.cleaned_data["rationale"],
                marking=form.cleaned_data["marking"],
            )
        except (InputError, NotAllowed) as error:
            show_on_form(form, error)
        else:
            return redirect("posture:decisions")
    visible_option_ids = {o.pk for o in listed_options}
    # A decision on an option the reader may not see is left out, not shown as "an option not released".
    history = [
        decision
        for decision in policy.visible(Decision.objects.all(), request.user).select_related(
            "option", "decided_by", "label"
        )
        if decision.option_id in visible_option_ids
    ]
    return render(
        request,
        "posture/decisions.html",
        {
            "form": form,
            "history": history,
            "visible_option_ids": visible_option_ids,
            "may_plan": may_plan(request.user),
            **banner([d.label for d in history] + [o.label for o in listed_options]),
        },
    )

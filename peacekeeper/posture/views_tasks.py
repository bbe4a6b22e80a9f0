"""Task list (sortable, filtered) and the task form."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access, record_bulk_view
from peacekeeper.access.marking import banner
from peacekeeper.access.models import AuditEntry
from peacekeeper.access.releasing import record_release
from peacekeeper.forces.registry import capability_labels
from peacekeeper.posture.facts import visible_tasks
from peacekeeper.posture.forms import TaskForm
from peacekeeper.posture.models import Task, TaskKind
from peacekeeper.posture.planners import may_plan

SORTS = {
    "priority": ("priority", "name"),
    "name": ("name",),
    "kind": ("kind", "priority"),
    "strength": ("-strength", "name"),
    "notice": ("notice_hours", "name"),
}


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    tasks = visible_tasks(request.user)
    kind = request.GET.get("kind", "")
    state = request.GET.get("state", "active")
    text = request.GET.get("q", "").strip()
    if kind in TaskKind.values:
        tasks = tasks.filter(kind=kind)
    if state in ("active", "inactive"):
        tasks = tasks.filter(active=state == "active")
    if text:
        tasks = tasks.filter(name__icontains=text)
    sort = request.GET.get("sort", "priority")
    tasks = list(tasks.order_by(*SORTS.get(sort, SORTS["priority"])))
    record_bulk_view(user=request.user, records=tasks, detail="posture task list")
    for task in tasks:
        task.capability_labels = capability_labels(task.capabilities)
    context = {
        "tasks": tasks,
        "kinds": TaskKind.choices,
        "kind": kind,
        "state": state,
        "q": text,
        "sort": sort,
        "sorts": list(SORTS),
        "may_plan": may_plan(request.user),
        **banner(task.label for task in tasks),
    }
    return render(request, "posture/tasks.html", context)


@login_required
def task_edit(request: HttpRequest, task_id: int | None = None) -> HttpResponse:
    task = policy.get_visible_or_404(Task.objects.all(), request.user, pk=task_id) if task_id else Task()
    if not may_plan(request.user):
        raise PermissionDenied("Only planners and administrators plan the posture.")
    if task_id and not policy.can_edit(request.user, task):
        raise PermissionDenied("You may not change this task.")
    form = TaskForm(request.POST or None, instance=task, user=request.user)
    if request.method == "POST" and form.is_valid():
        created = task.pk is None
        with transaction.atomic():
            saved = form.save()
            action = AuditEntry.Action.CREATED if created else AuditEntry.Action.CHANGED
            record_access(user=request.user, action=action, record=saved, detail="posture task form")
            if form.release is not None:
                record_release(user=request.user, record=saved, release=form.release)
        return redirect("posture:tasks")
    # The form's site choices are records too: the banner covers them.
    labels = ([task.label] if task.pk else []) + [site.label for site in form.fields["site"].queryset]
    return render(request, "posture/task_form.html", {"form": form, "task": task, **banner(labels)})

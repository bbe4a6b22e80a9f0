"""Task list (sortable, filtered) and the task form."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access, record_bulk_view
from peacekeeper.access.forms import release_reason_field
from peacekeeper.access.marking import banner
from peacekeeper.access.models import AuditEntry
from peacekeeper.access.releasing import record_release, release_decision, resolve_label
from peacekeeper.core.bounds import RecordDateTimeField, RecordsField
from peacekeeper.core.errors import InputError
from peacekeeper.forces.capabilities import Capability
from peacekeeper.posture.facts import visible_tasks
from peacekeeper.posture.models import DEFAULT_TASK_MARKING, Task, TaskKind
from peacekeeper.posture.planners import may_plan
from peacekeeper.theatre.models import Area, CrossingPoint, Site

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
    context = {
        "tasks": tasks,
        "kinds": TaskKind.choices,
        "kind": kind,
        "state": state,
        "q": text,
        "sort": sort,
        "sorts": list(SORTS),
        **banner(task.label for task in tasks),
    }
    return render(request, "posture/tasks.html", context)


class TaskForm(forms.ModelForm):
    capabilities = forms.MultipleChoiceField(
        choices=Capability.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    marking = forms.CharField(initial=DEFAULT_TASK_MARKING, max_length=300)
    starts_at = RecordDateTimeField(
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        label="Start (blank: continuous)",
    )
    ends_at = RecordDateTimeField(
        required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), label="End"
    )
    release_reason = release_reason_field("task")

    class Meta:
        model = Task
        fields = [
            "name", "kind", "priority", "strength", "capabilities", "notice_hours", "site", "crossing",
            "areas", "lat", "lon", "starts_at", "ends_at", "active", "assumption_note",
        ]  # fmt: skip
        field_classes = {"areas": RecordsField}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["site"].queryset = policy.visible(Site.objects.exclude(kind=Site.Kind.CAMP), user)
        self.fields["crossing"].queryset = CrossingPoint.objects.order_by("name_en")
        self.fields["areas"].queryset = Area.objects.filter(level=Area.Level.MUNICIPALITY).order_by("name_en")
        self.fields["areas"].widget.attrs["size"] = 8
        self.fields["priority"].widget = forms.Select(
            choices=[(n, f"{n}{' (most important)' if n == 1 else ''}") for n in range(1, 6)]
        )
        self.stored_label = self.instance.label if self.instance.pk else None
        if self.stored_label is not None:
            self.fields["marking"].initial = self.stored_label.marking
        else:
            del self.fields["release_reason"]  # a new task is released as its author chooses
        self.release = None

    def clean(self):
        cleaned = super().clean()
        try:
            self.instance.label = resolve_label(marking=cleaned.get("marking", ""), user=self.user)
            if self.stored_label is not None:
                self.release = release_decision(
                    user=self.user,
                    old=self.stored_label,
                    new=self.instance.label,
                    reason=cleaned.get("release_reason", ""),
                )
        except InputError as error:
            for problem in error.errors:
                self.add_error("marking", problem.reason)
            return cleaned
        site = cleaned.get("site")
        # No write-down: a reader of the task sees where it is, so it may be released no wider than its site.
        if site is not None and not policy.label_refers_to(self.instance.label, site.label):
            self.add_error(
                "marking", f"wider than its site's marking ({site.label.marking}): mark it no wider"
            )
        return cleaned


@login_required
def task_edit(request: HttpRequest, task_id: int | None = None) -> HttpResponse:
    task = policy.get_visible_or_404(Task.objects.all(), request.user, pk=task_id) if task_id else Task()
    if not may_plan(request.user) or (task_id and not policy.can_edit(request.user, task)):
        return HttpResponse("You may not change this task.", status=403)
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

"""Posture's page forms: a task, a posture option (the changes it makes) and a decision on an option."""

from django import forms

from peacekeeper.access import policy
from peacekeeper.access.forms import release_reason_field
from peacekeeper.access.releasing import release_decision, resolve_label
from peacekeeper.core.bounds import RecordDateTimeField, RecordsField
from peacekeeper.core.errors import InputError
from peacekeeper.forces.capabilities import Capability
from peacekeeper.posture.deciding import DEFAULT_DECISION_MARKING
from peacekeeper.posture.facts import visible_tasks, visible_units
from peacekeeper.posture.models import DEFAULT_TASK_MARKING, Task
from peacekeeper.theatre.models import Area, CrossingPoint, Site


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


class OptionForm(forms.Form):
    name = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    unfix = forms.TypedMultipleChoiceField(coerce=int, required=False, label="Unfix tasks")
    surge_task = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Surge a task")
    surge_strength = forms.IntegerField(min_value=0, required=False, label="to this many troops")
    move_unit = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Move a unit")
    move_camp = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="to camp")
    reduce_percent = forms.IntegerField(
        min_value=1, max_value=99, required=False, label="Reduce the force by %"
    )
    marking = forms.CharField(initial="NATO RESTRICTED // REL TO KFOR", max_length=300)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        task_rows, unit_rows = list(visible_tasks(user).filter(active=True)), list(visible_units(user))
        # The choices show these records: the page's banner must cover their labels.
        self.labels = [record.label for record in (*task_rows, *unit_rows)]
        tasks = [(t.pk, t.name) for t in task_rows]
        units = [(u.pk, str(u)) for u in unit_rows]
        camps = list(policy.visible(Site.objects.filter(kind=Site.Kind.CAMP, place__lat__isnull=False), user))
        self.labels += [camp.label for camp in camps]
        self.fields["unfix"].choices = tasks
        self.fields["unfix"].widget.attrs["size"] = 6
        self.fields["surge_task"].choices = [("", "—"), *tasks]
        self.fields["move_unit"].choices = [("", "—"), *units]
        self.fields["move_camp"].choices = [("", "—"), *((camp.pk, camp.name) for camp in camps)]

    def changes(self) -> list[dict]:
        data = self.cleaned_data
        changes = [{"kind": "unfix_task", "task": key} for key in data["unfix"]]
        if data["surge_task"] is not None and data["surge_strength"] is not None:
            changes.append(
                {"kind": "set_task_strength", "task": data["surge_task"], "strength": data["surge_strength"]}
            )
        if data["move_unit"] is not None and data["move_camp"] is not None:
            changes.append({"kind": "move_unit", "unit": data["move_unit"], "camp": data["move_camp"]})
        if data["reduce_percent"]:
            changes.append({"kind": "reduce_force", "percent": data["reduce_percent"]})
        return changes


class DecisionForm(forms.Form):
    option = forms.TypedChoiceField(coerce=int)
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    marking = forms.CharField(initial=DEFAULT_DECISION_MARKING, max_length=300)

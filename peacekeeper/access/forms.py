"""Form fields every releasable record's form shares, and the audit page's filter form."""

from datetime import UTC, datetime, time, timedelta

from django import forms
from django.apps import apps
from django.db.models import QuerySet

from peacekeeper.access.models import AuditEntry, Labelled
from peacekeeper.core.bounds import QueryDateField


def release_reason_field(noun: str = "record") -> forms.CharField:
    """The reason a release authority gives for releasing a record wider (access.releasing)."""
    return forms.CharField(
        label="Reason for releasing it wider",
        required=False,
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=f"Only when a changed marking lets someone read the {noun} who could not before: "
        "a release authority's decision, recorded in the audit log",
    )


def _record_type_choices() -> list[tuple[str, str]]:
    types = sorted(
        (model._meta.label_lower, f"{model._meta.verbose_name} ({model._meta.app_label})")
        for model in apps.get_models()
        if issubclass(model, Labelled)
    )
    return [("", "Any record"), *types]


class AuditFilterForm(forms.Form):
    user = forms.CharField(label="User", required=False, max_length=150)
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any action"), *AuditEntry.Action.choices]
    )
    record_type = forms.ChoiceField(label="Record type", required=False)
    record_id = forms.CharField(label="Record id", required=False, max_length=64)
    since = QueryDateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = QueryDateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    # Past a million pages the offset is no longer a number the database takes.
    page = forms.IntegerField(required=False, min_value=1, max_value=1_000_000, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["record_type"].choices = _record_type_choices()

    def filtered(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        # A value that does not validate (a hand-edited link) is left out, as on the log.
        self.is_valid()
        given = self.cleaned_data
        if given.get("user"):
            entries = entries.filter(user__username__iexact=given["user"].strip())
        if given.get("action"):
            entries = entries.filter(action=given["action"])
        if given.get("record_type"):
            entries = entries.filter(record_type=given["record_type"])
        if given.get("record_id"):
            entries = entries.filter(record_id=given["record_id"].strip())
        if given.get("since"):
            entries = entries.filter(at__gte=datetime.combine(given["since"], time.min, tzinfo=UTC))
        if given.get("until"):
            entries = entries.filter(
                at__lt=datetime.combine(given["until"] + timedelta(days=1), time.min, tzinfo=UTC)
            )
        return entries

    @property
    def page_number(self) -> int:
        self.is_valid()
        return self.cleaned_data.get("page") or 1

"""The audit page: the audit log for security officers, filtered by user, action, record and date.

Only security officers read it, and of it only the entries about records the policy lets them see
(`policy.visible_audit_entries`); the banner shows the combined marking of the entries on the page.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from peacekeeper.access import policy
from peacekeeper.access.marking import banner
from peacekeeper.access.models import AuditEntry, Labelled
from peacekeeper.core.bounds import QueryDateField

PAGE_SIZE = 100
# Records with a page of their own, opened from their entries (the page applies the policy again).
RECORD_PAGES = {
    "events.eventreport": "events:detail",
    "forces.unit": "forces:unit",
    "theatre.site": "theatre:site",
}


@dataclass(frozen=True)
class Row:
    entry: AuditEntry
    record_url: str | None


def _rows(entries: list[AuditEntry]) -> list[Row]:
    rows = []
    for entry in entries:
        page = RECORD_PAGES.get(entry.record_type)
        url = reverse(page, args=[int(entry.record_id)]) if page and entry.record_id.isdigit() else None
        rows.append(Row(entry, url))
    return rows


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


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not policy.reads_audit(request.user):
        raise PermissionDenied("only security officers read the audit log")
    form = AuditFilterForm(request.GET)
    page = form.page_number
    entries = form.filtered(policy.visible_audit_entries(AuditEntry.objects.all(), request.user))
    offset = (page - 1) * PAGE_SIZE
    # One row more than shown tells whether there is a next page, without counting the whole log.
    shown = list(
        entries.select_related("user", "label").order_by("-at", "-id")[offset : offset + PAGE_SIZE + 1]
    )
    has_next = len(shown) > PAGE_SIZE
    shown = shown[:PAGE_SIZE]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "access/audit_log.html",
        {
            "form": form,
            "rows": _rows(shown),
            "page": page,
            "first": offset + 1,
            "last": offset + len(shown),
            "query": query.urlencode(),
            "has_next": has_next,
            **banner(entry.label for entry in shown),
        },
    )

"""The audit page: the audit log for security officers, filtered by user, action, record and date.

Only security officers read it, and of it only the entries about records the policy lets them see
(`policy.visible_audit_entries`); the banner shows the combined marking of the entries on the page.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from peacekeeper.access import policy
from peacekeeper.access.forms import AuditFilterForm
from peacekeeper.access.marking import banner
from peacekeeper.access.models import AuditEntry

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

"""GET /api/events/ shows each restricted report it returns: one audit entry per restricted report."""

import pytest

from peacekeeper.access.models import AuditEntry
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

pytestmark = pytest.mark.django_db


def test_each_restricted_report_on_a_page_is_audited_and_no_other(client, theatre, german_watchkeeper):
    national = create_report(user=german_watchkeeper, data=an_event(marking="NATO RESTRICTED // DEU ONLY"))
    shared = create_report(user=german_watchkeeper, data=an_event(marking="NATO RESTRICTED // REL TO KFOR"))
    unclassified = create_report(
        user=german_watchkeeper, data=an_event(marking="NATO UNCLASSIFIED // REL TO KFOR")
    )
    viewed = AuditEntry.objects.filter(
        user=german_watchkeeper, action=AuditEntry.Action.VIEWED, detail="api list"
    )
    client.force_login(german_watchkeeper)

    first = client.get("/api/events/", {"limit": 2}).json()
    assert [item["id"] for item in first["items"]] == [
        unclassified.pk,
        shared.pk,
    ]  # same DTG: newest id first
    assert [(entry.record_id, entry.label_id) for entry in viewed] == [(str(shared.pk), shared.label_id)]

    second = client.get("/api/events/", {"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [item["id"] for item in second["items"]] == [national.pk]
    assert sorted(int(entry.record_id) for entry in viewed.all()) == [national.pk, shared.pk]

"""A look writes the audit entries of its restricted deliveries before any stream is handed them: a look
that cannot write them sends nothing, and the next look, announced or not, sends and audits it."""

import pytest
from django.db import DatabaseError

from peacekeeper.access import audit
from peacekeeper.access.models import AuditEntry
from peacekeeper.cop import live
from peacekeeper.cop.tests.test_live_fan_out import delivered, opened, validated

pytestmark = pytest.mark.django_db


def test_a_look_that_cannot_audit_sends_nothing_and_the_next_one_sends_and_audits(
    theatre, german_watchkeeper, italian_analyst, monkeypatch
):
    lookout = live.Lookout(version_check=False)
    cursor = opened(german_watchkeeper)
    lookout.look([cursor], announced=True)
    report = validated(italian_analyst, "NATO RESTRICTED // REL TO KFOR")

    def unwritable(**kwargs: object) -> int:
        raise DatabaseError("database is locked")

    monkeypatch.setattr(live, "record_shown_to_many", unwritable)
    with pytest.raises(DatabaseError):
        lookout.look([cursor], announced=True)
    assert cursor.take() == []
    monkeypatch.setattr(live, "record_shown_to_many", audit.record_shown_to_many)
    lookout.look([cursor], announced=False)  # nothing announced since: the failed look's change is owed
    assert delivered(cursor) == [report.pk]
    entries = AuditEntry.objects.filter(detail="map live stream").values_list("user_id", "record_id")
    assert list(entries) == [(german_watchkeeper.pk, str(report.pk))]

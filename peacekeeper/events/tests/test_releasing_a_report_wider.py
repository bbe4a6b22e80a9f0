"""Releasing a report to a wider audience is a release authority's decision, with a reason, audited; on every
path that relabels a report: the API, the form and bulk ingest. Narrowing stays open to any editor."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from peacekeeper.access.classification import Role
from peacekeeper.access.models import AuditEntry
from peacekeeper.conftest import make_user
from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import EventReport
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.tests.test_log_screens import form_of

KFOR = "NATO UNCLASSIFIED // REL TO KFOR"


@pytest.fixture
def release_authority(organisations) -> User:
    return make_user("rhea", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ANALYST, Role.RELEASE_AUTHORITY))


@pytest.fixture
def report(theatre, german_watchkeeper) -> EventReport:
    return create_report(user=german_watchkeeper, data=an_event(marking=KFOR, narrative="Forty persons"))


def patch(client, report: EventReport, body: dict):
    return client.patch(f"/api/events/{report.pk}", body, content_type="application/json")


def releases() -> list[tuple]:
    return list(AuditEntry.objects.filter(action=AuditEntry.Action.RELEASED).values_list("marking", "detail"))


@pytest.mark.django_db
def test_an_editor_may_not_release_a_kfor_report_to_the_public(client, report, german_watchkeeper):
    client.force_login(german_watchkeeper)
    response = patch(client, report, {"marking": "PUBLIC", "release_reason": "it is harmless"})
    assert response.status_code == 422, response.content
    [error] = response.json()["errors"]
    assert error["field"] == "marking"
    assert error["reason"] == (
        f"PUBLIC releases the record wider than {KFOR}: only a release authority may do that"
    )
    report.refresh_from_db()
    assert (report.label.marking, report.version, report.changes.count()) == (KFOR, 1, 1)
    assert releases() == []


@pytest.mark.django_db
def test_a_release_authority_releases_it_with_a_reason_and_it_is_audited(client, report, release_authority):
    client.force_login(release_authority)
    refused = patch(client, report, {"marking": "PUBLIC"})
    assert refused.status_code == 422
    assert "must give the reason for the release" in refused.json()["errors"][0]["reason"]

    response = patch(
        client, report, {"marking": "PUBLIC", "release_reason": "cleared by the PAO for the press"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["marking"] == "PUBLIC"
    assert releases() == [("PUBLIC", "cleared by the PAO for the press")]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RELEASED)
    assert (entry.user, entry.record_id, entry.label.marking) == (release_authority, str(report.pk), "PUBLIC")
    # The versions before the release keep the label they had: history entries carry their own label.
    labels = [change.label.marking for change in report.changes.order_by("pk")]
    assert labels == [KFOR, "PUBLIC"]


@pytest.mark.django_db
def test_narrowing_a_release_stays_open_to_any_editor(client, report, german_watchkeeper):
    client.force_login(german_watchkeeper)
    response = patch(client, report, {"marking": "NATO RESTRICTED // REL TO KFOR"})
    assert response.status_code == 200, response.content
    assert response.json()["marking"] == "NATO RESTRICTED // REL TO KFOR"
    assert releases() == []


@pytest.mark.django_db
def test_the_form_refuses_a_wider_release_on_the_marking(client, report, german_watchkeeper):
    edit = reverse("events:edit", args=[report.pk])
    client.force_login(german_watchkeeper)
    fields = form_of(client.get(edit))
    assert "release_reason" not in fields
    refused = client.post(edit, fields | {"marking": "PUBLIC"})
    assert refused.status_code == 200
    assert "only a release authority may do that" in refused.content.decode()
    report.refresh_from_db()
    assert report.label.marking == KFOR


@pytest.mark.django_db
def test_the_form_asks_a_release_authority_why(client, report, release_authority):
    edit = reverse("events:edit", args=[report.pk])
    client.force_login(release_authority)
    page = client.get(edit)
    assert "Reason for releasing it wider" in page.content.decode()
    fields = form_of(page)
    refused = client.post(edit, fields | {"marking": "PUBLIC"})
    assert "must give the reason for the release" in refused.content.decode()
    client.post(edit, fields | {"marking": "PUBLIC", "release_reason": "press release 12/26"})
    report.refresh_from_db()
    assert report.label.marking == "PUBLIC"
    assert releases() == [("PUBLIC", "press release 12/26")]


def newer(marking: str, timestamp: int):
    return an_event(source_id="r1", source_timestamp=timestamp, marking=marking, severity=4)


def feed(item, user: User | None):
    return ingest(items=[item], source_system="feed", default_marking=KFOR, user=user, keep_results=True)


@pytest.mark.django_db
def test_a_newer_source_record_released_wider_is_rejected_for_an_importer_who_is_no_release_authority(
    theatre, german_watchkeeper
):
    stored = (
        feed(an_event(source_id="r1", source_timestamp=1, severity=2), german_watchkeeper).results[0].event_id
    )
    for timestamp, user in ((2, german_watchkeeper), (3, None)):
        [result] = feed(newer("PUBLIC", timestamp), user).results
        assert (result.outcome, result.event_id) == ("rejected", None)
        assert [(e.field, e.reason) for e in result.errors] == [
            ("marking", f"PUBLIC releases the record wider than {KFOR}: only a release authority may do that")
        ]
    report = EventReport.objects.get(pk=stored)
    assert (report.label.marking, report.version, report.severity) == (KFOR, 1, 2)


@pytest.mark.django_db
def test_a_release_authority_imports_a_newer_source_record_released_wider_and_it_is_audited(
    theatre, german_watchkeeper, release_authority
):
    stored = feed(newer(KFOR, 1), german_watchkeeper).results[0].event_id
    [result] = feed(newer("PUBLIC", 2), release_authority).results
    assert (result.outcome, result.event_id) == ("updated", stored)
    assert EventReport.objects.get(pk=stored).label.marking == "PUBLIC"
    assert releases() == [("PUBLIC", "newer record from feed")]


@pytest.mark.django_db
def test_a_newer_source_record_released_narrower_updates_for_any_importer(theatre, german_watchkeeper):
    stored = feed(newer(KFOR, 1), german_watchkeeper).results[0].event_id
    [result] = feed(newer("NATO RESTRICTED // REL TO KFOR", 2), german_watchkeeper).results
    assert (result.outcome, result.event_id) == ("updated", stored)
    assert releases() == []


@pytest.mark.django_db
def test_only_a_release_authority_of_the_originating_organisation_releases_a_report(
    client, report, organisations
):
    italian = make_user(
        "ilario", "ITA", "ITA", ("KFOR",), "NATO SECRET", (Role.ANALYST, Role.RELEASE_AUTHORITY)
    )
    client.force_login(italian)
    response = patch(client, report, {"marking": "PUBLIC", "release_reason": "because"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["reason"] == (
        f"PUBLIC releases the record wider than {KFOR}: "
        "only a release authority of DEU, where it originated, may do that"
    )
    report.refresh_from_db()
    assert report.label.marking == KFOR
    assert releases() == []

"""A report's history shows each reader each version only as far as that version is released to them."""

import pytest
from django.urls import reverse

from peacekeeper.access.models import AuditEntry
from peacekeeper.conftest import make_user
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.workflow import transition

pytestmark = pytest.mark.django_db

NATIONAL = "NATO RESTRICTED // DEU ONLY"
SHARED = "NATO RESTRICTED // REL TO KFOR"
SOURCE_NARRATIVE = "Source BLUEJAY reports a weapons cache in the barn of the Kelmendi farm."
SOURCE_PLACE = "Kelmendi farm, Banjska"
SOURCE_LAT = 42.95871
CLEAN_NARRATIVE = "A weapons cache is reported in a farm building north of Zvečan."


@pytest.fixture
def corrected_report(client, theatre, german_watchkeeper):
    """A DEU-only report naming its source, validated, then corrected and released to KFOR, cleaned."""
    german_analyst = make_user("klaus", "DEU", "DEU", ("KFOR",), "NATO SECRET", ("analyst",))
    german_releaser = make_user(
        "greta", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", ("watchkeeper", "release_authority")
    )
    event = create_report(
        user=german_watchkeeper,
        data=an_event(
            marking=NATIONAL,
            narrative=SOURCE_NARRATIVE,
            location_name=SOURCE_PLACE,
            lat=SOURCE_LAT,
            lon=20.81533,
        ),
        submit=True,
    )
    transition(user=german_analyst, event=event, name="validate")
    client.force_login(german_releaser)
    response = client.patch(
        f"/api/events/{event.pk}",
        {
            "marking": SHARED,
            "narrative": CLEAN_NARRATIVE,
            "location_name": "North of Zvečan",
            "lat": 42.9251,
            "lon": 20.8402,
            "reason": "source protected for release to KFOR",
            "release_reason": "needed by KFOR patrols",
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["marking"] == SHARED
    client.logout()
    return event


def _leaks(text: str) -> list[str]:
    return [
        secret for secret in (SOURCE_NARRATIVE, SOURCE_PLACE, str(SOURCE_LAT), NATIONAL) if secret in text
    ]


def test_a_kfor_reader_sees_no_earlier_version_released_only_to_germany_in_the_api(
    client, corrected_report, italian_analyst
):
    client.force_login(italian_analyst)
    response = client.get(f"/api/events/{corrected_report.pk}/history")
    assert response.status_code == 200
    assert _leaks(response.content.decode()) == []
    entries = response.json()
    assert [entry["action"] for entry in entries] == ["corrected"]
    (correction,) = entries
    assert correction["old_withheld"] is True
    assert correction["marking"] == SHARED
    # Not even which fields changed, nor why: that would say something about the version they may not see.
    assert correction["fields"] == {}
    assert correction["reason"] == ""


def test_a_kfor_reader_sees_no_earlier_version_released_only_to_germany_on_the_page(
    client, corrected_report, italian_analyst
):
    client.force_login(italian_analyst)
    page = client.get(reverse("events:detail", args=[corrected_report.pk])).content.decode()
    assert _leaks(page) == []
    assert CLEAN_NARRATIVE in page
    assert "earlier version not released to you" in page
    assert "source protected" not in page


def test_a_german_reader_sees_every_version(client, corrected_report, german_watchkeeper):
    client.force_login(german_watchkeeper)
    response = client.get(f"/api/events/{corrected_report.pk}/history")
    entries = response.json()
    assert [entry["action"] for entry in entries] == ["created", "submitted", "validated", "corrected"]
    correction = entries[-1]
    assert correction["old_withheld"] is False
    assert correction["fields"]["narrative"] == [SOURCE_NARRATIVE, CLEAN_NARRATIVE]
    assert correction["fields"]["marking"] == [NATIONAL, SHARED]
    assert correction["fields"]["location_name"] == [SOURCE_PLACE, "North of Zvečan"]
    page = client.get(reverse("events:detail", args=[corrected_report.pk])).content.decode()
    assert f"{SOURCE_NARRATIVE} → {CLEAN_NARRATIVE}" in page
    assert NATIONAL in page


def test_viewing_the_history_of_a_restricted_report_through_the_api_is_audited(
    client, corrected_report, italian_analyst
):
    client.force_login(italian_analyst)
    client.get(f"/api/events/{corrected_report.pk}/history")
    audited = AuditEntry.objects.filter(
        user=italian_analyst, action=AuditEntry.Action.VIEWED, record_id=str(corrected_report.pk)
    )
    assert list(audited.values_list("detail", "marking")) == [("history api", SHARED)]


def test_restricted_earlier_versions_shown_under_another_label_are_audited_too(
    client, corrected_report, german_watchkeeper
):
    client.force_login(german_watchkeeper)
    client.get(f"/api/events/{corrected_report.pk}/history")
    earlier = AuditEntry.objects.filter(
        user=german_watchkeeper, detail="history api", record_type="events.eventchange"
    )
    assert set(earlier.values_list("marking", flat=True)) == {NATIONAL}
    assert earlier.count() == 3  # created, submitted, validated: the versions released to Germany only


def test_a_kfor_reader_cannot_tell_which_fields_the_german_version_had(
    client, theatre, german_watchkeeper, italian_analyst
):
    # Released to KFOR with civilian targeting cleared: listing the field would say it was set before.
    releaser = make_user(
        "gesa", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", ("watchkeeper", "release_authority")
    )
    event = create_report(
        user=german_watchkeeper, data=an_event(marking=NATIONAL, civilian_targeting=True, killed_force=1)
    )
    client.force_login(releaser)
    response = client.patch(
        f"/api/events/{event.pk}",
        {"marking": SHARED, "civilian_targeting": False, "killed_force": 0, "release_reason": "for patrols"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    client.force_login(italian_analyst)
    [entry] = client.get(f"/api/events/{event.pk}/history").json()
    assert entry["old_withheld"] is True
    assert entry["fields"] == {}
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "civilian_targeting" not in page
    assert "killed_force" not in page

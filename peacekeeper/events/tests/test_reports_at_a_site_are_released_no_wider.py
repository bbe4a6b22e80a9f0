"""A report whose place is a site's names and positions that site: it may not be released wider than the site.
Every write path refuses it on the marking: the API, the log's form, a correction and bulk ingest."""

import pytest
from django.urls import reverse

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.conftest import make_user
from peacekeeper.core.errors import InputError
from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import EventReport
from peacekeeper.events.recording import create_report, update_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.tests.test_log_screens import form_of, two_hours_ago
from peacekeeper.theatre.models import Place, Site

pytestmark = pytest.mark.django_db

CAMP_MARKING = "NATO RESTRICTED // DEU ONLY"
KFOR_WIDE = "NATO UNCLASSIFIED // REL TO KFOR"


@pytest.fixture
def german_camp(theatre, organisations) -> Site:
    place = Place.objects.create(
        name="Camp Geheim", kind=Place.Kind.SITE, lat=42.9, lon=20.86, scenario_key="test:geheim"
    )
    return Site.objects.create(
        place=place, name="Camp Geheim", kind=Site.Kind.CAMP, label=label_from_marking(CAMP_MARKING)
    )


def _log_at(client, place_id: int, **fields):
    body = {"category": "fom.roadblock", "occurred_dtg": "now", "place_id": place_id, **fields}
    return client.post("/api/events/", body, content_type="application/json")


def test_logging_at_a_camp_with_the_default_marking_is_refused_on_the_marking(
    client, german_camp, german_watchkeeper
):
    client.force_login(german_watchkeeper)
    response = _log_at(client, german_camp.place_id)
    assert response.status_code == 422, response.content
    [error] = response.json()["errors"]
    assert error["field"] == "marking"
    assert "Camp Geheim" in error["reason"]
    assert CAMP_MARKING in error["reason"]
    assert not EventReport.objects.exists()


def test_logging_at_a_camp_under_the_camps_marking_is_accepted(client, german_camp, german_watchkeeper):
    client.force_login(german_watchkeeper)
    response = _log_at(client, german_camp.place_id, marking=CAMP_MARKING)
    assert response.status_code == 201, response.content
    assert response.json()["location_name"] == "Camp Geheim"


def test_the_log_form_refuses_a_report_at_a_camp_released_wider(client, german_camp, german_watchkeeper):
    client.force_login(german_watchkeeper)
    fields = form_of(client.get(reverse("events:new")))
    fields.update(
        {"dtg": two_hours_ago(), "category": "fom.roadblock", "place_id": str(german_camp.place_id)}
    )
    fields.update({"place_query": "Camp Geheim", "mgrs": "", "submit": "1"})
    response = client.post(reverse("events:new"), fields)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["marking"]
    assert not EventReport.objects.exists()


def test_relabelling_a_report_at_a_camp_wider_than_the_camp_is_refused_even_to_a_release_authority(
    german_camp, german_watchkeeper
):
    releaser = make_user(
        "greta", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", (Role.WATCHKEEPER, Role.RELEASE_AUTHORITY)
    )
    event = create_report(
        user=german_watchkeeper, data=an_event(place_id=german_camp.place_id, marking=CAMP_MARKING)
    )
    with pytest.raises(InputError) as refused:
        update_report(
            user=releaser, event=event, changes={"marking": KFOR_WIDE}, release_reason="needed by KFOR"
        )
    assert [error.field for error in refused.value.errors] == ["marking"]
    event.refresh_from_db()
    assert event.label.marking == CAMP_MARKING


def test_moving_a_report_to_a_camp_is_refused_while_it_is_released_wider(
    client, german_camp, german_watchkeeper
):
    wide = create_report(user=german_watchkeeper, data=an_event(marking=KFOR_WIDE))
    narrow = create_report(user=german_watchkeeper, data=an_event(marking=CAMP_MARKING))
    client.force_login(german_watchkeeper)
    to_camp = {"place_id": german_camp.place_id}
    refused = client.patch(f"/api/events/{wide.pk}", to_camp, content_type="application/json")
    assert refused.status_code == 422, refused.content
    assert [error["field"] for error in refused.json()["errors"]] == ["marking"]
    wide.refresh_from_db()
    assert wide.place_id is None
    moved = client.patch(f"/api/events/{narrow.pk}", to_camp, content_type="application/json")
    assert moved.status_code == 200, moved.content
    narrow.refresh_from_db()
    assert narrow.place_id == german_camp.place_id


def test_bulk_ingest_rejects_an_item_at_a_camp_released_wider(german_camp):
    wide = an_event(place_id=german_camp.place_id, source_id="wide", marking=KFOR_WIDE)
    narrow = an_event(place_id=german_camp.place_id, source_id="narrow", marking=CAMP_MARKING)
    summary = ingest(items=[wide, narrow], source_system="generator", default_marking=KFOR_WIDE)
    assert (summary.created, summary.rejected) == (1, 1)
    [rejected] = summary.results
    assert (rejected.index, [error.field for error in rejected.errors]) == (0, ["marking"])
    assert EventReport.objects.get().source_id == "narrow"


def test_narrowing_an_older_report_at_a_hidden_site_answers_as_at_no_site(
    client, german_camp, german_watchkeeper, italian_analyst
):
    # Released wider than its site before the rule: a reader who may not see the site may still narrow it,
    # exactly as a report at no site, so the answer tells them nothing of the site.
    at_camp = create_report(user=german_watchkeeper, data=an_event(marking=KFOR_WIDE))
    EventReport.objects.filter(pk=at_camp.pk).update(place=german_camp.place)
    elsewhere = create_report(user=german_watchkeeper, data=an_event(marking=KFOR_WIDE))
    client.force_login(italian_analyst)
    narrower = {"marking": "NATO RESTRICTED // REL TO KFOR"}
    answers = [
        client.patch(f"/api/events/{report.pk}", narrower, content_type="application/json").status_code
        for report in (at_camp, elsewhere)
    ]
    assert answers == [200, 200]

"""A report's place is shown (on its page, in its edit form and in its history) only to a reader who may see
that place: an older report released wider than the site it was logged at does not name the site to the
wider audience."""

import pytest
from django.urls import reverse

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.conftest import make_user
from peacekeeper.events.models import EventChange, EventReport
from peacekeeper.events.recording import create_report, record_change
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.tests.test_log_screens import form_of
from peacekeeper.theatre.models import Place, Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_at_a_hidden_camp(theatre, german_watchkeeper) -> EventReport:
    """A report released to KFOR whose place is a camp released to Germany only (written before the check)."""
    place = Place.objects.create(
        name="Camp Geheim", kind=Place.Kind.SITE, lat=42.9, lon=20.86, scenario_key="test:geheim"
    )
    Site.objects.create(
        place=place,
        name="Camp Geheim",
        kind=Site.Kind.CAMP,
        label=label_from_marking("NATO RESTRICTED // DEU ONLY"),
    )
    event = create_report(
        user=german_watchkeeper,
        data=an_event(
            lat=42.9, lon=20.86, location_name="North gate", marking="NATO UNCLASSIFIED // REL TO KFOR"
        ),
    )
    EventReport.objects.filter(pk=event.pk).update(place=place)
    event.refresh_from_db()
    record_change(
        event=event,
        user=german_watchkeeper,
        action=EventChange.Action.UPDATED,
        fields={"place_id": (None, place.pk)},
    )
    return event


@pytest.fixture
def italian_watchkeeper(organisations):
    return make_user("marco", "ITA", "ITA", ("KFOR",), "NATO SECRET", (Role.WATCHKEEPER,))


def test_the_report_page_names_the_place_only_to_a_reader_of_the_site(
    client, report_at_a_hidden_camp, italian_watchkeeper, german_watchkeeper
):
    page = reverse("events:detail", args=[report_at_a_hidden_camp.pk])
    client.force_login(italian_watchkeeper)
    seen = client.get(page).content.decode()
    assert "North gate" in seen
    assert "Camp Geheim" not in seen
    client.force_login(german_watchkeeper)
    assert "Camp Geheim" in client.get(page).content.decode()


def test_the_history_shows_the_place_id_only_to_a_reader_of_the_site(
    client, report_at_a_hidden_camp, italian_watchkeeper, german_watchkeeper
):
    url = f"/api/events/{report_at_a_hidden_camp.pk}/history"
    client.force_login(italian_watchkeeper)
    [_, moved] = client.get(url).json()
    assert "place_id" not in moved["fields"]
    client.force_login(german_watchkeeper)
    [_, moved] = client.get(url).json()
    assert moved["fields"]["place_id"] == [None, report_at_a_hidden_camp.place_id]


def test_the_edit_form_gives_the_grid_instead_of_a_hidden_place_and_keeps_the_place_on_saving(
    client, report_at_a_hidden_camp, italian_watchkeeper
):
    edit = reverse("events:edit", args=[report_at_a_hidden_camp.pk])
    client.force_login(italian_watchkeeper)
    page = client.get(edit)
    assert "Camp Geheim" not in page.content.decode()
    fields = form_of(page)
    assert fields["place_id"] == ""
    assert fields["mgrs"]
    fields["severity"] = "4"
    assert client.post(edit, fields).status_code == 302
    report_at_a_hidden_camp.refresh_from_db()
    assert report_at_a_hidden_camp.severity == 4
    assert report_at_a_hidden_camp.place.name == "Camp Geheim"
    assert (report_at_a_hidden_camp.lat, report_at_a_hidden_camp.lon) == (42.9, 20.86)

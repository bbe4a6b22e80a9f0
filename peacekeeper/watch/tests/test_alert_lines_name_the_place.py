"""An alert's line names its report's place as a sentence would: "Roadblock or barricade near Zvečan" for a
place the report gives as near somewhere, "… at Zvečan" for a bare name; the same in the API (the banner and
the wall screen build their lines from its `where`) and on the CCIR list."""

import pytest
from django.test import Client
from django.utils import timezone

from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def fatalities(ccirs, german_watchkeeper, django_capture_on_commit_callbacks):
    """Two reports that raise an alert each: one near Zvečan, one at Zvečan."""
    with django_capture_on_commit_callbacks(execute=True):
        return {
            name: create_report(
                user=german_watchkeeper,
                data=an_event(killed_civilians=1, occurred_at=timezone.now(), location_name=name),
            )
            for name in ("near Zvečan", "Zvečan")
        }


def test_the_api_says_where_as_the_report_names_the_place(fatalities, italian_analyst):
    client = Client()
    client.force_login(italian_analyst)

    listed = client.get("/api/watch/alerts").json()

    where = {alert["report_id"]: alert["where"] for alert in listed}
    assert where == {fatalities["near Zvečan"].pk: "near Zvečan", fatalities["Zvečan"].pk: "at Zvečan"}


def test_the_ccir_list_reads_near_and_at_without_at_near(fatalities, italian_analyst):
    client = Client()
    client.force_login(italian_analyst)

    page = client.get("/watch/ccirs/").content.decode()

    assert " near Zvečan, " in page
    assert " at Zvečan, " in page
    assert "at near" not in page

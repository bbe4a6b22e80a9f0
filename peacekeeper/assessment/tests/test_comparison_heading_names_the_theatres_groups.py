"""The north / south comparison is headed with the theatre's own names for its groups (theatre.regions), so
Kosovo's "North of the Ibar" comes from its regions.json and another theatre's page names its own."""

import re

import pytest
from django.core.cache import caches

from peacekeeper.theatre.loading import load_scenario
from peacekeeper.theatre.tests.test_a_second_theatre import TINYLAND


def heading(client) -> str:
    page = client.get("/assessment/compare/").content.decode()
    found = re.search(r"<h1>(.*?)</h1>", page)
    assert found is not None
    return found.group(1)


@pytest.mark.django_db
def test_kosovo_compares_north_of_the_ibar_with_the_rest(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    assert heading(client) == "North of the Ibar against the rest of Kosovo"


@pytest.fixture
def tinyland(db, settings):
    settings.THEATRE = str(TINYLAND)
    caches["default"].clear()
    yield load_scenario(folder=TINYLAND)
    caches["default"].clear()


def test_another_theatre_names_its_own_groups(client, tinyland, german_watchkeeper):
    client.force_login(german_watchkeeper)
    assert heading(client) == "North of the Hills against the rest of Tinyland"


def test_the_table_and_an_area_page_name_the_theatres_north_group(client, tinyland, german_watchkeeper):
    from peacekeeper.theatre.models import Area

    client.force_login(german_watchkeeper)
    northby = Area.objects.get(code="TL-MUN-NORTHBY")
    table = client.get("/assessment/").content.decode()
    area = client.get(f"/assessment/areas/{northby.pk}/").content.decode()
    assert 'title="North of the Hills">N</span>' in table
    assert "· North of the Hills</span>" in area
    assert "Ibar" not in table + area

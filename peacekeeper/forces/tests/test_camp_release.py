"""A unit the reader may see does not give away a camp the reader may not see: not its name, and not its
position (the unit sits at its camp), in the API, the map layer, the registry pages and the camp filter."""

import pytest
from django.test import Client

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.conftest import make_user
from peacekeeper.forces.models import Unit


@pytest.fixture
def unit_in_hidden_camp(forces):
    unit = (
        Unit.objects.filter(camp__isnull=False, place__lat__isnull=False)
        .select_related("camp__place", "place")
        .first()
    )
    camp = unit.camp
    camp.label = label_from_marking("NATO SECRET // DEU ONLY")
    camp.save()
    return unit


@pytest.fixture
def german(organisations):
    return make_user("dieter", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ANALYST,))


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_camp_is_named_only_to_readers_it_is_released_to(unit_in_hidden_camp, italian_analyst, german):
    camp_name = unit_in_hidden_camp.camp.name
    for user, expected in ((italian_analyst, None), (german, camp_name)):
        client = _client(user)
        detail = client.get(f"/api/forces/units/{unit_in_hidden_camp.pk}").json()
        assert detail["camp"] == expected
        layer = client.get("/api/forces/units.geojson").json()
        shown = [f for f in layer["features"] if f["id"] == unit_in_hidden_camp.pk]
        assert [f["properties"]["camp"] for f in shown] == ([expected] if expected else [])


@pytest.mark.django_db
def test_a_unit_in_a_hidden_camp_has_no_position(unit_in_hidden_camp, italian_analyst, german):
    camp = unit_in_hidden_camp.camp
    detail = _client(italian_analyst).get(f"/api/forces/units/{unit_in_hidden_camp.pk}").json()
    assert (detail["lat"], detail["lon"]) == (None, None)
    assert detail["approximate"] is False
    assert camp.name not in detail["approximation_note"]
    assert camp.name not in detail["location"]
    layer = _client(italian_analyst).get("/api/forces/units.geojson").json()
    assert unit_in_hidden_camp.pk not in {f["id"] for f in layer["features"]}
    # The camp's own readers still get the unit where it is.
    detail = _client(german).get(f"/api/forces/units/{unit_in_hidden_camp.pk}").json()
    assert (detail["lat"], detail["lon"]) == (camp.place.lat, camp.place.lon)
    assert detail["location"] == unit_in_hidden_camp.location


@pytest.mark.django_db
def test_the_registry_pages_do_not_give_the_hidden_camp_away(unit_in_hidden_camp, italian_analyst, german):
    camp = unit_in_hidden_camp.camp
    client = _client(italian_analyst)
    record = client.get(f"/forces/units/{unit_in_hidden_camp.pk}/").content.decode()
    assert unit_in_hidden_camp.name in record
    # (The unit's own free text, its sources for one, is released with the unit: it is the unit's label
    # that must cover it. What the registry derives from the camp is left out.)
    assert "<dt>Camp</dt><dd>none known</dd>" in record
    assert "<dt>Position</dt><dd>not known (no position in the sources)</dd>" in record
    assert "<dt>Location (sources)</dt><dd>not given</dd>" in record
    for url in ("/forces/", "/forces/?sort=camp", "/forces/?sort=camp&dir=desc", "/forces/placemat/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert camp.name not in response.content.decode(), url
    german_record = _client(german).get(f"/forces/units/{unit_in_hidden_camp.pk}/").content.decode()
    assert f">{camp.name}</a></dd>" in german_record
    assert f"<dt>Position</dt><dd>{camp.place.name}" in german_record


@pytest.mark.django_db
def test_the_camp_filter_neither_lists_nor_accepts_a_hidden_camp(
    unit_in_hidden_camp, italian_analyst, german
):
    camp = unit_in_hidden_camp.camp
    at_hidden = _client(italian_analyst).get(f"/forces/?camp={camp.pk}").content.decode()
    assert f'<option value="{camp.pk}"' not in at_hidden
    assert "No units match, or none are released to you." in at_hidden
    assert unit_in_hidden_camp.name not in at_hidden
    # Like a camp that does not exist at all.
    unknown = _client(italian_analyst).get("/forces/?camp=999999").content.decode()
    assert "No units match, or none are released to you." in unknown
    at_camp = _client(german).get(f"/forces/?camp={camp.pk}").content.decode()
    assert f'<option value="{camp.pk}" selected' in at_camp
    assert unit_in_hidden_camp.name in at_camp

"""A unit the reader may see does not name a camp the reader may not see (API and map layer)."""

import pytest
from django.test import Client

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.conftest import make_user
from peacekeeper.forces.models import Unit


@pytest.fixture
def unit_in_hidden_camp(forces):
    unit = Unit.objects.filter(camp__isnull=False, place__lat__isnull=False).select_related("camp").first()
    camp = unit.camp
    camp.label = label_from_marking("NATO SECRET // DEU ONLY")
    camp.save()
    return unit


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_camp_is_named_only_to_readers_it_is_released_to(unit_in_hidden_camp, italian_analyst):
    camp_name = unit_in_hidden_camp.camp.name
    german = make_user("dieter", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ANALYST,))
    for user, expected in ((italian_analyst, None), (german, camp_name)):
        client = _client(user)
        detail = client.get(f"/api/forces/units/{unit_in_hidden_camp.pk}").json()
        assert detail["camp"] == expected
        layer = client.get("/api/forces/units.geojson").json()
        shown = next(f for f in layer["features"] if f["id"] == unit_in_hidden_camp.pk)
        assert shown["properties"]["camp"] == expected

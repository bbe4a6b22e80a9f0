"""The "About the data" page lists places known by name only and counts approximate positions: a site the
reader may not see is neither named nor counted there."""

import re

import pytest

from peacekeeper.access.labels import label_from_marking
from peacekeeper.conftest import make_user
from peacekeeper.theatre.models import Place, Site

pytestmark = pytest.mark.django_db
HIDDEN = "NATO SECRET // DEU ONLY"


def _about(client, user) -> str:
    client.force_login(user)
    page = client.get("/theatre/about/").content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)  # new on every page


def test_a_hidden_site_without_a_position_is_not_named_and_an_approximate_one_not_counted(
    client, theatre, organisations, german_watchkeeper, italian_analyst
):
    before = _about(client, italian_analyst)
    kestrel = Place.objects.create(name="Observation Post Kestrel", kind=Place.Kind.SITE, scenario_key="t:k")
    Site.objects.create(
        place=kestrel, name=kestrel.name, kind=Site.Kind.OTHER, label=label_from_marking(HIDDEN)
    )
    outpost = Place.objects.create(
        name="Outpost Falke", kind=Place.Kind.SITE, lat=42.7, lon=21.0, approximate=True, scenario_key="t:f"
    )
    Site.objects.create(
        place=outpost, name=outpost.name, kind=Site.Kind.CAMP, label=label_from_marking(HIDDEN)
    )
    assert _about(client, italian_analyst) == before
    german = make_user("konrad", "DEU", "DEU", ("KFOR",), "NATO SECRET", ("analyst",))
    assert "Observation Post Kestrel" in _about(client, german)

"""A site stands at a place of its own (kind Site), hidden with the site; a town is open reference data and is
never hidden, even when a site not released to the reader is wrongly attached to it."""

import pytest
from django.test import Client

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.conftest import make_user
from peacekeeper.theatre.models import Place, Site

pytestmark = pytest.mark.django_db
HIDDEN = "NATO SECRET // DEU ONLY"


@pytest.fixture
def town_with_a_hidden_site(theatre, organisations) -> Place:
    town = Place.objects.filter(kind=Place.Kind.POPULATED, lat__isnull=False).order_by("-importance").first()
    Site.objects.create(place=town, name="Safe house", kind=Site.Kind.CAMP, label=label_from_marking(HIDDEN))
    return town


@pytest.fixture
def admin_client(theatre, organisations) -> Client:
    client = Client()
    client.force_login(make_user("ada", "ITA", "ITA", ("KFOR",), "NATO SECRET", (Role.ADMIN,)))
    return client


def _place_choices(response) -> set[int]:
    return set(response.context["adminform"].form.fields["place"].queryset.values_list("pk", flat=True))


def test_a_town_with_a_hidden_site_attached_stays_in_the_gazetteer_the_check_and_the_map(
    client, town_with_a_hidden_site, italian_analyst
):
    client.force_login(italian_analyst)
    layer = client.get("/api/theatre/places.geojson").json()
    assert town_with_a_hidden_site.pk in {feature["id"] for feature in layer["features"]}
    matches = client.get("/api/theatre/gazetteer", {"q": town_with_a_hidden_site.name}).json()
    assert town_with_a_hidden_site.pk in {match["place_id"] for match in matches}
    checked = client.post("/log/check/location/", {"place_id": town_with_a_hidden_site.pk}).content.decode()
    assert town_with_a_hidden_site.name in checked
    assert "no place with id" not in checked


def test_the_site_admin_offers_only_site_places_no_other_site_stands_at(admin_client):
    free = Place.objects.create(name="Free site place", kind=Place.Kind.SITE, scenario_key="test:free")
    taken = Place.objects.create(name="Taken site place", kind=Place.Kind.SITE, scenario_key="test:taken")
    hidden = Place.objects.create(name="Hidden site place", kind=Place.Kind.SITE, scenario_key="test:hidden")
    visible_site = Site.objects.create(
        place=taken,
        name="Visible",
        kind=Site.Kind.CAMP,
        label=label_from_marking("NATO SECRET // REL TO KFOR"),
    )
    Site.objects.create(place=hidden, name="Hidden", kind=Site.Kind.CAMP, label=label_from_marking(HIDDEN))
    town = Place.objects.filter(kind=Place.Kind.POPULATED).first()

    offered = _place_choices(admin_client.get("/admin/theatre/site/add/"))
    assert free.pk in offered
    assert not offered & {taken.pk, hidden.pk, town.pk}
    assert not Place.objects.filter(pk__in=offered).exclude(kind=Place.Kind.SITE).exists()

    offered_on_change = _place_choices(admin_client.get(f"/admin/theatre/site/{visible_site.pk}/change/"))
    assert {free.pk, taken.pk} <= offered_on_change
    assert not offered_on_change & {hidden.pk, town.pk}

    form = {"place": town.pk, "name": "Town camp", "kind": Site.Kind.CAMP, "label": visible_site.label_id}
    refused = admin_client.post("/admin/theatre/site/add/", form)
    assert refused.status_code == 200
    assert "place" in refused.context["adminform"].form.errors
    assert not Site.objects.filter(name="Town camp").exists()


def test_the_scenario_gives_every_site_a_place_of_its_own(theatre):
    assert Site.objects.exists()
    assert not Site.objects.exclude(place__kind=Place.Kind.SITE).exists()
    for site in Site.objects.select_related("place"):
        assert site.place.name == site.name


def test_a_sites_place_stays_a_site_place_in_the_place_admin(admin_client):
    place = Place.objects.create(name="Camp Offen", kind=Place.Kind.SITE, scenario_key="test:offen")
    Site.objects.create(
        place=place,
        name="Camp Offen",
        kind=Site.Kind.CAMP,
        label=label_from_marking("NATO SECRET // REL TO KFOR"),
    )
    # Made a town, the place would show to readers the site is not released to.
    form = admin_client.get(f"/admin/theatre/place/{place.pk}/change/").context["adminform"].form
    assert "kind" not in form.fields
    free = Place.objects.create(name="Free", kind=Place.Kind.SITE, scenario_key="test:free")
    assert (
        "kind" in admin_client.get(f"/admin/theatre/place/{free.pk}/change/").context["adminform"].form.fields
    )

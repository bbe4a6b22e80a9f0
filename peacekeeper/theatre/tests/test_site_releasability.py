"""Every output that shows sites (layer, API record, list page, record page, map banner) obeys the policy."""

import pytest
from django.urls import reverse

from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import AuditEntry
from peacekeeper.theatre.models import Place, Site


def make_site(name: str, marking: str, kind: str = Site.Kind.CAMP) -> Site:
    place = Place.objects.create(
        name=name, kind=Place.Kind.SITE, lat=42.5, lon=21.0, scenario_key=f"test:{name}"
    )
    return Site.objects.create(place=place, name=name, kind=kind, label=label_from_marking(marking))


@pytest.fixture
def sites(organisations) -> dict[str, Site]:
    return {
        "public": make_site("Monastery", "PUBLIC", Site.Kind.PROTECTED),
        "kfor": make_site("Camp Kfor", "NATO UNCLASSIFIED // REL TO KFOR"),
        "german": make_site("Camp German", "NATO RESTRICTED // DEU ONLY"),
        "eulex": make_site("Joint Post", "NATO RESTRICTED // REL TO KFOR, EULEX"),
        "secret": make_site("Camp Secret", "NATO SECRET // REL TO KFOR"),
    }


def names_in_layer(client) -> set[str]:
    response = client.get("/api/theatre/sites.geojson")
    assert response.status_code == 200
    return {feature["properties"]["name"] for feature in response.json()["features"]}


@pytest.mark.django_db
def test_the_sites_layer_shows_each_reader_only_their_sites(
    client, sites, german_watchkeeper, italian_analyst, eulex_partner
):
    client.force_login(german_watchkeeper)
    assert names_in_layer(client) == {"Monastery", "Camp Kfor", "Camp German", "Joint Post"}
    client.force_login(italian_analyst)
    assert names_in_layer(client) == {"Monastery", "Camp Kfor", "Joint Post", "Camp Secret"}
    client.force_login(eulex_partner)
    assert names_in_layer(client) == {"Monastery", "Joint Post"}


@pytest.mark.django_db
def test_the_layer_carries_the_combined_marking_of_what_it_contains(client, sites, german_watchkeeper):
    client.force_login(german_watchkeeper)
    body = client.get("/api/theatre/sites.geojson").json()
    assert body["marking"] == "NATO RESTRICTED // DEU ONLY // REL TO KFOR"
    assert body["markings"] == [
        "NATO RESTRICTED // DEU ONLY",
        "NATO RESTRICTED // REL TO KFOR, EULEX",
        "NATO UNCLASSIFIED // REL TO KFOR",
        "PUBLIC",
    ]


@pytest.mark.django_db
def test_a_site_record_the_reader_may_not_see_does_not_exist_for_them(
    client, sites, italian_analyst, eulex_partner
):
    german = sites["german"]
    client.force_login(italian_analyst)
    assert client.get(f"/api/theatre/sites/{german.pk}").status_code == 404
    assert client.get(reverse("theatre:site", args=[german.pk])).status_code == 404
    client.force_login(eulex_partner)
    assert client.get(f"/api/theatre/sites/{sites['kfor'].pk}").status_code == 404
    assert client.get(f"/api/theatre/sites/{sites['eulex'].pk}").json()["marking"] == (
        "NATO RESTRICTED // REL TO KFOR, EULEX"
    )


@pytest.mark.django_db
def test_the_sites_page_lists_only_visible_sites(client, sites, eulex_partner):
    client.force_login(eulex_partner)
    page = client.get(reverse("theatre:sites")).content.decode()
    for shown in ["Joint Post", "Monastery"]:
        assert shown in page
    for hidden in ["Camp Kfor", "Camp German", "Camp Secret"]:
        assert hidden not in page


@pytest.mark.django_db
def test_the_map_banner_starts_with_the_combined_marking_of_the_sites_the_reader_will_see(
    client, sites, german_watchkeeper, eulex_partner
):
    client.force_login(german_watchkeeper)
    page = client.get(reverse("cop:map")).content.decode()
    assert 'data-testid="banner-top">NATO RESTRICTED // DEU ONLY // REL TO KFOR<' in page
    client.force_login(eulex_partner)
    page = client.get(reverse("cop:map")).content.decode()
    assert 'data-testid="banner-top">NATO RESTRICTED // REL TO KFOR, EULEX<' in page
    assert "DEU ONLY" not in page


@pytest.mark.django_db
def test_viewing_a_restricted_site_is_audited_but_not_an_unclassified_one(client, sites, german_watchkeeper):
    client.force_login(german_watchkeeper)
    client.get(reverse("theatre:site", args=[sites["german"].pk]))
    client.get(f"/api/theatre/sites/{sites['eulex'].pk}")
    client.get(reverse("theatre:site", args=[sites["kfor"].pk]))
    entries = AuditEntry.objects.filter(user=german_watchkeeper, action=AuditEntry.Action.VIEWED)
    assert {(entry.record_id, entry.detail) for entry in entries} == {
        (str(sites["german"].pk), "page"),
        (str(sites["eulex"].pk), "api"),
    }
    assert entries.get(detail="page").marking == "NATO RESTRICTED // DEU ONLY"


@pytest.mark.django_db
def test_anonymous_readers_get_no_layer_and_no_page(client, sites):
    assert client.get("/api/theatre/sites.geojson").status_code == 401
    assert client.get(reverse("cop:map")).status_code == 302
    assert client.get(reverse("theatre:sites")).status_code == 302


@pytest.mark.django_db
def test_the_gazetteer_does_not_reveal_sites_the_reader_may_not_see(
    client, sites, eulex_partner, german_watchkeeper
):
    client.force_login(eulex_partner)
    names = {match["name"] for match in client.get("/api/theatre/gazetteer", {"q": "camp"}).json()}
    assert names == set()
    assert {m["name"] for m in client.get("/api/theatre/gazetteer", {"q": "joint"}).json()} == {"Joint Post"}
    client.force_login(german_watchkeeper)
    names = {match["name"] for match in client.get("/api/theatre/gazetteer", {"q": "camp"}).json()}
    assert names == {"Camp Kfor", "Camp German"}


@pytest.mark.django_db
def test_an_unchanged_layer_refresh_costs_a_304_and_never_crosses_readers(
    client, sites, german_watchkeeper, eulex_partner
):
    client.force_login(german_watchkeeper)
    first = client.get("/api/theatre/sites.geojson")
    etag = first["ETag"]
    assert client.get("/api/theatre/sites.geojson", HTTP_IF_NONE_MATCH=etag).status_code == 304
    client.force_login(eulex_partner)
    other = client.get("/api/theatre/sites.geojson", HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200
    assert "Camp German" not in other.content.decode()

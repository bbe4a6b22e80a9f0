"""The theatre admin lists no site, nor the place of a site, the administrator may not see."""

import pytest
from django.test import Client

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.conftest import make_user
from peacekeeper.theatre.models import Place, Site


@pytest.mark.django_db
def test_a_hidden_sites_place_is_absent_from_the_place_admin(theatre, organisations):
    place = Place.objects.create(
        name="Depot Zulu", kind=Place.Kind.SITE, lat=42.81, lon=20.95, scenario_key="test:depot-zulu"
    )
    Site.objects.create(
        place=place,
        name="Depot Zulu",
        kind=Site.Kind.PROTECTED,
        label=label_from_marking("NATO SECRET // USA ONLY"),
    )
    admin = make_user("ada", "DNK", "DNK", ("KFOR",), "NATO SECRET", (Role.ADMIN,))
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    assert "Depot Zulu" not in client.get("/admin/theatre/place/?q=Depot").content.decode()
    assert client.get(f"/admin/theatre/place/{place.pk}/change/").status_code in {302, 404}
    assert "Depot Zulu" not in client.get("/admin/theatre/site/").content.decode()

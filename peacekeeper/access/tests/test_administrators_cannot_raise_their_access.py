"""An administrator administers the theatre and the registry; they cannot give themselves (or anyone) another
nation, clearance or role through the web, nor act as another user."""

import pytest
from django.contrib.auth.models import User

from peacekeeper.access.classification import Classification, Role
from peacekeeper.access.models import Organisation, UserProfile
from peacekeeper.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def italian_admin(organisations) -> User:
    return make_user("ivo", "ITA", "ITA", ("KFOR",), "NATO RESTRICTED", (Role.ADMIN,))


def test_an_administrator_is_staff_but_no_superuser(italian_admin):
    assert italian_admin.is_staff
    assert not italian_admin.is_superuser
    assert italian_admin.has_perm("forces.change_unit")
    assert not italian_admin.has_perm("auth.change_user")
    assert not italian_admin.has_perm("access.change_userprofile")


def test_an_administrator_cannot_make_themselves_a_german_security_officer(client, italian_admin):
    client.force_login(italian_admin)
    profile = UserProfile.objects.get(user=italian_admin)
    germany = Organisation.objects.get(code="DEU")
    form = {
        "user": italian_admin.pk,
        "organisation": profile.organisation_id,
        "nation": germany.pk,
        "clearance": Classification.NATO_SECRET,
        "roles": '["admin", "security_officer", "release_authority"]',
        "restrictive_grants": "[]",
    }
    response = client.post(f"/admin/access/userprofile/{profile.pk}/change/", form)
    assert response.status_code == 403
    profile.refresh_from_db()
    assert (profile.nation.code, profile.clearance, profile.roles) == (
        "ITA",
        Classification.NATO_RESTRICTED,
        [Role.ADMIN],
    )
    assert client.get("/admin/access/userprofile/add/").status_code == 403


def test_an_administrator_cannot_rename_an_organisation_or_edit_accounts(client, italian_admin):
    client.force_login(italian_admin)
    germany = Organisation.objects.get(code="DEU")
    renamed = client.post(
        f"/admin/access/organisation/{germany.pk}/change/",
        {"code": "XXX", "name": "Germany", "kind": "nation", "nato_member": "on"},
    )
    assert renamed.status_code == 403
    germany.refresh_from_db()
    assert germany.code == "DEU"
    other = make_user("gunter", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ANALYST,))
    assert client.get(f"/admin/auth/user/{other.pk}/password/").status_code in {403, 404}

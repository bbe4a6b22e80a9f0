"""The forces admin goes through the access policy: a lower-cleared administrator gets neither the name of a
camp they may not see, nor records they may not see, nor labels they may not apply."""

import pytest
from django.test import Client

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.conftest import make_user
from peacekeeper.forces.models import Caveat, Unit
from peacekeeper.posture.tests.factories import a_camp, a_caveat, a_unit

pytestmark = pytest.mark.django_db
RESTRICTED = "NATO RESTRICTED // REL TO KFOR"
SECRET = "NATO SECRET // REL TO KFOR"


@pytest.fixture
def admin_client(theatre, organisations) -> Client:
    admin = make_user("ada", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", (Role.ADMIN,))
    client = Client()
    client.force_login(admin)
    return client


@pytest.fixture
def hidden_camp(theatre):
    camp = a_camp("Camp Hidden Valley")
    camp.label = label_from_marking("NATO SECRET // USA ONLY")
    camp.save()
    return camp


def _unit_form(unit: Unit, **changes) -> dict:
    form = {
        "name": unit.name,
        "short_name": unit.short_name,
        "nation": unit.nation_id or "",
        "sidc": unit.sidc,
        "sidc_note": unit.sidc_note,
        "role": unit.role,
        "capabilities": '["infantry"]',
        "strength": unit.strength or "",
        "readiness_hours": unit.readiness_hours or "",
        "assumptions": "{}",
        "registry_note": "",
        "label": unit.label_id,
        "source": "",
    }
    return form | changes


def test_the_unit_form_and_list_do_not_name_a_hidden_camp(admin_client, hidden_camp):
    unit = a_unit("Visible company", camp=hidden_camp)
    page = admin_client.get(f"/admin/forces/unit/{unit.pk}/change/")
    assert page.status_code == 200
    assert "Visible company" in page.content.decode()
    assert "Camp Hidden Valley" not in page.content.decode()
    listing = admin_client.get("/admin/forces/unit/").content.decode()
    assert "Visible company" in listing
    assert "Camp Hidden Valley" not in listing
    assert "Camp Hidden Valley" not in admin_client.get("/admin/forces/unit/add/").content.decode()
    assert "Camp Hidden Valley" not in admin_client.get("/admin/forces/unit/?o=6").content.decode()


def test_saving_a_unit_keeps_the_camp_the_administrator_cannot_see(admin_client, hidden_camp):
    unit = a_unit("Visible company", camp=hidden_camp)
    response = admin_client.post(f"/admin/forces/unit/{unit.pk}/change/", _unit_form(unit, strength=130))
    assert response.status_code == 302, response.content.decode()[:3000]
    unit.refresh_from_db()
    assert (unit.strength, unit.camp_id, unit.place_id) == (130, hidden_camp.pk, hidden_camp.place_id)


def test_a_hidden_camp_cannot_be_chosen(admin_client, hidden_camp):
    unit = a_unit("Visible company")
    form = _unit_form(unit, camp=hidden_camp.pk, place=hidden_camp.place_id)
    response = admin_client.post(f"/admin/forces/unit/{unit.pk}/change/", form)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert "Camp Hidden Valley" not in response.content.decode()
    unit.refresh_from_db()
    assert unit.camp_id is None


def test_hidden_units_and_their_caveats_are_not_listed(admin_client, forces):
    hidden = a_unit("Task Force Shadow", marking=SECRET)
    caveat = a_caveat("not_north_of_ibar", unit=hidden, marking=RESTRICTED)
    assert "Task Force Shadow" not in admin_client.get("/admin/forces/unit/").content.decode()
    assert admin_client.get(f"/admin/forces/unit/{hidden.pk}/change/").status_code == 302
    assert "Task Force Shadow" not in admin_client.get("/admin/forces/caveat/").content.decode()
    assert admin_client.get(f"/admin/forces/caveat/{caveat.pk}/change/").status_code == 302
    assert "Task Force Shadow" not in admin_client.get("/admin/forces/caveat/add/").content.decode()


def test_only_labels_the_administrator_may_apply_are_offered_and_accepted(admin_client, forces):
    secret = label_from_marking(SECRET)
    unit = a_unit("Visible company")
    page = admin_client.get(f"/admin/forces/unit/{unit.pk}/change/").content.decode()
    assert RESTRICTED in page
    assert SECRET not in page
    response = admin_client.post(f"/admin/forces/unit/{unit.pk}/change/", _unit_form(unit, label=secret.pk))
    assert response.status_code == 200
    unit.refresh_from_db()
    assert unit.label.marking == RESTRICTED


def test_a_caveat_cannot_be_released_wider_than_its_unit_in_the_admin(theatre, organisations, forces):
    admin = make_user("sam", "USA", "USA", ("KFOR",), "NATO SECRET", (Role.ADMIN,))
    client = Client()
    client.force_login(admin)
    unit = a_unit("Task Force Shadow", marking=SECRET)
    form = {
        "unit": unit.pk,
        "kind": "no_night_operations",
        "params": "{}",
        "label": label_from_marking(RESTRICTED).pk,
    }
    response = client.post("/admin/forces/caveat/add/", form)
    assert response.status_code == 200
    assert "wider than the unit" in response.content.decode()
    assert not Caveat.objects.filter(unit=unit).exists()
    response = client.post("/admin/forces/caveat/add/", form | {"label": label_from_marking(SECRET).pk})
    assert response.status_code == 302
    assert Caveat.objects.filter(unit=unit).count() == 1


def test_the_admin_deletes_no_unit_whether_or_not_something_hidden_hangs_on_it(admin_client, forces):
    # A deletion would take the unit's caveats and pins with it, and its page would count them: whether a
    # unit may be deleted would then tell a hidden caveat from none. The admin deletes no unit at all.
    unit = a_unit("Visible company")
    hidden = a_caveat("min_notice_hours", {"hours": 96}, unit=unit, marking=SECRET)
    other = a_unit("Another company")
    for target in (unit, other):
        page = f"/admin/forces/unit/{target.pk}/delete/"
        assert admin_client.get(page).status_code == 403
        assert admin_client.post(page, {"post": "yes"}).status_code == 403
    assert Caveat.objects.filter(pk=hidden.pk).exists()
    assert Unit.objects.filter(pk__in=[unit.pk, other.pk]).count() == 2


def test_the_admin_shows_no_object_history_of_a_releasable_record(admin_client, forces):
    # Its entries name the fields changed, whatever the label then and whether they are withheld now.
    unit = a_unit("Visible company")
    for object_id in (unit.pk, 999_999):
        assert admin_client.get(f"/admin/forces/unit/{object_id}/history/").status_code == 403

"""A caveat names its unit: one on a unit the reader may not see is absent, and none may be released
wider than its unit (no writing down)."""

import pytest

from peacekeeper.forces.models import Caveat
from peacekeeper.posture.tests.factories import a_caveat, a_unit

SECRET = "NATO SECRET // REL TO KFOR"
RESTRICTED = "NATO RESTRICTED // REL TO KFOR"


@pytest.fixture
def caveat_on_hidden_unit(forces):
    hidden = a_unit("Task Force Shadow", marking=SECRET)
    return a_caveat("not_north_of_ibar", unit=hidden, marking=RESTRICTED)


def test_a_caveat_on_a_hidden_unit_is_absent(client, caveat_on_hidden_unit, german_watchkeeper):
    client.force_login(german_watchkeeper)  # cleared NATO RESTRICTED: may read the caveat, not the unit
    assert client.get(f"/api/forces/units/{caveat_on_hidden_unit.unit_id}").status_code == 404
    rows = client.get("/api/forces/caveats").json()
    assert caveat_on_hidden_unit.pk not in {row["id"] for row in rows}
    assert "Task Force Shadow" not in {row["unit_name"] for row in rows}
    page = client.get("/forces/caveats/").content.decode()
    assert "Task Force Shadow" not in page
    assert f"/forces/units/{caveat_on_hidden_unit.unit_id}/" not in page
    assert client.get(f"/forces/caveats/{caveat_on_hidden_unit.pk}/").status_code in (403, 404)


def test_a_caveat_on_a_hidden_unit_is_listed_to_the_units_readers(
    client, caveat_on_hidden_unit, italian_analyst
):
    client.force_login(italian_analyst)  # cleared NATO SECRET
    rows = client.get("/api/forces/caveats").json()
    assert {row["unit_name"] for row in rows if row["id"] == caveat_on_hidden_unit.pk} == {
        "Task Force Shadow"
    }


def test_a_caveat_cannot_be_released_wider_than_its_unit(client, forces, american_planner):
    unit = a_unit("Task Force Shadow", marking=SECRET)
    client.force_login(american_planner)
    body = {"kind": "no_night_operations", "unit": unit.pk, "marking": RESTRICTED}
    response = client.post("/api/forces/caveats", body, content_type="application/json")
    assert response.status_code == 422, response.content
    errors = {error["field"]: error["reason"] for error in response.json()["errors"]}
    assert "wider than the unit" in errors["marking"]
    assert not Caveat.objects.filter(unit=unit).exists()
    # The form says so next to the marking.
    form = {"unit": str(unit.pk), "kind": "no_night_operations", "marking": RESTRICTED}
    page = client.post("/forces/caveats/new/", form)
    assert page.status_code == 422
    assert "wider than the unit" in page.content.decode()
    assert not Caveat.objects.filter(unit=unit).exists()
    # As narrow as the unit, or narrower, it is recorded.
    response = client.post("/api/forces/caveats", body | {"marking": SECRET}, content_type="application/json")
    assert response.status_code == 201, response.content


def test_changing_a_caveat_cannot_widen_it_past_its_unit(client, forces, american_planner):
    unit = a_unit("Task Force Shadow", marking=SECRET)
    caveat = a_caveat("no_night_operations", unit=unit, marking=SECRET)
    client.force_login(american_planner)
    body = {"kind": "no_night_operations", "unit": unit.pk, "marking": RESTRICTED}
    response = client.put(f"/api/forces/caveats/{caveat.pk}", body, content_type="application/json")
    assert response.status_code == 422, response.content
    caveat.refresh_from_db()
    assert caveat.label.marking == SECRET

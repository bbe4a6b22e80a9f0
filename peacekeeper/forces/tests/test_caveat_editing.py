"""Planners record caveats through the API and the form; bad input is refused field by field, unwritten."""

import pytest

from peacekeeper.forces.models import Caveat, Unit

GOOD = {"kind": "no_capability", "nation": "ITA", "params": {"capability": "eod"}, "note": "exercise test"}


def post(client, body: dict):
    return client.post("/api/forces/caveats", body, content_type="application/json")


def fields(response) -> dict[str, str]:
    return {error["field"]: error["reason"] for error in response.json()["errors"]}


def test_a_planner_records_a_national_caveat(client, forces, american_planner):
    client.force_login(american_planner)
    response = post(client, GOOD)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["description"] == "no tasks needing explosive ordnance disposal"
    assert body["marking"] == "NATO RESTRICTED // REL TO KFOR"
    assert Caveat.objects.filter(nation__code="ITA", kind="no_capability").count() == 1


def test_a_planner_changes_a_caveat(client, forces, american_planner):
    client.force_login(american_planner)
    caveat = Caveat.objects.get(scenario_key="caveat:che-72h")
    body = {
        "kind": "min_notice_hours",
        "nation": "CHE",
        "params": {"hours": 96},
        "marking": "NATO RESTRICTED // REL TO KFOR",
    }
    response = client.put(f"/api/forces/caveats/{caveat.pk}", body, content_type="application/json")
    assert response.status_code == 200, response.content
    caveat.refresh_from_db()
    assert caveat.params == {"hours": 96}


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        (GOOD | {"params": {"capability": "cavalry"}}, "params.capability", "unknown capability 'cavalry'"),
        (GOOD | {"kind": "min_notice_hours", "params": {}}, "params.hours", "required for min_notice_hours"),
        (GOOD | {"kind": "min_notice_hours", "params": {"hours": 0}}, "params.hours", "at least 1"),
        (
            GOOD | {"kind": "only_in_region", "params": {"region": "RC-N"}},
            "params.region",
            "unknown regional command",
        ),
        (GOOD | {"kind": "no_night_operations"}, "params.capability", "not used by no_night_operations"),
        (GOOD | {"kind": "no_swimming"}, "kind", "unknown caveat kind"),
        (GOOD | {"nation": "XXX"}, "nation", "not a contributing nation"),
        (GOOD | {"unit": 1}, "applies_to", "not both"),
        (GOOD | {"nation": None}, "applies_to", "not both and not neither"),
        (GOOD | {"marking": "NATO TOP SECRET"}, "marking", ""),
        (GOOD | {"marking": "NATO RESTRICTED // DEU ONLY"}, "marking", "you cannot release"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(client, forces, american_planner, body, field, reason):
    client.force_login(american_planner)
    before = Caveat.objects.count()
    response = post(client, body)
    assert response.status_code == 422, response.content
    assert response.json()["detail"] == "invalid input"
    assert field in fields(response), fields(response)
    assert reason in fields(response)[field]
    assert Caveat.objects.count() == before


def test_a_unit_the_planner_may_not_see_cannot_be_given_a_caveat(client, german_only_unit, american_planner):
    client.force_login(american_planner)
    response = post(client, {"kind": "no_night_operations", "unit": german_only_unit.pk})
    assert response.status_code == 422
    assert "nation" not in fields(response)
    assert fields(response)["unit"] == f"no unit {german_only_unit.pk} that you may see"


def test_a_watchkeeper_may_read_caveats_but_not_keep_them(client, forces, german_watchkeeper):
    client.force_login(german_watchkeeper)
    assert client.get("/api/forces/caveats").status_code == 200
    assert post(client, GOOD).status_code == 403
    assert client.get("/forces/caveats/new/").status_code == 403


def test_the_form_shows_each_error_next_to_its_field(client, forces, american_planner):
    client.force_login(american_planner)
    unit = Unit.objects.get(short_name="KTRBN")
    form = {
        "unit": str(unit.pk),
        "kind": "min_notice_hours",
        "hours": "",
        "marking": "NATO RESTRICTED // REL TO KFOR",
    }
    response = client.post("/forces/caveats/new/", form)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'data-field="hours"' in page
    assert "required for min_notice_hours" in page
    assert not Caveat.objects.filter(unit=unit).exists()
    response = client.post("/forces/caveats/new/", form | {"hours": "24"})
    assert response.status_code == 302
    assert Caveat.objects.get(unit=unit).params == {"hours": 24}
    assert "At least 24 h notice" in client.get("/forces/caveats/").content.decode()


def test_the_form_refuses_a_nation_and_a_unit_together(client, forces, american_planner):
    client.force_login(american_planner)
    unit = Unit.objects.get(short_name="KTRBN")
    form = {
        "nation": "HUN",
        "unit": str(unit.pk),
        "kind": "not_north_of_ibar",
        "marking": "NATO RESTRICTED // REL TO KFOR",
    }
    response = client.post("/forces/caveats/new/", form)
    assert response.status_code == 422
    assert "not both and not neither" in response.content.decode()

"""Regression tests for the security review of posture: what a NATO RESTRICTED planner learns of records
released to NATO SECRET readers only, through allocations, options, decisions and the allocation map."""

import json
import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from peacekeeper.access.labels import label_from_marking
from peacekeeper.core.errors import InputError
from peacekeeper.posture.allocating import current_allocation, run_allocation
from peacekeeper.posture.deciding import create_option, record_decision
from peacekeeper.posture.metrics import allocation_view
from peacekeeper.posture.models import Decision, PostureOption, Task
from peacekeeper.posture.tests.factories import a_camp, a_task, a_unit
from peacekeeper.theatre.models import Place, Site

pytestmark = pytest.mark.django_db
SECRET = "NATO SECRET // REL TO KFOR"
KFOR_RESTRICTED = "NATO RESTRICTED // REL TO KFOR"


def _without_csrf_tokens(page: str) -> str:
    """The page without its random CSRF tokens, which may hold any digits (a "450" in one is no leak)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', page)


def _lines(view) -> str:
    return " ".join(line for item in view.unmet for line in item["lines"])


def test_unmet_shortfall_counts_only_units_the_reader_sees_and_names_no_hidden_task(
    theatre, planner, german_planner, client
):
    camp = a_camp()
    a_unit("Visible company", camp=camp)
    a_unit("Busy company", camp=camp)
    a_unit("Secret company", camp=camp, marking=SECRET)
    a_task("Pristina patrol", strength=400, priority=3)
    a_task("Secret op", strength=100, priority=1, marking=SECRET)
    run_allocation(user=planner)
    view = allocation_view(current_allocation(None), user=german_planner, threat=set())
    visible_troops = sum(row["troops"] for row in view.rows if row["task"].name == "Pristina patrol")
    [unmet] = view.unmet
    assert unmet["shortfall"] == 400 - visible_troops
    assert "not released" not in _lines(view)
    assert "Secret" not in _lines(view)
    assert "higher-priority" not in _lines(view)
    client.force_login(german_planner)
    [api_unmet] = client.get("/api/posture/allocations/latest").json()["unmet"]
    assert api_unmet["shortfall"] == 400 - visible_troops
    assert not any("not released" in line or "Secret" in line for line in api_unmet["lines"])
    # The planner who may see everything still gets the whole story.
    [own] = allocation_view(current_allocation(None), user=planner, threat=set()).unmet
    assert own["shortfall"] == 400 - 240


def test_a_task_met_only_by_a_hidden_unit_is_unmet_for_the_reader(theatre, planner, german_planner):
    camp = a_camp()
    a_unit("Secret company", camp=camp, strength=200, capabilities=("infantry", "eod"), marking=SECRET)
    a_task("Gate", strength=150, capabilities=("infantry", "eod"))
    allocation = run_allocation(user=planner)
    assert allocation_view(allocation, user=planner, threat=set()).unmet == []
    [unmet] = allocation_view(allocation, user=german_planner, threat=set()).unmet
    assert unmet["shortfall"] == 150
    assert unmet["missing"] == ["Infantry", "Explosive ordnance disposal"]
    assert unmet["lines"] == [
        "No unit you can task has infantry.",
        "No unit you can task has explosive ordnance disposal.",
    ]


def test_an_option_is_refused_when_released_wider_than_what_it_names(theatre, planner, client):
    secret = a_task("Secret op", marking=SECRET)
    secret_unit = a_unit("Secret company", camp=a_camp(), marking=SECRET)
    for change in (
        {"kind": "set_task_strength", "task": secret.pk, "strength": 450},
        {"kind": "unfix_task", "task": secret.pk},
        {"kind": "move_unit", "unit": secret_unit.pk, "camp": secret_unit.camp_id},
    ):
        with pytest.raises(InputError) as raised:
            create_option(user=planner, name="Surge", changes=[change], marking=KFOR_RESTRICTED)
        assert [error.field for error in raised.value.errors] == ["marking"]
    client.force_login(planner)
    response = client.post(
        "/api/posture/options",
        json.dumps({"name": "Surge", "changes": [{"kind": "unfix_task", "task": secret.pk}]}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["marking"]
    assert not PostureOption.objects.exists()
    create_option(
        user=planner, name="Surge", changes=[{"kind": "unfix_task", "task": secret.pk}], marking=SECRET
    )


def test_a_decision_is_refused_when_released_wider_than_its_option(theatre, planner):
    secret_option = create_option(user=planner, name="Surge north", changes=[], marking=SECRET)
    with pytest.raises(InputError) as raised:
        record_decision(user=planner, option_id=secret_option.pk, rationale="Go", marking=KFOR_RESTRICTED)
    assert [error.field for error in raised.value.errors] == ["marking"]
    assert not Decision.objects.exists()
    record_decision(user=planner, option_id=secret_option.pk, rationale="Go", marking=SECRET)


def test_changes_and_decisions_naming_what_the_reader_may_not_see_are_left_out(
    theatre, planner, german_planner, client
):
    """Records written before the refusal existed: the reader sees no stand-in for what they may not see."""
    secret = a_task("Secret op", marking=SECRET)
    shared = a_task("Shared patrol")
    restricted = label_from_marking(KFOR_RESTRICTED)
    option = PostureOption.objects.create(
        name="Surge",
        created_by=planner,
        label=restricted,
        changes=[
            {"kind": "set_task_strength", "task": secret.pk, "strength": 450},
            {"kind": "unfix_task", "task": shared.pk},
        ],
    )
    secret_option = PostureOption.objects.create(
        name="Surge north", created_by=planner, label=label_from_marking(SECRET), changes=[]
    )
    Decision.objects.create(option=secret_option, decided_by=planner, rationale="Go north", label=restricted)
    client.force_login(german_planner)
    assert client.get("/api/posture/options").json()[0]["changes"] == ["Unfix Shared patrol"]
    assert client.get("/api/posture/decisions").json() == []
    for path in ("/posture/decisions/", f"/posture/options/{option.pk}/", "/posture/compare/"):
        page = _without_csrf_tokens(client.get(path).content.decode())
        assert "not released to you" not in page
        assert "Go north" not in page
        assert "450" not in page


def _hidden_depot() -> Site:
    place = Place.objects.create(
        name="Depot X", kind=Place.Kind.SITE, lat=42.81234, lon=20.95678, scenario_key="test:depot"
    )
    return Site.objects.create(
        place=place,
        name="Secret depot",
        kind=Site.Kind.PROTECTED,
        label=label_from_marking("NATO SECRET // USA ONLY"),
    )


def test_a_task_at_a_site_the_reader_may_not_see_is_not_drawn_there(theatre, german_planner, client):
    a_unit("German company", camp=a_camp())
    task = a_task("Guard the depot", strength=100)
    Task.objects.filter(pk=task.pk).update(site=_hidden_depot())
    run_allocation(user=german_planner)
    client.force_login(german_planner)
    page = client.get("/posture/allocation/").content.decode()
    assert "Guard the depot" in page
    assert "42.81234" not in page
    assert "20.95678" not in page
    assert "23.5" not in page  # the distance from the camp to the depot
    [row] = client.get("/api/posture/allocations/latest").json()["assignments"]
    assert row["travel_km"] is None


def test_the_task_form_refuses_a_marking_wider_than_the_site(theatre, planner, client):
    from peacekeeper.posture.tests.test_task_form_and_api import _form

    place = Place.objects.create(
        name="Depot Y", kind=Place.Kind.SITE, lat=42.8, lon=20.9, scenario_key="test:depot-y"
    )
    depot = Site.objects.create(
        place=place, name="Secret depot", kind=Site.Kind.PROTECTED, label=label_from_marking(SECRET)
    )
    client.force_login(planner)
    response = client.post("/posture/tasks/new", _form(site=str(depot.pk)))
    assert response.status_code == 200
    assert 'data-testid="error-marking"' in response.content.decode()
    assert not Task.objects.exists()
    assert client.post("/posture/tasks/new", _form(site=str(depot.pk), marking=SECRET)).status_code == 302


@pytest.mark.parametrize("data", [{"pin": "1"}, {"pin": "1", "pair": "x"}, {"unpin": "1", "pair": "3:"}])
def test_a_pin_without_a_proper_pair_names_the_field(theatre, planner, data):
    client = Client(raise_request_exception=False)
    client.force_login(planner)
    response = client.post("/posture/allocation/", data)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["pair: expected unit:task"]


def test_a_unit_at_a_camp_the_reader_may_not_see_is_not_drawn_from_it(theatre, german_planner, client):
    camp = a_camp("Camp Secret", 42.91234, 20.81234)
    Site.objects.filter(pk=camp.pk).update(label=label_from_marking(SECRET))
    a_unit("German company", camp=camp)
    a_task("Pristina patrol", strength=100)
    run_allocation(user=german_planner)
    client.force_login(german_planner)
    page = client.get("/posture/allocation/").content.decode()
    assert "German company" in page
    assert "42.91234" not in page
    assert "20.81234" not in page
    assert "Camp Secret" not in page
    [row] = client.get("/api/posture/allocations/latest").json()["assignments"]
    assert row["travel_km"] is None

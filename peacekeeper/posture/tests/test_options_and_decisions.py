"""Posture options through the API, the comparison page, the scenario tasks, and append-only decisions."""

import json

import pytest
from django.core.exceptions import ValidationError

from peacekeeper.posture.deciding import create_option, record_decision
from peacekeeper.posture.loading import load_tasks
from peacekeeper.posture.models import Decision, Task
from peacekeeper.posture.tests.factories import a_camp, a_task, a_unit

pytestmark = pytest.mark.django_db


def _post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_an_option_with_a_bad_change_is_refused_naming_the_field(theatre, planner, client):
    client.force_login(planner)
    response = _post(client, "/api/posture/options", {"name": "Cut", "changes": [{"kind": "reduce_force"}]})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "changes[0].percent", "reason": "required for reduce_force"}
    ]


def test_an_option_that_unfixes_a_task_is_run_and_compared(theatre, planner, client):
    a_unit("Company", camp=a_camp(), strength=100)
    guard = a_task("Static guard", strength=100, priority=1)
    a_task("Patrol", strength=100, priority=2)
    client.force_login(planner)
    base = _post(client, "/api/posture/allocations", {})
    assert base.status_code == 201
    assert [row["task_name"] for row in base.json()["assignments"]] == ["Static guard"]
    option = _post(
        client,
        "/api/posture/options",
        {"name": "Unfix the guard", "changes": [{"kind": "unfix_task", "task": guard.pk}]},
    ).json()
    assert option["changes"] == ["Unfix Static guard"]
    run = _post(client, "/api/posture/allocations", {"option": option["id"]}).json()
    assert [row["task_name"] for row in run["assignments"]] == ["Patrol"]
    assert run["unmet"] == []
    page = client.get("/posture/compare/")
    assert page.status_code == 200
    assert b"Unfix the guard" in page.content
    assert b"Current posture" in page.content


def test_a_decision_is_recorded_and_never_changed(theatre, planner, client):
    option = create_option(user=planner, name="Surge north", changes=[])
    decision = record_decision(user=planner, option_id=option.pk, rationale="Tension in the north")
    decision.rationale = "rewritten"
    with pytest.raises(ValidationError):
        decision.save()
    with pytest.raises(ValidationError):
        decision.delete()
    client.force_login(planner)
    history = client.get("/api/posture/decisions").json()
    assert [(d["option"], d["rationale"]) for d in history] == [(option.pk, "Tension in the north")]
    assert Decision.objects.count() == 1


def test_a_decision_needs_a_rationale(theatre, planner, client):
    option = create_option(user=planner, name="Surge north", changes=[])
    client.force_login(planner)
    response = _post(client, "/api/posture/decisions", {"option": option.pk, "rationale": " "})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "rationale"


def test_the_scenario_task_list_loads_idempotently_and_marks_its_assumptions(theatre):
    first = load_tasks(name="kosovo")
    again = load_tasks(name="kosovo")
    assert first.created == Task.objects.count() >= 10
    assert again.created == 0
    gate = Task.objects.get(scenario_key="task:jarinje-gate-1")
    assert gate.crossing.kfor_designation == "Gate 1"
    assert all("Exercise assumption" in task.assumption_note for task in Task.objects.all())


def test_tasks_a_reader_may_not_see_are_absent_from_the_list_and_api(
    theatre, planner, german_planner, client
):
    a_task("US only task", marking="NATO RESTRICTED // REL TO USA")
    a_task("Shared task")
    client.force_login(german_planner)
    assert [t["name"] for t in client.get("/api/posture/tasks").json()] == ["Shared task"]
    page = client.get("/posture/")
    assert b"Shared task" in page.content
    assert b"US only task" not in page.content


def test_the_demo_posture_is_built_once(forces):
    from peacekeeper.access.services import create_demo_users
    from peacekeeper.posture.demo import build_demo_posture
    from peacekeeper.posture.models import Allocation, PostureOption

    create_demo_users()
    load_tasks(name="kosovo")
    first = build_demo_posture()
    assert "ran the current posture" in first
    assert PostureOption.objects.count() == 3
    assert Allocation.objects.count() == 4
    assert build_demo_posture() == []

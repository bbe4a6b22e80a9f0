"""The task form (functional), and the allocation API's answers for pins and hidden units."""

import json

import pytest

from peacekeeper.access.models import AuditEntry
from peacekeeper.posture.models import Task
from peacekeeper.posture.tests.factories import a_camp, a_caveat, a_task, a_unit

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "name": "Checkpoint Zubin Potok",
        "kind": "checkpoint",
        "priority": "2",
        "strength": "30",
        "capabilities": ["infantry"],
        "notice_hours": "12",
        "lat": "42.91",
        "lon": "20.69",
        "active": "on",
        "marking": "NATO RESTRICTED // REL TO KFOR",
    }
    return data | overrides


def test_the_task_form_creates_a_task_and_audits_it(theatre, planner, client):
    client.force_login(planner)
    response = client.post("/posture/tasks/new", _form())
    assert response.status_code == 302
    task = Task.objects.get(name="Checkpoint Zubin Potok")
    assert task.label.marking == "NATO RESTRICTED // REL TO KFOR"
    assert AuditEntry.objects.filter(record_id=str(task.pk), action="created").exists()


def test_the_task_form_names_each_bad_field(theatre, planner, client):
    client.force_login(planner)
    response = client.post(
        "/posture/tasks/new",
        _form(priority="9", ends_at="2026-12-01T10:00", marking="NATO SECRET // REL TO XYZ"),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-testid="error-priority"' in content
    assert 'data-testid="error-ends_at"' in content
    assert 'data-testid="error-marking"' in content
    assert not Task.objects.exists()


def test_a_refused_pin_answers_422_with_the_reason(theatre, planner, client):
    unit = a_unit("Italian company", camp=a_camp(), nation="ITA")
    a_caveat("not_north_of_ibar", nation="ITA")
    task = a_task("Zvečan patrol", area="XK-MUN-ZVECAN")
    client.force_login(planner)
    response = client.post(
        "/api/posture/pins", json.dumps({"unit": unit.pk, "task": task.pk}), content_type="application/json"
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "unit"
    assert error["reason"] == "Italian company cannot take Zvečan patrol: not north of the Ibar"


def test_the_allocation_api_leaves_out_a_unit_the_reader_may_not_see(
    theatre, planner, german_planner, client
):
    camp = a_camp()
    a_unit("US only company", camp=camp, nation="USA", marking="NATO RESTRICTED // REL TO USA", strength=100)
    a_unit("German company", camp=camp, strength=100)
    a_task("Patrol", strength=200)
    client.force_login(planner)
    assert client.post("/api/posture/allocations", "{}", content_type="application/json").status_code == 201
    client.force_login(german_planner)
    body = client.get("/api/posture/allocations/latest").json()
    assert [row["unit_name"] for row in body["assignments"]] == ["German company"]
    assert body["troops"] == 100
    assert "US only" not in json.dumps(body)


def test_an_option_that_reduces_the_force_commits_fewer_troops(theatre, planner, client):
    a_unit("Company", camp=a_camp(), strength=100)
    a_task("Patrol", strength=100)
    client.force_login(planner)
    post = lambda path, body: client.post(path, json.dumps(body), content_type="application/json")  # noqa: E731
    assert post("/api/posture/allocations", {}).json()["troops"] == 100
    option = post(
        "/api/posture/options", {"name": "Cut", "changes": [{"kind": "reduce_force", "percent": 10}]}
    )
    run = post("/api/posture/allocations", {"option": option.json()["id"]}).json()
    assert run["troops"] == 90
    assert run["unmet"][0]["shortfall"] == 10


def test_only_planners_run_the_optimiser_or_edit_tasks(theatre, german_watchkeeper, client):
    client.force_login(german_watchkeeper)
    response = client.post("/api/posture/allocations", "{}", content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"] == "only planners and administrators plan the posture"
    assert client.post("/posture/tasks/new", _form()).status_code == 403
    assert client.get("/posture/").status_code == 200


def test_a_second_pin_of_a_unit_at_the_same_time_is_refused(theatre, planner):
    from peacekeeper.core.errors import InputError
    from peacekeeper.posture.allocating import pin_assignment

    unit = a_unit("Company", camp=a_camp())
    first, second = a_task("Patrol A"), a_task("Patrol B")
    pin_assignment(user=planner, unit_id=unit.pk, task_id=first.pk)
    with pytest.raises(InputError) as raised:
        pin_assignment(user=planner, unit_id=unit.pk, task_id=second.pk)
    assert "already pinned to a task at the same time" in str(raised.value)

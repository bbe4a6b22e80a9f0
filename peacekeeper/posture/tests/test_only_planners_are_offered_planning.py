"""Posture pages offer planning (new task, task form, run, pins, options, decisions) only to those who may
plan: each demo user sees the actions their roles allow, and a refused address answers the styled 403."""

import re

import pytest

from peacekeeper.access.services import create_demo_users
from peacekeeper.posture.allocating import run_allocation
from peacekeeper.posture.deciding import create_option
from peacekeeper.posture.planners import may_plan
from peacekeeper.posture.tests.factories import a_camp, a_task, a_unit

pytestmark = pytest.mark.django_db

PLANNERS = {"planner", "admin"}
NOT_PLANNERS = {"watchkeeper", "analyst", "liaison", "pressofficer", "eulex", "security"}


@pytest.fixture
def demo(theatre):
    from django.contrib.auth.models import User

    create_demo_users()
    planner = User.objects.get(username="planner")
    a_unit("Company", camp=a_camp(), strength=100)
    task = a_task("Patrol Pristina", strength=100, priority=1, marking="NATO UNCLASSIFIED // REL TO KFOR")
    option = create_option(
        user=planner, name="Unfix the patrol", changes=[], marking="NATO UNCLASSIFIED // REL TO KFOR"
    )
    run_allocation(user=planner)
    return {user.username: user for user in User.objects.all()}, task, option


def _offers(client, task, option) -> set[str]:
    pages = {
        path: client.get(path).content.decode()
        for path in (
            "/posture/",
            "/posture/allocation/",
            "/posture/options/",
            "/posture/decisions/",
            "/posture/compare/",
        )
    }
    found = {
        "new task": "/posture/tasks/new" in pages["/posture/"],
        "task form": f"/posture/tasks/{task.pk}/edit" in pages["/posture/"],
        "run": 'id="run-form"' in pages["/posture/allocation/"],
        "pin": re.search(r'<button name="(un)?pin"', pages["/posture/allocation/"]) is not None,
        "new option": 'id="option-form"' in pages["/posture/options/"],
        "decision": 'id="decision-form"' in pages["/posture/decisions/"],
        "decide": f"/posture/decisions/?option={option.pk}" in pages["/posture/compare/"],
    }
    return {name for name, offered in found.items() if offered}


EVERY_ACTION = {"new task", "task form", "run", "pin", "new option", "decision", "decide"}


@pytest.mark.parametrize("username", sorted(PLANNERS | NOT_PLANNERS))
def test_each_demo_user_is_offered_planning_only_if_they_may_plan(demo, client, username):
    users, task, option = demo
    user = users[username]
    assert may_plan(user) == (username in PLANNERS)
    client.force_login(user)

    offered = _offers(client, task, option)

    if username in PLANNERS:
        assert offered == EVERY_ACTION
    else:
        assert offered == set()


def _styled(page: str) -> bool:
    return (
        'data-testid="banner-top"' in page
        and 'data-testid="banner-bottom"' in page
        and '<nav class="nav" aria-label="Main">' in page
        and "Back to the map" in page
    )


@pytest.mark.parametrize("username", ["watchkeeper", "pressofficer", "eulex"])
def test_the_new_task_form_refuses_others_with_the_styled_not_allowed_page(demo, client, username):
    users, _, _ = demo
    client.force_login(users[username])

    response = client.get("/posture/tasks/new")

    assert response.status_code == 403
    assert _styled(response.content.decode())
    assert "Only planners and administrators plan the posture." in response.content.decode()


def test_a_task_form_is_refused_to_a_reader_of_the_task_and_missing_for_one_who_may_not_see_it(demo, client):
    users, task, _ = demo
    client.force_login(users["watchkeeper"])
    refused = client.get(f"/posture/tasks/{task.pk}/edit")
    client.force_login(users["eulex"])
    hidden = client.get(f"/posture/tasks/{task.pk}/edit")

    assert refused.status_code == 403
    assert _styled(refused.content.decode())
    assert hidden.status_code == 404
    assert _styled(hidden.content.decode())
    assert "Only planners" not in hidden.content.decode()

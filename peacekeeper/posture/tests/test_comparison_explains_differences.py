"""The comparison says why an option differs from the current posture, from the two runs' assignments:
a smaller force can commit more troops when a unit that alone covered a task no longer does."""

import pytest

from peacekeeper.posture.allocating import run_allocation
from peacekeeper.posture.deciding import create_option
from peacekeeper.posture.differences import explain_differences
from peacekeeper.posture.metrics import allocation_view
from peacekeeper.posture.tests.factories import a_camp, a_task, a_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def reserve_and_a_spare(theatre):
    a_unit("Reserve company", camp=a_camp("Camp Near", 42.66, 21.16), strength=150)
    a_unit("Spare company", camp=a_camp("Camp Far", 42.36, 21.25), strength=110)
    return a_task("KFOR reserve", strength=150, priority=1)


def _views(planner, changes):
    base = run_allocation(user=planner)
    option = create_option(user=planner, name="Option", changes=changes)
    run = run_allocation(user=planner, option=option)
    return allocation_view(base, user=planner, threat=set()), allocation_view(run, user=planner, threat=set())


def test_a_smaller_force_that_commits_more_troops_says_which_task_needed_the_extra_unit(
    reserve_and_a_spare, planner
):
    base, option = _views(planner, [{"kind": "reduce_force", "percent": 10}])
    spare_km = next(row["travel_km"] for row in option.rows if row["unit"].name == "Spare company")
    more_km = round(option.travel_km - base.travel_km, 1)

    lines = explain_differences(base, option)

    assert (base.troops, option.troops) == (150, 234)
    assert lines == [
        "Commits 84 more troops than the current posture (234 against 150), "
        f"with {more_km:g} km more travel.",
        "The one unit committed in both counts 15 fewer troops, at this option's strengths.",
        "Newly committed: Spare company (99), +99 troops.",
        f"KFOR reserve (needs 150): adds Spare company (99 troops, {spare_km:g} km from its camp; not "
        "committed in the current posture), because Reserve company brings only 135 of the 150 "
        "in this option.",
    ]


def test_an_option_that_unfixes_a_task_says_which_unit_it_frees(theatre, planner):
    a_unit("Guard company", camp=a_camp(), strength=100)
    guard = a_task("Static guard", strength=60, priority=1)

    base, option = _views(planner, [{"kind": "unfix_task", "task": guard.pk}])

    assert explain_differences(base, option) == [
        "Commits 100 fewer troops than the current posture (0 against 100), "
        f"with {base.travel_km:g} km less travel.",
        "No longer committed: Guard company (100), −100 troops.",
        "Static guard (needs 60): drops Guard company (no longer committed).",
    ]


def test_the_comparison_page_shows_the_reasons_under_each_option(reserve_and_a_spare, planner, client):
    _views(planner, [{"kind": "reduce_force", "percent": 10}])
    client.force_login(planner)

    page = client.get("/posture/compare/").content.decode()

    assert 'data-testid="differences"' in page
    assert "because Reserve company brings only 135 of the 150 in this option" in page

"""The optimiser on the database: assignments, pins, unmet requirements explained, and releasability."""

import pytest

from peacekeeper.core.errors import InputError
from peacekeeper.posture.allocating import pin_assignment, run_allocation
from peacekeeper.posture.metrics import allocation_view
from peacekeeper.posture.tests.factories import a_camp, a_caveat, a_task, a_unit

pytestmark = pytest.mark.django_db


def test_it_assigns_the_nearest_unit_that_covers_the_task(theatre, planner):
    near = a_camp("Camp Near", 42.66, 21.16)
    far = a_camp("Camp Far", 42.36, 21.25)
    a_unit("Near company", camp=near)
    a_unit("Far company", camp=far)
    task = a_task("Pristina patrol", strength=100)
    allocation = run_allocation(user=planner)
    rows = list(allocation.assignments.values_list("unit__name", "task_id"))
    assert rows == [("Near company", task.pk)]
    assert allocation.status == "optimal"
    assert allocation.gap == 0


def test_a_pinned_assignment_is_kept_even_when_another_unit_is_closer(theatre, planner):
    near, far = a_camp("Camp Near", 42.66, 21.16), a_camp("Camp Far", 42.36, 21.25)
    a_unit("Near company", camp=near)
    far_unit = a_unit("Far company", camp=far)
    task = a_task("Pristina patrol", strength=100)
    pin_assignment(user=planner, unit_id=far_unit.pk, task_id=task.pk)
    allocation = run_allocation(user=planner)
    pinned = allocation.assignments.get(unit=far_unit)
    assert pinned.pinned


def test_a_pin_that_breaks_a_caveat_is_refused_with_the_caveat(theatre, planner):
    camp = a_camp()
    unit = a_unit("Careful company", camp=camp, nation="ITA")
    a_caveat("not_north_of_ibar", nation="ITA")
    task = a_task("Zvečan patrol", area="XK-MUN-ZVECAN")
    with pytest.raises(InputError) as raised:
        pin_assignment(user=planner, unit_id=unit.pk, task_id=task.pk)
    assert "not north of the Ibar" in str(raised.value)


def test_an_unmet_requirement_names_the_caveat_the_readiness_and_the_missing_capability(theatre, planner):
    camp = a_camp()
    a_unit("Italian company", camp=camp, nation="ITA")
    a_caveat("not_north_of_ibar", nation="ITA")
    a_unit("Slow company", camp=camp, readiness_hours=96)
    a_task("Zvečan CRC", area="XK-MUN-ZVECAN", capabilities=("infantry", "eod"), notice_hours=24)
    allocation = run_allocation(user=planner)
    view = allocation_view(allocation, user=planner, threat=set())
    [unmet] = view.unmet
    text = " ".join(unmet["lines"])
    assert unmet["shortfall"] == 100
    assert unmet["missing"] == ["Infantry", "Explosive ordnance disposal"]
    assert "No unit you can task has explosive ordnance disposal" in text
    assert "Italian company: blocked by not north of the Ibar" in text
    assert "Slow company: blocked by notice to move 96 h, task gives 24 h" in text


def test_a_unit_used_by_a_higher_priority_task_is_named_as_such(theatre, planner):
    a_unit("Only company", camp=a_camp())
    a_task("Gate", priority=1)
    a_task("Patrol", priority=4)
    view = allocation_view(run_allocation(user=planner), user=planner, threat=set())
    [unmet] = view.unmet
    assert unmet["task_name"] == "Patrol"
    assert "already used by a higher-priority task (Gate)" in " ".join(unmet["lines"])


def test_a_unit_the_planner_may_not_see_is_never_allocated_nor_shown(theatre, german_planner):
    camp = a_camp()
    a_unit("US only company", camp=camp, nation="USA", marking="NATO RESTRICTED // REL TO USA")
    a_unit("German company", camp=camp, strength=40)
    a_task("Patrol", strength=100)
    allocation = run_allocation(user=german_planner)
    assert list(allocation.assignments.values_list("unit__name", flat=True)) == ["German company"]
    view = allocation_view(allocation, user=german_planner, threat=set())
    assert view.troops == 40
    assert "US only" not in " ".join(line for item in view.unmet for line in item["lines"])


def test_a_caveat_not_released_to_the_planner_is_applied_and_not_cited(theatre, german_planner):
    """Applied all the same, but neither quoted nor stood in for: "a caveat not released to you" would say
    that a hidden record exists on this unit and that it refuses this task (explaining._readable)."""
    camp = a_camp()
    unit = a_unit("German company", camp=camp)
    a_caveat("not_north_of_ibar", unit=unit, marking="NATO SECRET // REL TO KFOR")
    a_unit("Slow company", camp=camp, readiness_hours=96)
    a_task("Zvečan patrol", area="XK-MUN-ZVECAN")
    allocation = run_allocation(user=german_planner)
    assert not allocation.assignments.exists()
    view = allocation_view(allocation, user=german_planner, threat=set())
    text = " ".join(view.unmet[0]["lines"])
    assert "not released" not in text
    assert "Ibar" not in text
    assert "German company" not in text
    assert "Slow company: blocked by notice to move 96 h, task gives 24 h." in text


def test_figures_for_a_reader_do_not_count_units_they_may_not_see(theatre, planner, german_planner):
    camp = a_camp()
    a_unit("US only company", camp=camp, nation="USA", marking="NATO RESTRICTED // REL TO USA", strength=150)
    a_unit("German company", camp=camp, strength=60)
    a_task("Patrol", strength=200)
    allocation = run_allocation(user=planner)
    assert allocation_view(allocation, user=planner, threat=set()).troops == 210
    assert allocation_view(allocation, user=german_planner, threat=set()).troops == 60


def test_bad_solver_parameters_are_refused_by_field(theatre, planner):
    with pytest.raises(InputError) as raised:
        run_allocation(user=planner, time_limit=0, mip_gap=2)
    assert {error.field for error in raised.value.errors} == {"time_limit", "mip_gap"}


def test_with_the_strength_met_only_units_with_the_missing_capability_are_discussed(theatre, planner):
    camp = a_camp()
    a_unit("Rifle company", camp=camp, strength=150, capabilities=("infantry",))
    a_unit("Second rifle company", camp=camp, strength=150, capabilities=("infantry",))
    a_unit("Slow MP platoon", camp=camp, strength=40, capabilities=("military_police",), readiness_hours=96)
    a_task("Gate", strength=100, capabilities=("infantry", "military_police"), notice_hours=12)
    allocation = run_allocation(user=planner)
    [unmet] = allocation_view(allocation, user=planner, threat=set()).unmet
    text = " ".join(unmet["lines"])
    assert unmet["shortfall"] == 0
    assert unmet["missing"] == ["Military police"]
    assert "Slow MP platoon: blocked by notice to move 96 h, task gives 12 h" in text
    assert "rifle company" not in text.lower()
    assert "1 other unit could not have helped: none has military police." in text

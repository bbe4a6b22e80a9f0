"""The demo's posture: three options a planner would weigh, each run through the optimiser.

Call after the theatre, the units, the tasks (loading.load_tasks) and the demo users exist. Idempotent:
options are found by name, and a posture that already has an allocation is not run again.
"""

from django.contrib.auth.models import User

from peacekeeper.access import policy
from peacekeeper.forces.models import Unit
from peacekeeper.posture.allocating import current_allocation, run_allocation
from peacekeeper.posture.deciding import create_option
from peacekeeper.posture.models import PostureOption, Task
from peacekeeper.theatre.models import Site

ASSUMED = "Exercise option: the figures are assumptions for the demo, not a plan."


def _demo_options() -> list[tuple[str, str, list[dict]]]:
    tasks = dict(Task.objects.filter(scenario_key__isnull=False).values_list("scenario_key", "pk"))
    options = []
    if "task:visoki-decani-guard" in tasks:
        options.append(
            (
                "Unfix the Visoki Dečani guard",
                "Hand the monastery's static guard to the Kosovo Police, as with other sites since 2010. "
                + ASSUMED,
                [{"kind": "unfix_task", "task": tasks["task:visoki-decani-guard"]}],
            )
        )
    reserve = Unit.objects.filter(scenario_key="unit:ktrbn").first()
    north_camp = Site.objects.filter(name="Camp Nothing Hill").first()
    if reserve and north_camp and "task:north-patrol" in tasks:
        options.append(
            (
                "Surge the reserve battalion to the north",
                f"The tactical reserve moves to Camp Nothing Hill; the northern patrol doubles. {ASSUMED}",
                [
                    {"kind": "move_unit", "unit": reserve.pk, "camp": north_camp.pk},
                    {"kind": "set_task_strength", "task": tasks["task:north-patrol"], "strength": 240},
                ],
            )
        )
    options.append(
        (
            "Reduce the force by 10 %",
            f"Every unit 10 % smaller. {ASSUMED}",
            [{"kind": "reduce_force", "percent": 10}],
        )
    )
    return options


def build_demo_posture(*, planner: str = "planner", time_limit: float = 30.0) -> list[str]:
    """Create the demo options and run every posture that has no allocation yet; returns what was done."""
    user = User.objects.get(username=planner)
    done = []
    if current_allocation(None) is None:
        run_allocation(user=user, time_limit=time_limit)
        done.append("ran the current posture")
    for name, description, changes in _demo_options():
        option = policy.visible(PostureOption.objects.filter(name=name), user).first()
        if option is None:
            option = create_option(user=user, name=name, description=description, changes=changes)
            done.append(f"created option {name!r}")
        if current_allocation(option) is None:
            run_allocation(user=user, option=option, time_limit=time_limit)
            done.append(f"ran option {name!r}")
    return done

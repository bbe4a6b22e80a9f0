"""A planner, in Chromium: task list, run the optimiser, pin, build an option, compare, record a decision."""

from pathlib import Path

import pytest

from peacekeeper.access.services import create_demo_users
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.forces.models import Unit
from peacekeeper.posture.loading import load_tasks
from peacekeeper.posture.tests.factories import a_camp, a_caveat, a_unit
from peacekeeper.theatre.models import Site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")


def _force() -> None:
    """A small force against the scenario's tasks: enough to man most, with a caveat that bites.

    The scenario's own units go first: this test needs a force whose shortfalls it knows."""
    Unit.objects.all().delete()
    bondsteel = Site.objects.get(name="Camp Bondsteel")
    villaggio = Site.objects.get(name="Camp Villaggio Italia")
    nothing_hill = Site.objects.get(name="Camp Nothing Hill")
    a_unit("US infantry company A", nation="USA", camp=bondsteel, strength=150, readiness_hours=2)
    a_unit(
        "US MP platoon",
        nation="USA",
        camp=bondsteel,
        strength=40,
        capabilities=("military_police", "infantry"),
    )
    a_unit("IT infantry company", nation="ITA", camp=villaggio, strength=120, readiness_hours=12)
    a_caveat("not_north_of_ibar", nation="ITA")
    a_unit("CH CRC company", nation="CHE", camp=nothing_hill, strength=120, capabilities=("crc", "infantry"),
           readiness_hours=2)  # fmt: skip
    a_unit("DE infantry company", nation="DEU", camp=a_camp("Camp Prizren", 42.21, 20.74), strength=150)


def test_a_planner_runs_pins_builds_an_option_compares_and_decides(kosovo, live_server, browser_page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    create_demo_users()
    load_tasks(name="kosovo")
    _force()
    page = browser_page
    log_in_as(page, live_server.url, "planner")

    page.goto(live_server.url + "/posture/")
    assert "Gate 1, Jarinje crossing" in page.inner_text("[data-testid=task-table]")
    page.click("text=Troops")
    assert "sort=strength" in page.url
    page.screenshot(path=str(SHOTS / "posture-tasks.png"), full_page=True)

    page.click("text=Gate 1, Jarinje crossing")
    page.wait_for_selector("#id_name")
    page.screenshot(path=str(SHOTS / "posture-task-form.png"), full_page=True)
    page.goto(live_server.url + "/posture/allocation/")
    page.click("button[name=run]")
    page.wait_for_selector("[data-testid=run-info]", timeout=60_000)
    assert "status" in page.inner_text("[data-testid=run-info]")
    assert "not north of the Ibar" in page.inner_text("main")
    page.wait_for_selector("#posture-map[data-ready='true'] path.leaflet-interactive")
    page.wait_for_timeout(500)  # the outlines arrive after the markers
    page.screenshot(path=str(SHOTS / "posture-allocation.png"), full_page=True)

    first = page.locator("[data-testid=assignments] tbody tr").first
    pair = first.get_attribute("data-pair")
    first.locator("button[name=pin]").click()
    page.wait_for_selector(f"tr[data-pair='{pair}'] button[name=unpin]")
    page.click("button[name=run]")
    page.wait_for_selector(f"tr[data-pair='{pair}'] button[name=unpin]", timeout=60_000)

    page.goto(live_server.url + "/posture/options/")
    page.fill("#id_name", "Reduce the force by 10 %")
    page.fill("#id_reduce_percent", "10")
    page.screenshot(path=str(SHOTS / "posture-options.png"), full_page=True)
    page.click("text=Create option")
    page.wait_for_selector("#run-form")
    page.click("button[name=run]")
    page.wait_for_selector("[data-testid=run-info]", timeout=60_000)

    page.goto(live_server.url + "/posture/compare/")
    table = page.inner_text("[data-testid=compare]")
    assert "Current posture" in table
    assert "Reduce the force by 10 %" in table
    assert "Reduce every unit's strength by 10 %" in table
    page.screenshot(path=str(SHOTS / "posture-compare.png"), full_page=True)

    page.click("text=Decide on this option")
    page.fill("#id_rationale", "Tension is down in the north; the reduced force still mans every gate.")
    page.click("text=Record the decision")
    page.wait_for_selector("[data-testid=decisions] li blockquote")
    assert "Reduce the force by 10 %" in page.inner_text("[data-testid=decisions]")
    page.screenshot(path=str(SHOTS / "posture-decisions.png"), full_page=True)

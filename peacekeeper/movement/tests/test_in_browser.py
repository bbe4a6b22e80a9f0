"""A watchkeeper sees a barricade close the road to Leposavić on the network map and in the planner."""

import pytest
from django.contrib.auth.models import User

from peacekeeper.access.services import create_demo_users
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import ZVECAN, an_event
from peacekeeper.events.workflow import transition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/shots"


@pytest.fixture
def barricade_at_zvecan(kosovo):
    create_demo_users()
    report = create_report(
        user=User.objects.get(username="watchkeeper"),
        data=an_event(lat=ZVECAN[0], lon=ZVECAN[1], actor1="Protesters"),
        submit=True,
    )
    return transition(user=User.objects.get(username="analyst"), event=report, name="validate")


def test_the_network_map_shows_the_closure_and_its_history(barricade_at_zvecan, live_server, browser_page):
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(live_server.url + "/movement/")
    page.wait_for_selector("#mv-map[data-ready='true']", timeout=20_000)
    assert int(page.get_attribute("#mv-map", "data-closed")) >= 2
    assert "km closed" in page.inner_text("#mv-summary")
    assert page.locator("[data-testid=index-chart] circle").count() == 30
    # The longest closed segment (Zvečan – Leposavić); the short one lies under the bridge's marker.
    page.locator(".leaflet-roads-pane path.leaflet-interactive[stroke='#c0392b']").last.click(force=True)
    page.wait_for_selector("#mv-history-list li .mv-status")
    assert "stopped at Zvečan, main road by protesters" in page.inner_text("#mv-history-list")
    page.screenshot(path=f"{SHOTS}/movement-network.png", full_page=True)

    page.click("text=Restrictions log")
    page.wait_for_selector("[data-testid=restrictions] tbody tr")
    assert "All traffic stopped at Zvečan, main road by protesters" in page.inner_text(
        "[data-testid=restrictions]"
    )
    page.screenshot(path=f"{SHOTS}/movement-restrictions.png", full_page=True)


def test_the_planner_names_the_closure_that_cuts_the_route(barricade_at_zvecan, live_server, browser_page):
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(live_server.url + "/movement/routes/")
    page.wait_for_selector("#mv-map[data-ready='true']", timeout=20_000)
    page.fill("#mv-origin", "Pristina")
    page.fill("#mv-destination", "Leposavić")
    page.click("#mv-route-form button[type=submit]")
    page.wait_for_selector("[data-testid=unroutable]")
    assert "Roadblock or barricade — Zvečan, main road" in page.inner_text("[data-testid=unroutable]")
    page.screenshot(path=f"{SHOTS}/movement-unroutable.png")

    page.fill("#mv-destination", "Prizren")
    page.click("#mv-route-form button[type=submit]")
    page.wait_for_selector("[data-testid=route]")
    assert page.locator("[data-testid=route]").count() >= 2
    assert page.inner_text("[data-testid=route] h3 >> nth=0").startswith("Fastest: 1 h 12 min · 71.9 km")
    assert "via Pristina → Laplje Selo → Shtime → Suhareka" in page.inner_text("[data-testid=route] >> nth=0")
    assert "Approximate road network" in page.inner_text("[data-testid=approximate]")
    page.screenshot(path=f"{SHOTS}/movement-route.png")

"""In Chromium: the alert banner and the wall screen build each alert's line in the page, from the API's
`where`: "Roadblock or barricade near Zvečan" for a report placed near a town, "… at Zvečan" for a bare
name, never "at near"."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from peacekeeper.access.services import create_demo_users
from peacekeeper.cop.tests.streams import streams_end_with_the_test  # noqa: F401 (a fixture)
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.watch.ccirs import load_ccirs

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("streams_end_with_the_test"),
]

SCREENSHOTS = Path("var/screenshots")
BANNER = "[data-testid=watch-alerts] li.watch-alert"
WALL = "[data-testid=wall-open] li.wall-alert"


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))


def test_the_banner_and_the_wall_say_near_or_at_as_the_report_names_the_place(kosovo, live_server, chromium):
    create_demo_users()
    load_ccirs(name="kosovo")
    watchkeeper = User.objects.get(username="watchkeeper")
    for name in ("near Zvečan", "Zvečan"):
        create_report(
            user=watchkeeper,
            data=an_event(killed_civilians=1, occurred_at=timezone.now(), location_name=name),
        )
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        log_in_as(page, live_server.url, "analyst")
        page.goto(live_server.url + "/log/")
        expect(page.locator(BANNER)).to_have_count(2, timeout=15_000)
        expect(page.locator(BANNER).filter(has_text="Roadblock or barricade near Zvečan,")).to_have_count(1)
        expect(page.locator(BANNER).filter(has_text="Roadblock or barricade at Zvečan,")).to_have_count(1)
        expect(page.locator(BANNER).filter(has_text="at near")).to_have_count(0)
        shoot(page, "alert-place-on-banner")

        page.set_viewport_size({"width": 1920, "height": 1080})
        page.goto(live_server.url + "/cop/wall/")
        expect(page.locator(WALL)).to_have_count(2, timeout=15_000)
        expect(page.locator(WALL).filter(has_text="Roadblock or barricade near Zvečan")).to_have_count(1)
        expect(page.locator(WALL).filter(has_text="Roadblock or barricade at Zvečan")).to_have_count(1)
        expect(page.locator(WALL).filter(has_text="at near")).to_have_count(0)
        shoot(page, "alert-place-on-wall")

        page.goto(live_server.url + "/watch/ccirs/")
        recent = page.locator("[data-testid=recent-alerts]")
        expect(recent).to_contain_text("Roadblock or barricade near Zvečan,")
        expect(recent).to_contain_text("Roadblock or barricade at Zvečan,")
        shoot(page, "alert-place-on-ccir-list")
        assert problems == []
    finally:
        context.close()

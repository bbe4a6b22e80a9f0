"""In Chromium: a watchkeeper logs a fatality; the log page an analyst has open and the map the duty
officer has open both show the SIGEVENT alert; the analyst acknowledges it, and the duty officer's map
says who did and when. An alert left unacknowledged escalates on the open screens."""

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from peacekeeper.access.services import create_demo_users
from peacekeeper.cop.tests.streams import streams_end_with_the_test  # noqa: F401 (a fixture)
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.theatre.dtg import format_dtg
from peacekeeper.watch.ccirs import load_ccirs
from peacekeeper.watch.models import Alert

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("streams_end_with_the_test"),
]

SCREENSHOTS = Path("var/screenshots")
ALERT = "[data-testid=watch-alerts] li.watch-alert"


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 768), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        path = SCREENSHOTS / f"{name}-{width}x{height}.png"
        page.screenshot(path=str(path))
        if Path("/tmp/shots/A").is_dir():  # the task's own copy; the test needs nothing of it
            shutil.copy(path, "/tmp/shots/A/")
    page.set_viewport_size({"width": 1366, "height": 768})


def test_a_fatality_logged_alerts_every_open_watch_floor_screen_and_is_acknowledged(
    kosovo, live_server, chromium, settings
):
    create_demo_users()
    load_ccirs(name="kosovo")
    contexts = [chromium.new_context(viewport={"width": 1366, "height": 768}) for _ in range(3)]
    watchkeeper, analyst, duty_officer = (context.new_page() for context in contexts)
    problems: list[str] = []
    for page in (analyst, duty_officer):
        page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        log_in_as(analyst, live_server.url, "analyst")
        analyst.goto(live_server.url + "/log/")
        log_in_as(duty_officer, live_server.url, "admin")  # the map is the home page
        duty_officer.wait_for_selector("#map[data-ready='true']", timeout=30_000)
        expect(analyst.locator("[data-testid=watch-alerts]")).to_be_hidden()

        log_in_as(watchkeeper, live_server.url, "watchkeeper")
        watchkeeper.goto(live_server.url + "/log/new/")
        watchkeeper.wait_for_selector("#entry-map[data-ready='true']")
        watchkeeper.fill("#id_dtg", format_dtg(timezone.now() - timedelta(minutes=20)))
        watchkeeper.press("#id_dtg", "Tab")
        watchkeeper.fill("#id_mgrs", "34TDN8905048670")
        watchkeeper.press("#id_mgrs", "Tab")
        watchkeeper.wait_for_selector("#location-msg .field-msg.ok")
        watchkeeper.fill("#id_location_name", "Ibar bridge, south end")
        watchkeeper.select_option("#id_category", "security.inter_ethnic")
        watchkeeper.fill("#id_narrative", "Shots fired at the bridge; one civilian killed.")
        watchkeeper.fill("#id_killed_civilians", "1")
        watchkeeper.keyboard.press("Control+Enter")
        watchkeeper.wait_for_url("**/log/*/")

        for page in (analyst, duty_officer):
            expect(page.locator(ALERT)).to_have_count(1, timeout=15_000)
            expect(page.locator(ALERT)).to_contain_text("Any fatality")
            expect(page.locator(ALERT)).to_contain_text("Inter-ethnic incident at Ibar bridge, south end")
        shoot(analyst, "alert-on-log")
        shoot(duty_officer, "alert-on-map")

        analyst.locator(ALERT).get_by_role("button", name="Acknowledge").click()
        done = analyst.locator(ALERT + " .watch-alert-done")
        expect(done).to_contain_text("Acknowledged by Marco Rossi at ")
        expect(duty_officer.locator(ALERT + " .watch-alert-done")).to_contain_text(
            "Acknowledged by Marco Rossi at ", timeout=15_000
        )
        alert = Alert.objects.select_related("acknowledged_by").get()
        assert alert.acknowledged_by.username == "analyst"
        expect(done).to_contain_text(format_dtg(alert.acknowledged_at))
        shoot(duty_officer, "alert-acknowledged-on-map")

        # The log flags the report a SIGEVENT.
        analyst.goto(live_server.url + "/log/")
        expect(analyst.locator(f"tr[data-id='{alert.report_id}'] [data-testid=mark]")).to_have_text(
            "SIGEVENT"
        )

        # Left unacknowledged past the set time, an alert escalates on the screens that show it.
        settings.ALERT_ESCALATE_MINUTES = 10
        from django.contrib.auth.models import User

        create_report(
            user=User.objects.get(username="watchkeeper"),
            data=an_event(killed_force=1, location_name="Zvečan, main road"),
        )
        expect(duty_officer.locator(ALERT + ".escalated")).to_have_count(0)
        expect(duty_officer.locator(ALERT)).to_have_count(2, timeout=15_000)
        Alert.objects.filter(acknowledged_at__isnull=True).update(
            raised_at=timezone.now() - timedelta(minutes=11)
        )
        expect(duty_officer.locator(ALERT + ".escalated")).to_have_count(1, timeout=15_000)
        expect(duty_officer.locator("[data-testid=watch-alerts]")).to_have_class("watch-alerts escalated")
        shoot(duty_officer, "alert-escalated-on-map")

        # The CCIRs, with the alerts of the last day and who acknowledged them.
        duty_officer.goto(live_server.url + "/watch/ccirs/")
        expect(duty_officer.locator("[data-testid=ccir-table] tbody tr")).to_have_count(4)
        expect(duty_officer.locator("[data-testid=recent-alerts]")).to_contain_text(
            "Acknowledged by Marco Rossi at "
        )
        shoot(duty_officer, "ccir-list")
        assert problems == []
    finally:
        for context in contexts:
            context.close()

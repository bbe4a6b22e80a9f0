"""The watch floor's wall screen (/cop/wall/): the map of the last 24 hours beside the open alerts and the
SIGEVENTs, live through the alert banner's one stream; only for the watch floor."""

import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from peacekeeper.access.services import create_demo_users
from peacekeeper.cop.tests.streams import streams_end_with_the_test  # noqa: F401 (a fixture)
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.workflow import transition
from peacekeeper.watch.alerts import acknowledge
from peacekeeper.watch.ccirs import load_ccirs
from peacekeeper.watch.models import Alert

SCREENSHOTS = Path("var/screenshots")
OPEN = "[data-testid=wall-open] li.wall-alert"
RECENT = "[data-testid=wall-recent] li.wall-alert"


@pytest.mark.django_db
def test_the_wall_answers_a_watchkeeper_with_the_live_reports_flag(client, theatre):
    create_demo_users()
    client.force_login(User.objects.get(username="watchkeeper"))
    response = client.get(reverse("cop:wall"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-live-reports="true"' in html
    assert 'id="watch-alerts"' in html  # the banner's stream, the page's one, runs here too
    assert "cop/wall.js" in html


@pytest.mark.django_db
def test_the_wall_sends_an_anonymous_visitor_to_log_in(client):
    response = client.get(reverse("cop:wall"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_the_wall_is_refused_to_who_does_not_work_the_watch_floor(client, theatre):
    create_demo_users()
    client.force_login(User.objects.get(username="eulex"))
    assert client.get(reverse("cop:wall")).status_code == 403


@pytest.mark.django_db
def test_the_map_offers_the_wall_only_to_the_watch_floor(client, theatre):
    create_demo_users()
    client.force_login(User.objects.get(username="watchkeeper"))
    assert reverse("cop:wall") in client.get(reverse("cop:map")).content.decode()
    client.force_login(User.objects.get(username="eulex"))
    assert reverse("cop:wall") not in client.get(reverse("cop:map")).content.decode()


@pytest.mark.django_db
def test_the_alert_list_with_recent_hours_gives_acknowledged_alerts_too(
    client, theatre, django_capture_on_commit_callbacks
):
    create_demo_users()
    load_ccirs(name="kosovo")
    watchkeeper = User.objects.get(username="watchkeeper")
    with django_capture_on_commit_callbacks(execute=True):
        first = create_report(user=watchkeeper, data=an_event(killed_civilians=1, location_name="Zvečan"))
        create_report(user=watchkeeper, data=an_event(killed_force=1, location_name="Leposavić"))
    acknowledged = Alert.objects.get(report=first)
    acknowledge(user=watchkeeper, alert_id=acknowledged.pk)
    client.force_login(watchkeeper)

    open_ids = {row["id"] for row in client.get("/api/watch/alerts").json()}
    recent = client.get("/api/watch/alerts?recent_hours=24").json()
    assert acknowledged.pk not in open_ids
    assert acknowledged.pk in {row["id"] for row in recent}
    assert {row["state"] for row in recent} >= {"acknowledged"}
    assert open_ids <= {row["id"] for row in recent}
    response = client.get("/api/watch/alerts?recent_hours=0")
    assert response.status_code == 422
    assert "recent_hours" in response.content.decode()


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1920, 1080), (1366, 768)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(400)  # the map fits the theatre again after a resize
        path = SCREENSHOTS / f"{name}-{width}x{height}.png"
        page.screenshot(path=str(path))
        if Path("/tmp/shots/F").is_dir():  # the task's own copy; the test needs nothing of it
            shutil.copy(path, "/tmp/shots/F/")
    page.set_viewport_size({"width": 1920, "height": 1080})


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("streams_end_with_the_test")
def test_the_wall_shows_the_map_and_an_alert_raised_while_it_is_open(kosovo, live_server, chromium, settings):
    create_demo_users()
    load_ccirs(name="kosovo")
    watchkeeper = User.objects.get(username="watchkeeper")
    earlier = create_report(
        user=watchkeeper,
        data=an_event(
            killed_civilians=1,
            location_name="Mitrovica North, main bridge",
            occurred_at=timezone.now() - timedelta(hours=3),
        ),
    )
    analyst = User.objects.get(username="analyst")
    transition(user=watchkeeper, event=earlier, name="submit")
    transition(user=analyst, event=earlier, name="validate")
    acknowledge(user=watchkeeper, alert_id=Alert.objects.get(report=earlier).pk)

    context = chromium.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    streams: list[str] = []
    page.on("request", lambda request: streams.append(request.url) if "/stream" in request.url else None)
    try:
        log_in_as(page, live_server.url, "analyst")  # the map is the home page; it links to the wall
        page.wait_for_selector("#map[data-ready='true']", timeout=30_000)
        page.locator("#live-status").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "wall-link-on-map.png"))
        page.get_by_role("link", name="Wall screen").click()
        page.wait_for_url("**" + reverse("cop:wall"))
        page.wait_for_selector("#map[data-ready='true']", timeout=30_000)
        assert page.get_attribute("#map", "data-count-areas") == "38"
        expect(page.locator("[data-testid=watch-alerts]")).to_be_hidden()
        expect(page.locator("[data-testid=wall-zulu]")).to_have_text(re.compile(r"^\d{6}Z[A-Z]{3}\d{2}$"))
        # The SIGEVENT acknowledged before the page opened is in the 24-hour list, not among the open.
        expect(page.locator(RECENT)).to_have_count(1)
        expect(page.locator(RECENT)).to_contain_text("Mitrovica North, main bridge")
        expect(page.locator(RECENT)).to_contain_text("Any fatality")
        expect(page.locator(OPEN)).to_have_count(0)
        expect(page.locator("#wall-open-none")).to_be_visible()

        killed = an_event(killed_force=1, location_name="Zvečan, main road")
        report = create_report(user=watchkeeper, data=killed)
        expect(page.locator(OPEN)).to_have_count(1, timeout=15_000)
        expect(page.locator(OPEN)).to_contain_text("Zvečan, main road")
        expect(page.locator(OPEN)).to_have_attribute("data-state", "open")
        expect(page.locator("[data-testid=wall-live]")).to_have_attribute("data-state", "live")
        # Validated, the new report is drawn on the map from the same stream.
        transition(user=watchkeeper, event=report, name="submit")
        transition(user=analyst, event=report, name="validate")
        expect(page.locator("#map")).to_have_attribute("data-last-live-event", str(report.pk), timeout=15_000)
        assert page.inner_text("[data-testid=banner-top]").startswith("NATO")
        shoot(page, "wall-alert-open")

        # Left unacknowledged past the set time, the older alert escalates: it goes first, marked.
        settings.ALERT_ESCALATE_MINUTES = 10
        later = an_event(killed_civilians=2, location_name="Leposavić, market", severity=4)
        create_report(user=watchkeeper, data=later)
        expect(page.locator(OPEN)).to_have_count(2, timeout=15_000)
        Alert.objects.filter(report=report).update(raised_at=timezone.now() - timedelta(minutes=11))
        expect(page.locator(OPEN + ".escalated")).to_have_count(1, timeout=15_000)
        expect(page.locator(OPEN).first).to_have_attribute("data-state", "escalated")
        expect(page.locator(OPEN).first).to_contain_text("ESCALATED")
        expect(page.locator(OPEN).first).to_contain_text("Zvečan, main road")
        shoot(page, "wall-alert-escalated")
        # One stream for the page: the banner's, carrying the reports.
        assert len({url.split("?")[0] for url in streams}) == 1, streams
        assert all("alerts=true" in url for url in streams), streams
        assert problems == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("streams_end_with_the_test")
def test_the_wall_starts_again_when_its_feed_stays_lost_two_minutes(kosovo, live_server, chromium):
    create_demo_users()
    context = chromium.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        log_in_as(page, live_server.url, "watchkeeper")
        page.clock.install()
        page.goto(live_server.url + reverse("cop:wall"))
        page.wait_for_selector("#map[data-ready='true']", timeout=30_000)
        lost = 'document.dispatchEvent(new CustomEvent("peacekeeper:live-state", {detail: "%s"}))'
        page.evaluate("window.sameDocument = true")

        # Lost, then back within two minutes: the page stays as it is.
        page.evaluate(lost % "closed")
        expect(page.locator("[data-testid=wall-live]")).to_have_text("Live feed: lost, retrying")
        page.clock.run_for("01:00")
        page.evaluate(lost % "live")
        page.clock.run_for("01:30")
        assert page.evaluate("window.sameDocument") is True

        # Lost for two minutes: the page loads again by itself.
        page.evaluate(lost % "closed")
        with page.expect_navigation():
            page.clock.run_for("02:01")
        assert page.evaluate("window.sameDocument === undefined")
    finally:
        context.close()

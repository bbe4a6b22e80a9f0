"""The common operational picture in Chromium: events drawn, the live feed, the policy, hostile text."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from peacekeeper.access.classification import Role
from peacekeeper.access.services import UserSpec, create_demo_users, create_or_update_user
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.events.models import EventReport
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import ZVECAN, an_event
from peacekeeper.events.workflow import transition
from peacekeeper.exercise.generator import generate_and_store

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "var/screenshots"
READY = "#map[data-ready='true']"


def open_map(page, base_url: str, username: str, query: str = "") -> None:
    log_in_as(page, base_url, username)
    if query:
        page.goto(base_url + "/" + query)
    page.wait_for_selector(READY, timeout=30_000)


def wait_for_live_feed(page) -> None:
    page.wait_for_selector("#map[data-live='live']", timeout=10_000)


def validated_report(*, author: User, validator: User, **fields):
    report = create_report(user=author, data=an_event(**fields), submit=True)
    return transition(user=validator, event=report, name="validate")


def german_analyst() -> User:
    return create_or_update_user(
        spec=UserSpec(
            "klaus", "klaus-pass-123", "Klaus Weber", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ANALYST,)
        )
    )


def test_the_map_draws_200_validated_events_and_nothing_leaves_the_host(kosovo, live_server, browser_page):
    create_demo_users()
    now = timezone.now()
    generate_and_store(count=200, seed=3, start=now - timedelta(days=7), end=now, status="validated")
    # Validated a minute before the map opens: the layer draws them. (A report validated in the few
    # seconds before a stream opens is also sent live, with its ring: the stream's overlap for late
    # commits; counted here it would make the markers outnumber the layer's features.)
    EventReport.objects.update(validated_at=now - timedelta(minutes=1))
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    open_map(page, live_server.url, "watchkeeper", "?window=7d")

    drawn = int(page.get_attribute("#map", "data-count-events"))
    assert drawn > 0
    assert page.locator(".cop-cluster, [data-event-id]").count() == drawn
    # The total counts what is in view: a few of the 200 fall just outside the fitted theatre.
    total = int(page.inner_text("li[data-layer=events] [data-count]").strip("()").split()[0].rstrip(","))
    assert 150 <= total <= 200
    assert page.locator("li[data-layer=areas] [data-source=levels]").inner_text().startswith("Source:")
    assert page.inner_text("[data-testid=banner-top]").startswith("NATO")
    page.screenshot(path=f"{SCREENSHOTS}/cop-map.png")

    # Closer in, the reports themselves, each with its popup and a link to its page.
    page.goto(f"{live_server.url}/?window=7d&lat={ZVECAN[0]}&lon={ZVECAN[1]}&zoom=13")
    page.wait_for_selector(READY, timeout=30_000)
    page.screenshot(path=f"{SCREENSHOTS}/cop-map-zoomed.png")
    assert not errors, errors
    hosts = {urlsplit(url).hostname for url in page.requested_urls if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, f"requests left the host: {sorted(hosts)}"


def test_a_report_validated_while_the_map_is_open_appears_within_two_seconds(
    kosovo, live_server, browser_page
):
    create_demo_users()
    watchkeeper = User.objects.get(username="watchkeeper")
    analyst = User.objects.get(username="analyst")
    page = browser_page
    open_map(page, live_server.url, "watchkeeper")
    wait_for_live_feed(page)

    report = validated_report(author=watchkeeper, validator=analyst, location_name="Zvečan, north bridge")

    page.wait_for_selector(f"#map[data-last-live-event='{report.pk}']", timeout=2_000)
    page.wait_for_selector(f"[data-event-id='{report.pk}']", state="attached", timeout=1_000)
    assert page.inner_text("#map-status").startswith("New: ")
    assert "Zvečan, north bridge" in page.inner_text("#map-status")
    page.screenshot(path=f"{SCREENSHOTS}/cop-live-event.png")


def test_a_german_only_report_does_not_reach_an_italian_analysts_map(kosovo, live_server, browser_page):
    create_demo_users()
    watchkeeper = User.objects.get(username="watchkeeper")
    klaus = german_analyst()
    page = browser_page
    open_map(page, live_server.url, "analyst")
    wait_for_live_feed(page)

    secret = validated_report(
        author=watchkeeper,
        validator=klaus,
        marking="NATO RESTRICTED // DEU ONLY",
        location_name="Camp Prizren, national cell",
    )
    # A report the analyst may see, validated after the national one: once it has arrived, the stream
    # has had its chance to send the other.
    shared = validated_report(author=watchkeeper, validator=klaus, location_name="Mitrovica, main bridge")

    page.wait_for_selector(f"#map[data-last-live-event='{shared.pk}']", timeout=5_000)
    arrived = page.get_attribute("#map", "data-live-events").split()
    assert str(shared.pk) in arrived
    assert str(secret.pk) not in arrived
    assert page.locator(f"[data-event-id='{secret.pk}']").count() == 0
    assert "DEU ONLY" not in page.inner_text("[data-testid=banner-top]")


def test_markup_in_a_report_shows_as_text_and_never_runs(kosovo, live_server, browser_page):
    create_demo_users()
    watchkeeper = User.objects.get(username="watchkeeper")
    analyst = User.objects.get(username="analyst")
    payload = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    report = validated_report(
        author=watchkeeper,
        validator=analyst,
        location_name=payload,
        narrative="<script>alert('narrative')</script> barricade on the main road",
    )
    page = browser_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    open_map(page, live_server.url, "watchkeeper", f"?window=24h&lat={ZVECAN[0]}&lon={ZVECAN[1]}&zoom=15")
    marker = page.locator(f"[data-event-id='{report.pk}']")
    marker.wait_for(state="attached", timeout=10_000)
    marker.dispatch_event("click")

    popup = page.locator(".leaflet-popup-content .popup-event")
    popup.wait_for(timeout=5_000)
    assert payload in popup.inner_text()
    assert popup.locator("img, script").count() == 0
    assert popup.locator("a.popup-link").get_attribute("href") == f"/log/{report.pk}/"
    page.wait_for_timeout(400)  # the popup's fade-in, for the screenshot
    page.screenshot(path=f"{SCREENSHOTS}/cop-popup-markup.png")
    assert dialogs == []


def test_a_watch_floor_page_holds_one_stream_the_alert_banners(kosovo, live_server, browser_page):
    # A browser holds six connections to a server; a page that kept two streams open (the banner's and the
    # map's or the log's) would leave three open pages nothing to load with.
    create_demo_users()
    page = browser_page
    streams: list[str] = []

    def note_stream(request) -> None:
        if "/api/cop/stream" in request.url:
            streams.append(request.url)

    page.on("request", note_stream)
    open_map(page, live_server.url, "watchkeeper")
    wait_for_live_feed(page)
    assert len(streams) == 1
    assert "alerts=true" in streams[0]
    assert "reports=false" not in streams[0]
    streams.clear()
    page.goto(live_server.url + "/log/")
    page.wait_for_selector("#log-table")
    page.wait_for_function("document.body.dataset.liveState === 'live'", timeout=10_000)
    assert len(streams) == 1
    assert "reports=false" not in streams[0]
    # A reader off the watch floor has no banner: the map opens its own stream, for reports only.
    streams.clear()
    page.context.clear_cookies()
    open_map(page, live_server.url, "eulex")
    wait_for_live_feed(page)
    assert len(streams) == 1
    assert "alerts" not in streams[0]

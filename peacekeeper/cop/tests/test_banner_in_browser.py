"""The map's banner counts what derived layers show (shading from restricted reports keeps it up), and is the
server's combination of the markings on screen, never lowered while the server is asked."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from peacekeeper.access.services import create_demo_users
from peacekeeper.assessment.ledger import update_reports
from peacekeeper.cop.tests.test_events_layer import DEU_ONLY, logged
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.events.models import EventReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "var/screenshots"
# North-west Zvečan, shaded by the reports but about 6 km from them: no event in view at this zoom.
# Zubin Potok's hills, some 20 km from the reports (at Zvečan), at the closest zoom the map allows (13).
EMPTY_VIEW = "lat=43.0500&lon=20.6000&zoom=13"
# The demo's sites and units are released to KFOR; the shading derives from German-only reports. Only a
# German in KFOR may see both: the banner says so, not just the higher of the two labels.
SHADED = "NATO RESTRICTED // DEU ONLY // REL TO KFOR"
UNSHADED = "NATO UNCLASSIFIED // REL TO KFOR"


def banner(page) -> str:
    return page.inner_text("[data-testid=banner-top]")


def test_zoomed_to_an_empty_area_the_banner_keeps_the_marking_of_the_shading(
    kosovo, live_server, browser_page
):
    create_demo_users()
    watchkeeper = User.objects.get(username="watchkeeper")  # German, NATO RESTRICTED
    reports = [logged(watchkeeper, marking=DEU_ONLY, severity=5).pk for _ in range(3)]
    # Validated before the page opened: the live feed does not bring them (it looks back a few seconds).
    EventReport.objects.filter(pk__in=reports).update(validated_at=timezone.now() - timedelta(hours=1))
    update_reports(reports)
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")

    page.goto(f"{live_server.url}/?{EMPTY_VIEW}&layers=events,areas&window=24h")
    page.wait_for_selector("#map[data-ready='true']", timeout=20_000)
    # The area levels arrive after the map is ready: wait for them (selectors poll without eval, which the
    # page's Content-Security-Policy forbids).
    expect(page.locator("[data-testid=banner-top]")).to_have_text(SHADED, timeout=10_000)

    assert page.get_attribute("#map", "data-count-events") == "0"
    assert page.locator(".leaflet-areas-pane path.leaflet-interactive").count() == 38
    assert page.inner_text("[data-testid=banner-bottom]") == SHADED
    assert "banner-nato-restricted" in page.get_attribute("[data-testid=banner-top]", "class")
    page.screenshot(path=f"{SCREENSHOTS}/map-banner-empty-area-shaded.png")
    asked = [url for url in page.requested_urls if "/api/access/banner?" in url]
    assert asked, "the banner is the server's answer"
    assert "DEU%20ONLY" in asked[-1]

    # Without the shading, nothing on screen derives from the German reports. While the server is asked,
    # the banner keeps the higher marking; the answer lowers it.
    held = []
    page.route("**/api/access/banner?*", lambda route: held.append(route))
    page.uncheck("li[data-layer=areas] input")
    expect(page.locator("body")).to_have_attribute("data-banner", "pending")
    page.wait_for_timeout(300)
    assert banner(page) == SHADED
    assert len(held) == 1
    held[0].continue_()
    expect(page.locator("[data-testid=banner-top]")).to_have_text(UNSHADED)
    expect(page.locator("body")).to_have_attribute("data-banner", "ready")
    assert "banner-nato-unclassified" in page.get_attribute("[data-testid=banner-top]", "class")

    # Shown again, the shading's banner is remembered: no new question, no moment below it.
    page.check("li[data-layer=areas] input")
    assert banner(page) == SHADED
    assert len(held) == 1

    # When no answer comes, the banner does not keep an older, possibly lower marking: it says it is unknown.
    page.unroute("**/api/access/banner?*")
    page.route("**/api/access/banner?*", lambda route: route.fulfill(status=503, body="unavailable"))
    page.goto(f"{live_server.url}/?{EMPTY_VIEW}&layers=events,areas&window=24h")
    expect(page.locator("body")).to_have_attribute("data-banner", "error", timeout=20_000)
    assert banner(page).startswith("MARKING UNKNOWN")
    assert "banner-nato-secret" in page.get_attribute("[data-testid=banner-top]", "class")

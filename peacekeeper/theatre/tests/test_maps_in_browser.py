"""Every map opens through the one bootstrap (theatre/static/theatre/basemap.js), with no script error."""

import pytest

from peacekeeper.access.services import create_demo_users
from peacekeeper.core.testing.browser import log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each page with a map, the element its script marks ready once the municipalities are drawn, and whether
# it shows the full credits (not the log's small map, where they must fit one line).
MAPS = [
    ("/", "#map", True),
    ("/log/new/", "#entry-map", False),
    ("/movement/", "#mv-map", True),
    ("/movement/routes/", "#mv-map", True),
]
BOUNDARIES = "© OpenStreetMap contributors, geoBoundaries (CC BY-SA 2.0)"


def test_every_map_opens_with_the_shared_credits_and_no_script_error(kosovo, live_server, browser_page):
    create_demo_users()
    page = browser_page
    problems = []
    page.on("pageerror", lambda error: problems.append(f"error: {error}"))
    page.on(
        "console",
        lambda message: problems.append(f"console: {message.text}") if message.type == "error" else None,
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status}: {response.url}")
            if "/static/" in response.url and response.status >= 400
            else None
        ),
    )
    log_in_as(page, live_server.url, "watchkeeper")
    for path, selector, full in MAPS:
        page.goto(live_server.url + path)
        page.wait_for_selector(f"{selector}[data-ready='true']", timeout=30_000)
        credits = page.inner_text(f"{selector} .leaflet-control-attribution")
        expected = f"Peacekeeper | Boundaries {BOUNDARIES}" if full else BOUNDARIES
        assert credits.startswith(expected), (path, credits)
        # No tile server is configured: the municipalities are the only background.
        assert page.locator(f"{selector} .leaflet-tile-pane img").count() == 0, path
    assert problems == []
    assert not page.evaluate("'COP' in window || 'Peacekeeper' in window || 'PeacekeeperMiniMap' in window")

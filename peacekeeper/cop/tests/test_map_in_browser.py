"""A watchkeeper logs in and sees the theatre, drawn entirely from this server."""

from urllib.parse import urlsplit

import pytest

from peacekeeper.access.services import create_demo_users
from peacekeeper.core.testing.browser import log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "var/screenshots"


def test_a_watchkeeper_sees_38_municipalities_and_nothing_leaves_the_host(kosovo, live_server, browser_page):
    create_demo_users()
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")

    page.wait_for_selector("#map[data-ready='true']", timeout=20_000)
    assert page.get_attribute("#map", "data-count-areas") == "38"
    drawn = page.locator(".leaflet-areas-pane path.leaflet-interactive").count()
    assert drawn == 38
    assert "Anna Schmidt" in page.inner_text("[data-testid=who]")
    assert "NATO RESTRICTED" in page.inner_text("[data-testid=who]")
    assert page.inner_text("[data-testid=banner-top]").startswith("NATO UNCLASSIFIED")
    page.screenshot(path=f"{SCREENSHOTS}/map-watchkeeper.png")

    hosts = {urlsplit(url).hostname for url in page.requested_urls if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, f"requests left the host: {sorted(hosts)}"


def test_the_gazetteer_finds_a_place_by_keyboard_in_any_script(kosovo, live_server, browser_page):
    create_demo_users()
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")
    page.wait_for_selector("#map[data-ready='true']", timeout=20_000)

    page.keyboard.press("/")
    page.keyboard.type("Звечан")
    page.wait_for_selector("#lookup-results li")
    assert "Zve" in page.inner_text("#lookup-results li.selected")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('map-status').textContent.startsWith('Showing')")
    assert "Zve" in page.inner_text("#map-status")


def test_a_partner_does_not_get_camps_on_the_map(kosovo, live_server, browser_page):
    create_demo_users()
    page = browser_page
    log_in_as(page, live_server.url, "eulex")
    page.wait_for_selector("#map[data-ready='true']", timeout=20_000)
    page.screenshot(path=f"{SCREENSHOTS}/map-eulex.png")
    sites = page.evaluate("fetch('/api/theatre/sites.geojson').then(r => r.json())")
    assert sites["features"], "public sites should still be shown"
    assert all(feature["properties"]["kind"] != "camp" for feature in sites["features"])

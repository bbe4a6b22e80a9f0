"""The map reads like a map: towns, villages, rivers and roads drawn from this server, labelled by rank and
zoom without overlapping, under every event, at the wall screen's and a laptop's size."""

from urllib.parse import urlsplit

import pytest

from peacekeeper.access.services import create_demo_users
from peacekeeper.cop.tests.test_map_in_browser import some_events
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.theatre.tests.test_tile_archive_basemap import build_mbtiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "var/screenshots"
READY = "#map[data-ready='true'][data-basemap='ready']"
PRISTINA = "lat=42.6629&lon=21.1655&zoom=12"

# Every label's box on screen, and each pair that overlaps.
OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('.basemap-place .basemap-name')]
    .map((n) => n.getBoundingClientRect());
  const hits = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    const apart = a.right - 1 <= b.left || b.right - 1 <= a.left
      || a.bottom - 1 <= b.top || b.bottom - 1 <= a.top;
    if (!apart) hits.push([a, b]);
  }));
  return hits.length;
}"""
PANE_ORDER = """() => ['basemap-rivers', 'basemap-labels', 'roads', 'symbols', 'events'].map(
  (name) => Number(getComputedStyle(document.querySelector('.leaflet-' + name + '-pane')).zIndex))"""


def labels(page, kind: str) -> list[str]:
    return page.locator(f".basemap-place.kind-{kind}").all_inner_texts()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_the_map_reads_like_a_map_at_theatre_and_at_town_zoom(kosovo, live_server, chromium, width, height):
    create_demo_users()
    some_events()
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    log_in_as(page, live_server.url, "watchkeeper")
    page.wait_for_selector(READY, timeout=20_000)

    # The theatre: its cities and towns named, no village yet, the rivers named.
    assert "PRISTINA" in labels(page, "city")
    assert len(labels(page, "town")) >= 8
    assert labels(page, "village") == []
    assert "Ibar" in page.locator(".basemap-river-name").all_inner_texts()
    assert page.evaluate(OVERLAPS) == 0
    page.screenshot(path=f"{SCREENSHOTS}/basemap-theatre-{width}.png")

    # Around Pristina: villages and suburbs too, still no label over another.
    page.goto(f"{live_server.url}/?{PRISTINA}")
    page.wait_for_selector(READY, timeout=20_000)
    assert len(labels(page, "village")) + len(labels(page, "suburb")) >= 5
    assert page.evaluate(OVERLAPS) == 0
    assert page.locator(".leaflet-roads-pane path").count() > 0
    page.screenshot(path=f"{SCREENSHOTS}/basemap-pristina-{width}.png")

    # Labels and roads under the units' symbols, and those under every event.
    rivers, names, roads, symbols, events = page.evaluate(PANE_ORDER)
    assert rivers < names < symbols < events
    assert roads < symbols
    assert page.evaluate("() => document.getElementById('map').dataset.basemapLabels") != "0"

    hosts = {urlsplit(url).hostname for url in requested if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, f"requests left the host: {sorted(hosts)}"
    context.close()


def test_no_zoom_past_what_the_data_can_show(kosovo, live_server, browser_page):
    create_demo_users()
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(f"{live_server.url}/?lat=42.6629&lon=21.1655&zoom=18")
    page.wait_for_selector(READY, timeout=20_000)
    assert page.locator(".leaflet-control-zoom-in.leaflet-disabled").count() == 1


def test_a_deployments_tile_archive_is_drawn_from_this_server(
    kosovo, live_server, browser_page, tmp_path, settings
):
    settings.BASEMAP = str(build_mbtiles(tmp_path / "national.mbtiles"))
    create_demo_users()
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(f"{live_server.url}/?lat=42.6629&lon=21.1655&zoom=9")
    page.wait_for_selector(READY, timeout=20_000)
    page.wait_for_selector(
        ".leaflet-tile-loaded[src$='/api/theatre/basemap/tiles/9/286/188']", timeout=10_000
    )
    # The surveyed map has its own names: the drawn ones go, the roads stay; the zoom stops at the archive's.
    assert page.locator(".basemap-place").count() == 0
    assert page.locator(".leaflet-roads-pane path").count() > 0
    assert "© Example national mapping agency" in page.inner_text(".leaflet-control-attribution")
    page.screenshot(path=f"{SCREENSHOTS}/basemap-tiles.png")
    hosts = {urlsplit(url).hostname for url in page.requested_urls if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, f"requests left the host: {sorted(hosts)}"

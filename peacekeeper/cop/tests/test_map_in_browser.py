"""A watchkeeper logs in and sees the theatre, drawn entirely from this server."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
from django.utils import timezone

from peacekeeper.access.services import create_demo_users
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.events.models import EventReport
from peacekeeper.exercise.generator import generate_and_store
from peacekeeper.theatre.dtg import format_dtg

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
    # The place is marked with the product's own mark, and nothing the page asked for was missing.
    page.wait_for_selector(".cop-found-place", timeout=5_000)
    page.screenshot(path=f"{SCREENSHOTS}/map-place-found.png")
    assert not [url for url in page.requested_urls if "marker-icon" in url or "marker-shadow" in url]


def test_a_partner_does_not_get_camps_on_the_map(kosovo, live_server, browser_page):
    create_demo_users()
    page = browser_page
    log_in_as(page, live_server.url, "eulex")
    page.wait_for_selector("#map[data-ready='true']", timeout=20_000)
    page.screenshot(path=f"{SCREENSHOTS}/map-eulex.png")
    sites = page.evaluate("fetch('/api/theatre/sites.geojson').then(r => r.json())")
    assert sites["features"], "public sites should still be shown"
    assert all(feature["properties"]["kind"] != "camp" for feature in sites["features"])


EVENT_MARKERS = ".cop-cluster, [data-event-id]"


def some_events(days: int = 7) -> None:
    now = timezone.now()
    generate_and_store(count=120, seed=5, start=now - timedelta(days=days), end=now, status="validated")
    # Validated before the map opens: drawn by the layer, not also sent live (the stream's overlap).
    EventReport.objects.update(validated_at=now - timedelta(minutes=1))


def test_hiding_the_events_layer_removes_its_markers_and_showing_brings_them_back(
    kosovo, live_server, browser_page
):
    create_demo_users()
    some_events()
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(live_server.url + "/?window=7d")
    page.wait_for_selector("#map[data-ready='true']", timeout=20_000)
    shown = page.locator(EVENT_MARKERS).count()
    assert shown > 0

    page.uncheck("li[data-layer=events] input")
    assert page.locator(EVENT_MARKERS).count() == 0
    assert "events" not in parse_qs(urlsplit(page.url).query)["layers"][0].split(",")

    page.check("li[data-layer=events] input")
    assert page.locator(EVENT_MARKERS).count() == shown

    # The digit keys do the same, from anywhere but a text field.
    page.locator("#map").focus()
    page.keyboard.press("1")
    assert page.locator(EVENT_MARKERS).count() == 0
    page.keyboard.press("1")
    assert page.locator(EVENT_MARKERS).count() == shown


def test_the_address_restores_the_view_the_window_and_the_layers_after_a_reload(
    kosovo, live_server, browser_page
):
    create_demo_users()
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(live_server.url + "/?lat=42.8800&lon=20.8700&zoom=12&layers=events,roads,crossings&window=30d")
    page.wait_for_selector("#map[data-ready='true']", timeout=20_000)

    page.keyboard.press("6")  # municipalities on: the address follows
    page.reload()
    page.wait_for_selector("#map[data-ready='true']", timeout=20_000)

    query = parse_qs(urlsplit(page.url).query)
    assert query["zoom"] == ["12"]
    assert (query["lat"], query["lon"]) == (["42.8800"], ["20.8700"])
    assert query["window"] == ["30d"]
    assert query["layers"][0].split(",") == ["events", "crossings", "roads", "areas"]
    assert page.is_checked("input[name=window][value='30d']")
    assert not page.is_checked("li[data-layer=places] input")
    assert page.locator(".leaflet-areas-pane path.leaflet-interactive").count() == 38
    assert page.locator(".leaflet-places-pane path").count() == 0
    assert page.evaluate("document.querySelector('.timebar').dataset.cursor") is not None


def test_a_custom_window_comes_back_from_the_address(kosovo, live_server, browser_page):
    create_demo_users()
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(live_server.url + "/?window=custom&since=2026-01-01T00:00:00Z&until=2026-01-08T00:00:00Z")
    page.wait_for_selector("#map[data-ready='true']", timeout=20_000)
    assert page.is_checked("input[name=window][value='custom']")
    assert page.input_value("#window-since") == "2026-01-01T00:00"
    assert page.input_value("#window-until") == "2026-01-08T00:00"
    # Written as the server writes a DTG, since popups show both side by side.
    assert format_dtg(datetime(2026, 1, 1, tzinfo=UTC)) in page.inner_text("#cursor-label")


def test_space_replays_the_window_and_the_arrows_step_the_cursor(kosovo, live_server, browser_page):
    create_demo_users()
    some_events(days=1)
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(live_server.url + "/?window=24h")
    page.wait_for_selector("#map[data-ready='true']", timeout=20_000)
    full = int(page.inner_text("li[data-layer=events] [data-count]").strip("()").split(",")[0])

    page.locator("#map").blur()
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('.timebar').classList.contains('playing')")
    page.wait_for_function("() => Number(document.getElementById('cursor').value) >= 2", timeout=5_000)
    page.keyboard.press("Space")
    assert not page.evaluate("document.querySelector('.timebar').classList.contains('playing')")
    assert page.inner_text("#cursor-label").startswith("Replay: up to")
    position = int(page.input_value("#cursor"))

    page.keyboard.press("ArrowRight")
    assert int(page.input_value("#cursor")) == position + 1
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert int(page.input_value("#cursor")) == position - 1
    page.wait_for_function("() => document.getElementById('map').dataset.loading === '0'")
    replayed = int(page.inner_text("li[data-layer=events] [data-count]").strip("()").split(",")[0])
    assert replayed < full


UNITS_AND_CLUSTERS = """() => {
  const clusters = [...document.querySelectorAll('.cop-cluster')];
  const covered = clusters.filter((cluster) => {
    const box = cluster.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return top && !cluster.contains(top) && top.closest('.cop-symbol:not(.cop-event)');
  }).length;
  const symbols = [...document.querySelectorAll('.cop-symbol img')].map((img) => img.getBoundingClientRect())
    .filter((box) => box.width > 0);
  const key = (box) => Math.round(box.left) + ',' + Math.round(box.top);
  const stacked = symbols.length - new Set(symbols.map(key)).size;
  return { clusters: clusters.length, covered, symbols: symbols.length, stacked };
}"""


def test_unit_symbols_hide_no_cluster_and_no_other_symbol_around_pristina(kosovo, live_server, browser_page):
    create_demo_users()
    some_events()
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(live_server.url + "/?window=7d&lat=42.66&lon=21.16&zoom=10")
    page.wait_for_selector("#map[data-ready='true']", timeout=20_000)
    seen = page.evaluate(UNITS_AND_CLUSTERS)
    page.screenshot(path=f"{SCREENSHOTS}/map-pristina-1366.png")
    assert seen["symbols"] > 0
    assert seen["clusters"] > 0
    assert seen["covered"] == 0, seen
    assert seen["stacked"] == 0, seen  # the units of one camp are spread around it


def test_the_replay_shows_roads_and_crossings_as_they_stood_at_the_cursor(kosovo, live_server, browser_page):
    from django.contrib.auth.models import User

    from peacekeeper.movement.recording import record_restriction
    from peacekeeper.theatre.models import CrossingPoint

    create_demo_users()
    crossing = CrossingPoint.objects.filter(place__lat__isnull=False).first()
    record_restriction(
        user=User.objects.get(username="watchkeeper"),
        status="closed",
        cause="roadblock",
        crossing_ids=[crossing.pk],
        started_at=timezone.now() - timedelta(hours=2),
    )
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(live_server.url + "/?window=24h")
    page.wait_for_selector("#map[data-ready='true']", timeout=20_000)

    # Back to the start of the window, before the closure: the crossing is asked for as it stood then.
    page.focus("#cursor")
    page.keyboard.press("Home")
    page.wait_for_function("() => document.querySelector('.timebar').dataset.cursor")
    cursor = page.evaluate("() => document.querySelector('.timebar').dataset.cursor")
    page.wait_for_function("() => document.getElementById('map').dataset.loading === '0'")
    page.wait_for_timeout(500)
    asked = [url for url in page.requested_urls if "/api/cop/fom?" in url]
    assert f"until={quote(cursor, safe='')}" in asked[-1] or f"until={cursor}" in unquote(asked[-1])
    then = page.evaluate("(url) => fetch(url).then((r) => r.json())", asked[-1])
    now = page.evaluate("() => fetch('/api/cop/fom').then((r) => r.json())")
    assert then["crossings"][str(crossing.pk)]["status"] == "open"
    assert now["crossings"][str(crossing.pk)]["status"] == "closed"

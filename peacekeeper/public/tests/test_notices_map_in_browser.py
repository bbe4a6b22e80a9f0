"""The safety notices' map in Chromium: drawn on the offline basemap, coloured by kind, credited, reachable
by keyboard, and asking nothing of another host."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from peacekeeper.public.seeding import seed_public_site
from peacekeeper.release.models import PublicNotice

# serialized_rollback: each test starts from the migrated database (Wagtail's root page), not an emptied one.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path("/tmp/shots/p6")


def test_the_map_draws_the_notices_in_force(public_server, browser_page):
    seed_public_site()
    started = datetime.now(UTC) - timedelta(hours=1)
    PublicNotice.objects.create(
        source_id="r1",
        kind="closed",
        place="at Zvečan",
        segments=["M-2 Mitrovica–Zvečan"],
        started_at=started,
        geometry={
            "type": "MultiLineString",
            "coordinates": [[[20.866, 42.889], [20.845, 42.906], [20.834, 42.93]]],
        },
        marking="PUBLIC",
    )
    PublicNotice.objects.create(
        source_id="r2",
        kind="restricted",
        place="at Jarinje",
        started_at=started,
        geometry={"type": "Point", "coordinates": [20.756, 43.151]},
        marking="PUBLIC",
    )
    page = browser_page

    page.goto(f"{public_server}/en/safety-notices/")
    page.wait_for_selector("#notices-map[data-notices='2']")
    page.wait_for_selector("#notices-map[data-basemap='ready']")

    assert page.locator(".leaflet-notices-pane path.notice-closed").count() == 1
    assert page.locator(".leaflet-notices-pane path.notice-restricted").count() == 1
    assert page.locator(".leaflet-notices-pane path.notice-closed").get_attribute("stroke") == "#c62828"
    assert page.locator(".leaflet-notices-pane path.notice-restricted").get_attribute("fill") == "#f59e0b"
    assert page.locator(".leaflet-basemap-roads-pane path").count() > 100  # the roads, from roads.json
    credits = page.locator(".leaflet-control-attribution").inner_text()
    assert "© OpenStreetMap contributors (ODbL)" in credits
    assert "Natural Earth" in credits
    assert page.locator(".notices-legend").inner_text().split("\n") == ["Road closed", "Road restricted"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "notices-map.png"), full_page=True)

    # By keyboard: a notice's button shows it on the map, with its heading in the popup.
    page.focus("[data-notice='r2'] button.notice-show")
    page.keyboard.press("Enter")
    popup = page.wait_for_selector(".leaflet-popup-content")
    assert popup.inner_text().startswith("Road restricted at Jarinje")
    assert page.evaluate("document.activeElement.id") == "notices-map"
    page.screenshot(path=str(SHOTS / "notices-map-jarinje.png"))
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []

    assert all(url.startswith(public_server) for url in page.requested_urls)


def test_the_accreditation_form_shows_its_errors_accessibly(public_server, browser_page):
    seed_public_site()
    page = browser_page

    page.goto(f"{public_server}/sq/media-operations/")
    page.fill("#id_email", "not-an-address")
    page.click("form.accreditation-form button[type=submit]")
    page.wait_for_selector("#form-errors")

    assert page.locator(".field-error").count() >= 9
    assert page.locator("#id_email").get_attribute("aria-describedby") == "id_email-error"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "accreditation-errors.png"), full_page=True)
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []
    assert all(url.startswith(public_server) for url in page.requested_urls)

"""A planner works through the registry and the placemat in Chromium, by keyboard where it matters."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from peacekeeper.access.services import create_demo_users
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.forces.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")


def test_a_planner_filters_the_units_and_opens_a_placemat(kosovo, live_server, browser_page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    create_demo_users()
    page = browser_page
    log_in_as(page, live_server.url, "planner")

    page.goto(live_server.url + "/forces/")
    rows = page.locator("[data-testid=units-table] tbody tr")
    assert rows.count() == Unit.objects.count() == 25
    symbols = page.locator("img.symbol")
    page.wait_for_function(
        "[...document.querySelectorAll('img.symbol')].every(i => i.complete && i.naturalWidth > 0)"
    )
    assert symbols.count() == 25
    assert page.inner_text("[data-testid=banner-top]") == "NATO UNCLASSIFIED // REL TO KFOR"
    page.screenshot(path=str(SHOTS / "forces-units.png"), full_page=True)

    page.focus("[data-testid=filter-capability]")
    page.select_option("[data-testid=filter-capability]", "crc")
    page.keyboard.press("Tab")  # to the camp filter
    page.keyboard.press("Tab")  # to the Filter button
    page.keyboard.press("Enter")
    page.wait_for_url("**capability=crc**")
    names = page.locator("[data-testid=units-table] tbody tr td:nth-child(3) strong").all_inner_texts()
    assert set(names) == {"KTRBN", "MSU", "US A Coy", "PL Coy", "IT Coy", "TR Coy"}

    page.click("text=KTRBN")
    assert "Crowd and riot control" in page.inner_text("main")
    assert "exercise assumption" in page.inner_text("[data-testid=assumptions]")
    page.screenshot(path=str(SHOTS / "forces-unit.png"), full_page=True)

    page.goto(live_server.url + "/forces/placemat/?date=2024-06-01")
    assert page.inner_text("[data-testid=placemat-total]") == "4,353"
    assert page.locator("[data-testid=placemat-map] path.area").count() == 38
    assert page.locator("[data-testid=placemat-map] g.camp").count() == 5
    assert "CC BY-SA" in page.inner_text("[data-testid=attribution]")
    page.screenshot(path=str(SHOTS / "placemat.png"), full_page=True)

    page.fill("#placemat-date", "2001-01-01")
    page.keyboard.press("Enter")
    assert "no placemat on or before 2001-01-01" in page.inner_text("[data-testid=placemat-error]")

    page.goto(live_server.url + "/forces/nations/")
    assert page.locator("[data-testid=strength-chart] circle").count() == 17
    page.screenshot(path=str(SHOTS / "forces-nations.png"), full_page=True)

    hosts = {urlsplit(url).hostname for url in page.requested_urls if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, f"requests left the host: {sorted(hosts)}"


def test_a_planner_records_a_caveat_after_fixing_the_field_in_error(kosovo, live_server, browser_page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    create_demo_users()
    page = browser_page
    log_in_as(page, live_server.url, "planner")
    page.goto(live_server.url + "/forces/caveats/")
    assert page.locator("[data-testid=caveats-table] tbody tr").count() == 5
    page.click("text=New caveat")
    page.select_option("#id_nation", "HUN")
    page.select_option("#id_kind", "only_in_region")
    page.click("text=Save caveat")
    assert "required for only_in_region" in page.inner_text("[data-field=region]")
    page.screenshot(path=str(SHOTS / "forces-caveat-error.png"), full_page=True)
    page.select_option("#id_region", "RC-E")
    page.click("text=Save caveat")
    page.wait_for_url("**/forces/caveats/")
    assert "Only inside Regional Command East's area" in page.inner_text("[data-testid=caveats-table]")
    page.screenshot(path=str(SHOTS / "forces-caveats.png"), full_page=True)

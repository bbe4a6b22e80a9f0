"""An analyst reads the assessment table by keyboard, opens a municipality and records an override."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.access.services import create_demo_users
from peacekeeper.assessment.models import DayCell
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.exercise.generator import generate_and_store

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/shots"


@pytest.fixture
def a_year_of_reports(kosovo):
    now = timezone.now()
    # A quiet year, then a busy fortnight: the bulk load announces "many changed" and the cells rebuild.
    generate_and_store(count=1500, seed=11, start=now - timedelta(days=400), end=now - timedelta(days=14))
    generate_and_store(count=600, seed=12, start=now - timedelta(days=14), end=now)
    assert DayCell.objects.exists()


def test_the_table_sorts_and_opens_an_area_by_keyboard(a_year_of_reports, live_server, browser_page):
    create_demo_users()
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 1000})
    log_in_as(page, live_server.url, "analyst")
    page.goto(live_server.url + "/assessment/")
    rows = page.locator("#assessment-table tbody tr")
    assert rows.count() == 38
    page.click("#assessment-table thead th:nth-child(2) button")  # Level, highest first
    assert page.get_attribute("#assessment-table thead th:nth-child(2)", "aria-sort") == "descending"
    levels = [
        int(v)
        for v in page.eval_on_selector_all(
            "#assessment-table tbody td:nth-child(2)", "cells => cells.map(c => c.dataset.value)"
        )
    ]
    assert levels == sorted(levels, reverse=True)
    assert levels[0] >= 2
    page.screenshot(path=f"{SHOTS}/assessment-table.png", full_page=True)

    top = rows.first.get_attribute("data-code")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.dataset.code") == top
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=verdict]")
    assert page.locator("[data-testid=explanation] tr.fired").count() >= 1
    assert page.locator("svg.chart").count() == 3
    assert page.inner_text("[data-testid=banner-top]").startswith("NATO")

    page.select_option("#id_level", "5")
    page.fill("#id_rationale", "Reporting from the area points to an organised campaign.")
    page.click("button:has-text('Record override')")
    page.wait_for_selector("[data-testid=message]")
    assert "Analyst override" in page.inner_text("[data-testid=verdict]")
    assert page.inner_text(".big-level").startswith("5")
    page.screenshot(path=f"{SHOTS}/assessment-area.png", full_page=True)


def test_the_north_south_comparison_shows_its_test(a_year_of_reports, live_server, browser_page):
    create_demo_users()
    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(live_server.url + "/assessment/compare/")
    assert "exact Poisson test p" in page.inner_text("main")
    page.screenshot(path=f"{SHOTS}/assessment-compare.png", full_page=True)

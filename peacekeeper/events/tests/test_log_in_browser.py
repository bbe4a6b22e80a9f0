"""In Chromium: a watchkeeper logs a report by keyboard alone; an analyst sees it arrive and validates it."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from peacekeeper.access.services import create_demo_users
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.events.models import EventReport, Status
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.theatre.dtg import format_dtg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "var/screenshots"
PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"
DETAIL_URL = re.compile(r".*/log/\d+/$")


def watch(page, problems: list[str]) -> None:
    """Record every dialog a page would show and every script error on the log screens: there must be none."""
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: problems.append(f"error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error" and "/log/" in page.url
            else None
        ),
    )


def earlier_reports() -> None:
    """What the log already holds when the shift starts."""
    author = User.objects.get(username="watchkeeper")
    now = timezone.now()
    for hours, category, where, severity, marking, narrative in (
        (3, "civil.demonstration", (42.6629, 21.1655), 2, None, "About 200 people march to the assembly."),
        (
            5,
            "security.weapons_find",
            (42.2139, 20.7397),
            3,
            None,
            "Patrol found two hand grenades in a shed.",
        ),
        (
            8,
            "fom.crossing_incident",
            (43.1036, 20.8028),
            2,
            "NATO RESTRICTED // REL TO KFOR",
            "Long queue at the Jarinje crossing.",
        ),
        (
            26,
            "force.attack",
            (42.9075, 20.84028),
            5,
            "NATO RESTRICTED // REL TO KFOR",
            "Stones thrown at a patrol.",
        ),
    ):
        data = an_event(
            occurred_at=now - timedelta(hours=hours),
            category=category,
            lat=where[0],
            lon=where[1],
            severity=severity,
            narrative=narrative,
            location_name="",
            **({"marking": marking} if marking else {}),
        )
        create_report(user=author, data=data, submit=True)


def focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def hosts_of(*pages) -> set[str]:
    urls = [url for page in pages for url in page.requested_urls if not url.startswith(("data:", "blob:"))]
    return {urlsplit(url).hostname for url in urls}


@pytest.fixture
def analyst_page(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.requested_urls = []
    context.on("request", lambda request: page.requested_urls.append(request.url))
    yield page
    context.close()


def test_a_report_logged_by_keyboard_arrives_in_the_analysts_log_and_is_validated(
    kosovo, live_server, browser_page, analyst_page
):
    create_demo_users()
    earlier_reports()
    problems: list[str] = []
    watch(browser_page, problems)
    watch(analyst_page, problems)

    # The analyst is already watching the log when the report is logged.
    log_in_as(analyst_page, live_server.url, "analyst")
    analyst_page.goto(live_server.url + "/log/")
    analyst_page.wait_for_selector("[data-testid=poller]", state="attached")
    assert analyst_page.locator("#log-rows tr[data-href]").count() == 4
    assert analyst_page.inner_text("[data-testid=banner-top]") == "NATO RESTRICTED // REL TO KFOR"

    page = browser_page
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(live_server.url + "/log/new/")  # Alt+N in a desktop browser; access keys need real key events
    page.wait_for_selector("#entry-map[data-ready='true']")
    assert focused(page) == "id_dtg"

    dtg = format_dtg(timezone.now() - timedelta(minutes=30))
    page.keyboard.type(dtg)
    page.keyboard.press("Tab")
    assert focused(page) == "id_mgrs"
    page.wait_for_selector("#dtg-msg .field-msg.ok")
    page.keyboard.type("34TDN8905048670")
    page.keyboard.press("Tab")  # on to the place field, left empty: the grid says where
    page.wait_for_selector("#location-msg .field-msg.ok")
    assert "Mitrovica (South) municipality" in page.inner_text("#location-msg")
    assert page.locator("#entry-map .leaflet-interactive[stroke='#a93226']").count() == 1

    page.keyboard.press("Tab")
    assert focused(page) == "id_location_name"
    page.keyboard.type("Ibar bridge, south end")
    page.keyboard.press("Tab")
    assert focused(page) == "id_category"
    page.keyboard.type("Roadblock")
    assert page.input_value("#id_category") == "fom.roadblock"
    page.keyboard.press("Tab")
    page.keyboard.type("4")
    assert page.input_value("#id_severity") == "4"
    page.keyboard.press("Tab")
    assert focused(page) == "id_narrative"
    page.keyboard.type("Two trucks block the bridge. " + PAYLOAD)
    page.screenshot(path=f"{SCREENSHOTS}/log-form.png", full_page=True)

    page.keyboard.press("Control+Enter")
    page.wait_for_url(DETAIL_URL)
    assert "submitted for validation" in page.inner_text("[data-testid=message]")
    assert PAYLOAD in page.inner_text("[data-testid=narrative]")
    assert page.inner_text("[data-testid=area]") == "Mitrovica (South)"
    event = EventReport.objects.latest("id")
    assert (event.status, event.severity, format_dtg(event.occurred_at)) == (Status.SUBMITTED, 4, dtg)

    # Within one poll (10 s) the report appears at the top of the analyst's log, highlighted.
    row = analyst_page.wait_for_selector(f"tr.fresh[data-id='{event.pk}']", timeout=15_000)
    assert PAYLOAD in row.inner_text()
    assert analyst_page.locator("#log-rows tr[data-href]").count() == 5
    analyst_page.screenshot(path=f"{SCREENSHOTS}/log-list.png")
    analyst_page.keyboard.press("j")
    analyst_page.keyboard.press("Enter")
    analyst_page.wait_for_url(DETAIL_URL)
    analyst_page.click("[data-transition=validate]")
    analyst_page.wait_for_selector("[data-testid=message]")
    assert "validated" in analyst_page.inner_text("[data-testid=message]")
    assert analyst_page.inner_text("[data-testid=status]") == "Validated"
    analyst_page.wait_for_selector("#detail-map[data-ready='true']")
    analyst_page.screenshot(path=f"{SCREENSHOTS}/log-detail.png", full_page=True)
    event.refresh_from_db()
    assert event.status == Status.VALIDATED

    assert problems == [], "a script in the narrative ran, or the log screens had errors"
    assert hosts_of(page, analyst_page) == {"127.0.0.1"}


def test_a_place_from_the_gazetteer_and_a_bad_dtg_by_keyboard_then_a_filtered_log(
    kosovo, live_server, browser_page
):
    create_demo_users()
    earlier_reports()
    problems: list[str] = []
    page = browser_page
    watch(page, problems)
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(live_server.url + "/log/new/")

    page.keyboard.type("291430ZNOX26")
    page.keyboard.press("Tab")
    page.wait_for_selector("#dtg-msg .field-msg.error")
    assert "unknown month 'NOX'" in page.inner_text("#dtg-msg")
    page.click("#dtg-now")  # Alt+T in a desktop browser
    page.wait_for_selector("#dtg-msg .field-msg.ok")
    assert re.fullmatch(r"\d{6}Z[A-Z]{3}\d{2}", page.input_value("#id_dtg"))
    assert focused(page) == "id_mgrs"

    page.keyboard.press("Tab")  # from the grid to the place
    assert focused(page) == "id_place_query"
    page.keyboard.type("Zvečan")
    page.wait_for_selector("#place-results li.selected")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert "Zvečan" in page.inner_text("#place-results li.selected")
    page.keyboard.press("Enter")
    page.wait_for_selector("#location-msg .field-msg.ok")
    assert "Zvečan municipality" in page.inner_text("#location-msg")
    assert page.input_value("#id_place_id")

    page.focus("#id_category")
    page.keyboard.type("Demonstration")
    page.keyboard.press("Control+s")  # save a draft
    page.wait_for_url(DETAIL_URL)
    assert "saved as a draft" in page.inner_text("[data-testid=message]")
    assert page.inner_text("[data-testid=area]") == "Zvečan"
    event = EventReport.objects.latest("id")
    assert (event.status, event.category, event.place.name) == (Status.DRAFT, "civil.demonstration", "Zvečan")

    # The text filter narrows the table in place (no page load) and puts itself in the address.
    page.goto(live_server.url + "/log/")
    assert page.locator("#log-rows tr[data-href]").count() == 5
    page.evaluate("window.stillTheSamePage = true")
    page.keyboard.press("/")
    page.keyboard.type("Zvečan")
    expect(page.locator("#log-rows tr[data-href]")).to_have_count(1)
    assert page.get_attribute("#log-rows tr[data-href]", "data-id") == str(event.pk)
    assert "q=Zve%C4%8Dan" in page.url
    assert page.evaluate("window.stillTheSamePage")
    assert problems == []
    assert hosts_of(page) == {"127.0.0.1"}

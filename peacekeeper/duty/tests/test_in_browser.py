"""In Chromium: the duty officer opens an action from a SIGEVENT's report page, by keyboard, and finds it,
with the SIGEVENT, in the handover summary; the incoming officer acknowledges the handover."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from peacekeeper.access.labels import intern_label, parse_marking
from peacekeeper.access.services import create_demo_users
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.duty.demo import open_demo_shift
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.theatre.dtg import format_dtg
from peacekeeper.watch.models import Alert, Ccir

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/shots/B"
KFOR = "NATO UNCLASSIFIED // REL TO KFOR"


@pytest.fixture
def fatality(kosovo):
    create_demo_users()
    open_demo_shift()
    report = create_report(
        user=User.objects.get(username="watchkeeper"),
        data=an_event(category="violence.attack", killed_civilians=1, location_name="Zvečan, main road"),
    )
    ccir, _ = Ccir.objects.get_or_create(
        title="Any fatality",
        defaults={"rule": {"min_fatalities": 1}, "label": intern_label(parse_marking(KFOR))},
    )
    alert, _ = Alert.objects.get_or_create(
        report=report,
        ccir=ccir,
        defaults={"raised_at": timezone.now() - timedelta(minutes=3), "label": report.label},
    )
    return alert


def test_the_duty_officer_opens_an_action_and_finds_it_in_the_handover(fatality, live_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1600, "height": 1000})
    log_in_as(page, live_server.url, "watchkeeper")
    page.goto(f"{live_server.url}/log/{fatality.report_id}/")
    form = page.locator("[data-testid=action-form]")
    form.locator("select[name=subject]").select_option(f"alert:{fatality.pk}")
    form.locator("input[name=text]").focus()
    page.keyboard.type("inform COS")
    page.keyboard.press("Tab")  # to the owner: the duty officer by default
    page.keyboard.press("Tab")
    due = format_dtg(timezone.now() + timedelta(minutes=30))
    page.keyboard.type(due)
    assert due in form.locator("[data-dtg-echo]").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=report-action]")
    assert "inform COS" in page.inner_text("[data-testid=report-actions]")
    assert "Action opened: inform COS" in page.inner_text("[data-testid=history]")
    page.locator("[data-testid=report-actions]").screenshot(path=f"{SHOTS}/report-actions.png")

    page.click("nav.nav >> text=Duty")
    page.wait_for_selector("[data-testid=actions]")
    assert "inform COS" in page.inner_text("[data-testid=actions]")
    page.screenshot(path=f"{SHOTS}/actions-page.png", full_page=True)

    page.click("text=Handover (current shift)")
    page.wait_for_selector("[data-testid=section-action]")
    assert "inform COS" in page.inner_text("[data-testid=section-action]")
    assert "Any fatality" in page.inner_text("[data-testid=section-sigevent]")
    assert "Any fatality" in page.inner_text("[data-testid=section-alert]")
    page.screenshot(path=f"{SHOTS}/handover-before.png", full_page=True)
    page.fill("#id_remarks", "Fatality at Zvečan: COS to be informed by 0630.")
    page.select_option("#id_incoming", "analyst")
    page.click("[data-testid=hand-over]")
    page.wait_for_selector("text=Handed over.")
    assert "not yet acknowledged" in page.inner_text("[data-testid=handover-state]")
    page.screenshot(path=f"{SHOTS}/handover-page.png", full_page=True)
    pdf_url = page.get_attribute("[data-testid=pdf]", "href")

    page.context.clear_cookies()
    log_in_as(page, live_server.url, "analyst")
    page.goto(live_server.url + pdf_url.replace("pdf/", ""))
    page.click("[data-testid=acknowledge]")
    page.wait_for_selector("text=you have the watch")
    assert "acknowledged by Marco Rossi" in page.inner_text("[data-testid=handover-state]")
    page.goto(live_server.url + pdf_url)
    page.wait_for_timeout(1500)
    page.screenshot(path=f"{SHOTS}/handover-pdf-in-chromium.png")

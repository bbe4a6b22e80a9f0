"""In Chromium: the analyst opens a report of a fight and reads, for each likely duplicate, why it is one; a
report hidden from them is not among them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from peacekeeper.access.services import create_demo_users
from peacekeeper.core.testing.browser import log_in_as
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import ZVECAN, an_event
from peacekeeper.theatre.distances import KM_PER_DEGREE_LAT
from peacekeeper.theatre.names import latin_to_cyrillic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "var/screenshots"


def test_the_analyst_reads_why_each_duplicate_is_suggested(kosovo, live_server, browser_page):
    create_demo_users()
    watchkeeper = User.objects.get(username="watchkeeper")
    north = 1 / 1000 / KM_PER_DEGREE_LAT  # one metre, in degrees of latitude
    fight = create_report(
        user=watchkeeper,
        data=an_event(
            category="riots.mob_violence",
            location_name="Zvečan, main street",
            narrative="Fight between about 20 youths of two communities near the bridge, stones thrown.",
        ),
    )
    same = create_report(
        user=watchkeeper,
        data=an_event(
            category="security.inter_ethnic",
            lat=ZVECAN[0] + 30 * north,
            occurred_at=fight.occurred_at + timedelta(minutes=5),
            narrative="Mob of approx 20 young men attacking each other with stones at the bridge.",
        ),
    )
    serbian = create_report(
        user=watchkeeper,
        data=an_event(
            category="riots.mob_violence",
            lat=ZVECAN[0] - 70 * north,
            occurred_at=fight.occurred_at - timedelta(minutes=12),
            narrative=latin_to_cyrillic("Tuča između 20 mladića kod mosta, bačeno kamenje."),
        ),
    )
    hidden = create_report(
        user=watchkeeper,
        data=an_event(
            category="riots.mob_violence",
            narrative="Fight between youths near the bridge, stones thrown.",
            marking="NATO RESTRICTED // DEU ONLY",
        ),
    )
    page = browser_page
    log_in_as(page, live_server.url, "analyst")

    page.goto(f"{live_server.url}/log/{fight.pk}/")

    rows = page.get_by_test_id("duplicates").locator("li")
    expect(rows).to_have_count(2)
    why = page.get_by_test_id("why")
    expect(why.first).to_contain_text("same place ±30 m, 5 min apart, related categories (crowd violence)")
    expect(page.get_by_test_id("duplicates")).to_contain_text(f"{same.pk} · Inter-ethnic incident")
    expect(page.get_by_test_id("duplicates")).to_contain_text(f"{serbian.pk} · Mob violence")
    expect(page.get_by_test_id("duplicates")).not_to_contain_text(f"{hidden.pk} · ")
    page.get_by_test_id("duplicates").scroll_into_view_if_needed()
    page.screenshot(path=f"{SCREENSHOTS}/duplicates.png", full_page=True)

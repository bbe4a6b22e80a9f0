"""The log's banner is the combined marking of every row on the page, rows added by the poll included."""

import html
import re

import pytest
from django.urls import reverse

from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

pytestmark = pytest.mark.django_db

SHARED = "NATO UNCLASSIFIED // REL TO KFOR"
GERMAN = "NATO UNCLASSIFIED // DEU ONLY"
RESTRICTED = "NATO RESTRICTED // REL TO KFOR"


def banner(page: str) -> str:
    return page.split('data-testid="banner-top"')[1].split(">", 1)[1].split("<")[0]


def poll_url(page: str) -> str:
    return html.unescape(re.search(r'id="log-poll" hx-get="([^"]+)"', page).group(1))


def test_the_list_and_its_poll_mark_the_rows_shown_together(client, theatre, german_watchkeeper):
    for marking in (SHARED, GERMAN):
        create_report(user=german_watchkeeper, data=an_event(marking=marking))
    client.force_login(german_watchkeeper)
    page = client.get(reverse("events:list")).content.decode()
    create_report(user=german_watchkeeper, data=an_event(marking=RESTRICTED))

    poll = client.get(poll_url(page)).content.decode()

    # A KFOR reader who is not German may not see the DEU ONLY row; a German outside KFOR not the others.
    assert banner(page) == "NATO UNCLASSIFIED // DEU ONLY // REL TO KFOR"
    assert banner(poll) == "NATO RESTRICTED // DEU ONLY // REL TO KFOR"


def test_the_poll_counts_no_label_its_reader_may_not_see(
    client, theatre, german_watchkeeper, italian_analyst
):
    german = create_report(user=german_watchkeeper, data=an_event(marking=GERMAN))
    client.force_login(italian_analyst)
    create_report(user=italian_analyst, data=an_event(marking=RESTRICTED))

    poll = client.get(reverse("events:poll"), {"after": 0, "shown": str(german.label_id)}).content.decode()

    assert banner(poll) == RESTRICTED
    assert "DEU" not in poll

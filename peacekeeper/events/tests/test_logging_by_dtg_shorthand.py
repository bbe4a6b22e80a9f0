"""A report logged by DTG shorthand (form and API) is read as the map and the person were told."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from peacekeeper.events.models import EventReport
from peacekeeper.events.tests.test_log_screens import ZVECAN_GRID, form_of

pytestmark = pytest.mark.django_db

# 00:30Z on 7 December 2026: 01:30 in Kosovo (A), still the 7th there as in UTC.
SHIFT = datetime(2026, 12, 7, 0, 30, tzinfo=UTC)
# 23:30Z on 6 December 2026: 00:30 on the 7th in Kosovo.
BEFORE_MIDNIGHT_UTC = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)


def check(client, typed: str) -> str:
    return client.post(reverse("events:check_dtg"), {"dtg": typed}).content.decode()


def test_the_form_says_what_a_shorthand_is_read_as_before_saving(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    with time_machine.travel(SHIFT, tick=False):
        said = check(client, "060300Z")
        assert "read as 060300ZDEC26 — this month and year (DEC 2026) assumed" in said
        assert "field-msg ok" in said
        local = check(client, "0100")
        assert "read as 070100ADEC26 (070000ZDEC26) — today in mission time (Europe/Belgrade)" in local
    form = client.get(reverse("events:new")).content.decode()
    assert 'data-local-zone="Europe/Belgrade"' in form


def test_a_shorthand_in_the_future_is_refused_with_its_reading(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    with time_machine.travel(SHIFT, tick=False):
        said = check(client, "2300")  # 23:00 local today is 21 hours ahead
    assert "future" in said
    assert "read as 072300ADEC26" in said
    assert "field-msg error" in said


def test_an_impossible_shorthand_is_named_at_the_field(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    with time_machine.travel(datetime(2026, 11, 10, 12, tzinfo=UTC), tick=False):
        said = check(client, "310300Z")
        assert "day 31 does not exist in NOV 2026" in said
        fields = form_of(client.get(reverse("events:new")))
        fields.update({"dtg": "310300Z", "mgrs": ZVECAN_GRID, "category": "fom.roadblock"})
        page = client.post(reverse("events:new"), {**fields, "submit": "1"}).content.decode()
    assert "day 31 does not exist in NOV 2026" in page
    assert EventReport.objects.count() == 0


def test_a_report_saved_with_a_time_alone_takes_the_local_day(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    with time_machine.travel(BEFORE_MIDNIGHT_UTC, tick=False):
        fields = form_of(client.get(reverse("events:new")))
        fields.update({"dtg": "0010", "mgrs": ZVECAN_GRID, "category": "fom.roadblock"})
        response = client.post(reverse("events:new"), {**fields, "submit": "1"})
    assert response.status_code == 302
    # 00:10 local on the 7th (the local day at 23:30Z on the 6th) is 23:10Z on the 6th.
    assert EventReport.objects.get().occurred_at == datetime(2026, 12, 6, 23, 10, tzinfo=UTC)


def test_the_api_takes_shorthand_and_answers_with_the_full_dtg(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    body = {"mgrs": ZVECAN_GRID, "category": "fom.roadblock", "narrative": "Barricade"}
    with time_machine.travel(SHIFT, tick=False):
        made = client.post(
            "/api/events/", {**body, "occurred_dtg": "060300B"}, content_type="application/json"
        )
        refused = client.post(
            "/api/events/", {**body, "occurred_dtg": "2400"}, content_type="application/json"
        )
    assert made.status_code == 201, made.content
    assert made.json()["occurred_dtg"] == "060100ZDEC26"
    assert refused.status_code == 422
    errors = refused.json()["errors"]
    assert any(e["field"] == "occurred" and "hour 24 is out of range" in e["reason"] for e in errors)

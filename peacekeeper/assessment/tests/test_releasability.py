"""A report a reader may not see counts nowhere for them: table, area page, explanation, API, comparison."""

import pytest

from peacekeeper.assessment.tests.conftest import DEU_ONLY, counted
from peacekeeper.theatre.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_report(theatre, german_watchkeeper):
    # Three severe DEU-only reports with deaths: level 4 or more for a German reader.
    reports = [
        counted(german_watchkeeper, marking=DEU_ONLY, severity=5, killed_civilians=1) for _ in range(3)
    ]
    return reports


def zvecan() -> Area:
    return Area.objects.get(name_en="Zvečan")


def api_row(client, user, code: str) -> dict:
    client.force_login(user)
    body = client.get("/api/assessment/areas").json()
    return next(row for row in body["areas"] if row["code"] == code), body


def test_the_nation_that_may_see_it_counts_it(client, national_report, german_watchkeeper):
    row, body = api_row(client, german_watchkeeper, zvecan().code)
    assert row["windows"]["7"]["count"] == 3
    assert row["windows"]["7"]["fatalities"] == 3
    assert row["level"] >= 4
    assert body["country"]["windows"]["30"]["count"] == 3
    assert body["marking"] == DEU_ONLY


@pytest.mark.parametrize("reader", ["italian_analyst", "eulex_partner"])
def test_other_readers_do_not_count_it_anywhere(client, request, national_report, reader):
    user = request.getfixturevalue(reader)
    area = zvecan()
    row, body = api_row(client, user, area.code)
    assert row["windows"]["90"]["count"] == 0
    assert row["level"] == 1
    assert row["daily_counts"] == [0] * 90
    assert body["country"]["windows"]["90"]["count"] == 0
    assert body["marking"] is None

    detail = client.get(f"/api/assessment/areas/{area.pk}").json()
    assert all(not rule["fired"] and rule["events"] == [] for rule in detail["explanation"])
    assert detail["daily_by_category"] == {}

    page = client.get(f"/assessment/areas/{area.pk}/").content.decode()
    for report in national_report:
        assert f"/log/{report.pk}/" not in page
    assert "DEU ONLY" not in page
    table = client.get("/assessment/").content.decode()
    assert "DEU ONLY" not in table

    compare = client.get("/api/assessment/compare").json()
    assert compare["north"]["count"] == 0


def test_the_explanation_lists_only_reports_the_reader_may_see(
    client, theatre, german_watchkeeper, italian_analyst
):
    shared = [counted(german_watchkeeper, severity=5) for _ in range(4)]
    hidden = counted(german_watchkeeper, severity=5, marking=DEU_ONLY)
    area = zvecan()
    client.force_login(italian_analyst)
    detail = client.get(f"/api/assessment/areas/{area.pk}").json()
    severe = next(rule for rule in detail["explanation"] if rule["id"] == "severe-rise-7d")
    assert severe["fired"]
    assert severe["value"] == 4
    assert {event["id"] for event in severe["events"]} == {event.pk for event in shared}
    assert severe["events_total"] == 4
    client.force_login(german_watchkeeper)
    detail = client.get(f"/api/assessment/areas/{area.pk}").json()
    severe = next(rule for rule in detail["explanation"] if rule["id"] == "severe-rise-7d")
    assert hidden.pk in {event["id"] for event in severe["events"]}
    assert severe["value"] == 5

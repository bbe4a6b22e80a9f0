"""The pages and the API: all 38 municipalities, the area page's parts, the comparison, and bad input."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone
from scipy.stats import binomtest

from peacekeeper.assessment.comparison import area_km2
from peacekeeper.assessment.schemas import AreaDetail, AssessmentTable, ComparisonRead, RuleSetRead
from peacekeeper.assessment.tests.conftest import PRISTINA, counted
from peacekeeper.theatre.models import Area

pytestmark = pytest.mark.django_db


def test_the_table_lists_all_38_municipalities_with_sparklines(client, theatre, german_watchkeeper):
    counted(german_watchkeeper)
    client.force_login(german_watchkeeper)
    page = client.get("/assessment/").content.decode()
    assert page.count('<tr data-href="/assessment/areas/') == 38
    assert page.count('<svg class="spark"') == 39  # and the country
    assert "Zvečan" in page
    body = client.get("/api/assessment/areas").json()
    AssessmentTable.model_validate(body)
    assert len(body["areas"]) == 38
    assert body["country"]["windows"]["7"]["count"] == 1


def test_the_table_can_be_assessed_at_an_earlier_moment(client, theatre, german_watchkeeper):
    counted(german_watchkeeper)
    client.force_login(german_watchkeeper)
    before = (timezone.now() - timedelta(days=10)).isoformat()
    body = client.get("/api/assessment/areas", {"at": before}).json()
    assert body["country"]["windows"]["90"]["count"] == 0


def test_a_naive_moment_is_refused_with_its_field(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    response = client.get("/api/assessment/areas", {"at": "2026-11-01T12:00:00"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("at: give a time zone")


def test_the_area_page_shows_level_rules_events_and_charts(client, theatre, german_watchkeeper):
    event = counted(german_watchkeeper, severity=4, killed_civilians=1)
    area = Area.objects.get(name_en="Zvečan")
    client.force_login(german_watchkeeper)
    page = client.get(f"/assessment/areas/{area.pk}/").content.decode()
    assert 'data-testid="verdict"' in page
    assert 'data-rule="fatal-7d"' in page
    assert f'href="/log/{event.pk}/"' in page
    assert page.count('<svg class="chart"') == 3
    detail = client.get(f"/api/assessment/areas/{area.pk}").json()
    AreaDetail.model_validate(detail)
    assert len(detail["history"]) == 90
    assert detail["history"][-1]["level"] == 3
    # The report is two hours old: yesterday's (UTC) when the suite runs just after midnight.
    days_ago = (timezone.now().date() - event.occurred_at.astimezone(UTC).date()).days
    expected = [0] * 90
    expected[89 - days_ago] = 1
    assert detail["daily_by_category"] == {"fom.roadblock": expected}


def test_an_unknown_area_is_not_found(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    country = Area.objects.get(level=Area.Level.COUNTRY)
    assert client.get(f"/api/assessment/areas/{country.pk}").status_code == 404
    assert client.get("/assessment/areas/999999/").status_code == 404


def test_the_comparison_tests_north_against_south_per_km2(client, theatre, german_watchkeeper):
    for _ in range(3):
        counted(german_watchkeeper)  # Zvečan, north
    counted(german_watchkeeper, lat=PRISTINA[0], lon=PRISTINA[1])
    client.force_login(german_watchkeeper)
    body = client.get("/api/assessment/compare", {"window": 7}).json()
    ComparisonRead.model_validate(body)
    assert (body["north"]["count"], body["south"]["count"]) == (3, 1)
    north_km2 = sum(area_km2(a) for a in Area.objects.filter(code__in=body["north"]["codes"]))
    south_km2 = sum(area_km2(a) for a in Area.objects.filter(code__in=body["south"]["codes"]))
    assert body["by_area"]["p_value"] == pytest.approx(
        binomtest(3, 4, north_km2 / (north_km2 + south_km2)).pvalue
    )
    assert body["by_area"]["ratio"] == pytest.approx(3 / north_km2 / (1 / south_km2), rel=1e-3)
    assert len(body["north"]["codes"]) == 4
    assert client.get("/api/assessment/compare", {"window": 14}).status_code == 422
    page = client.get("/assessment/compare/").content.decode()
    assert "North of the Ibar" in page
    assert "assumption" in page


def test_the_rules_are_published(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    body = client.get("/api/assessment/rules").json()
    RuleSetRead.model_validate(body)
    assert body["file"] == "rules.json"
    assert {rule["level"] for rule in body["rules"]} == {2, 3, 4, 5}


def test_anonymous_readers_are_sent_to_log_in(client, theatre):
    assert client.get("/assessment/").status_code == 302
    assert client.get("/api/assessment/areas").status_code == 401

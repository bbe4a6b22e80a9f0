"""A log younger than the baseline period is compared only over the days it covers."""

from datetime import date, timedelta

import numpy as np
import pytest
from django.utils import timezone

from peacekeeper.assessment.figures import BASELINE_DAYS, METRICS, Series, window_figures
from peacekeeper.assessment.tests.conftest import PRISTINA, counted
from peacekeeper.theatre.models import Area


def _series(daily_reports: list[int]) -> Series:
    """One area, one category: the given reports per day, ending today."""
    values = np.zeros((1, 1, len(daily_reports), len(METRICS)), dtype=np.int64)
    values[0, 0, :, 0] = daily_reports
    return Series(area_ids=[1], categories=["demo"], first_day=date(2026, 1, 1), values=values)


def test_a_steady_rate_in_a_young_log_is_no_change():
    quiet_before_the_log, steady = [0] * 300, [2] * 120  # the log starts 120 days ago
    figures = window_figures(_series(quiet_before_the_log + steady), area=0, last=419, days=30)
    assert figures.change.reference_exposure == 90
    assert figures.change.ratio == 1.0
    assert figures.change.p_value > 0.5


def test_a_log_older_than_the_baseline_uses_the_whole_baseline():
    figures = window_figures(_series([1] * 500), area=0, last=499, days=7)
    assert figures.change.reference_exposure == BASELINE_DAYS
    assert figures.change.ratio == 1.0


def test_a_surge_against_a_young_log_is_still_found():
    figures = window_figures(_series([0] * 300 + [1] * 90 + [5] * 30), area=0, last=419, days=30)
    assert figures.change.reference_exposure == 90
    assert figures.change.ratio == 5.0
    assert figures.change.p_value < 1e-6


@pytest.mark.django_db
def test_an_area_page_and_the_table_compare_against_the_same_log(client, theatre, german_watchkeeper):
    """The log starts with the reader's first report in any area, even when only one area is loaded."""
    now = timezone.now()
    counted(german_watchkeeper, occurred_at=now - timedelta(days=300), lat=PRISTINA[0], lon=PRISTINA[1])
    for days_ago in (1, 5, 10, 35, 38):  # Zvečan's own reports begin 38 days ago
        counted(german_watchkeeper, occurred_at=now - timedelta(days=days_ago))
    zvecan = Area.objects.get(name_en="Zvečan")
    client.force_login(german_watchkeeper)
    row = next(r for r in client.get("/api/assessment/areas").json()["areas"] if r["id"] == zvecan.pk)
    page = client.get(f"/api/assessment/areas/{zvecan.pk}").json()["area"]
    assert page["windows"] == row["windows"]
    # Its 3 earlier reports over the 294 days from the log's start to the window, not the 31 since its first.
    assert row["windows"]["7"]["expected"] == round(7 * 3 / 294, 2)

"""A run that ends now (as the demo's history does) stores every report it draws.

Reports are drawn up to the run's end and reported up to 90 minutes after they occur; validation refuses a
`reported_at` in the future, so a report drawn in the last 90 minutes was refused unless capped at the end.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.exercise.generator import generate_and_store, generate_events


@pytest.mark.django_db
def test_a_run_ending_now_stores_every_report(theatre):
    end = timezone.now()
    # A two-hour window: most reports fall in the last 90 minutes, where the delay would reach past `end`.
    summary = generate_and_store(count=400, seed=3, start=end - timedelta(hours=2), end=end)
    assert (summary.created, summary.rejected) == (400, 0)


@pytest.mark.django_db
def test_no_report_is_reported_after_the_runs_end(theatre):
    end = timezone.now()
    reports = list(generate_events(count=400, seed=3, start=end - timedelta(hours=2), end=end))
    assert max(report.reported_at for report in reports) <= end
    assert all(report.reported_at >= report.occurred_at for report in reports)

"""The daily FoM index: length-weighted, time-weighted, restricted counts half."""

from datetime import UTC, datetime, timedelta

import pytest

from peacekeeper.movement.index import daily_index
from peacekeeper.movement.network import current_network
from peacekeeper.movement.recording import record_restriction
from peacekeeper.movement.tests.conftest import PEJA_KLINA, SUHAREKA, segment

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 11, 20, tzinfo=UTC)


def test_an_open_network_scores_100_every_day(theatre, german_watchkeeper):
    days = daily_index(user=german_watchkeeper, first=DAY.date(), last=(DAY + timedelta(days=2)).date())
    assert [d.open_percent for d in days] == [100.0, 100.0, 100.0]
    assert all(d.hours == 24 for d in days)


def test_closure_and_restriction_weigh_by_length_and_time(theatre, german_watchkeeper):
    road, other = segment("M-9", PEJA_KLINA), segment("M-25", SUHAREKA)
    total = current_network().total_km
    record_restriction(
        user=german_watchkeeper, status="closed", cause="closed 6 h", segment_ids=[road.pk],
        started_at=DAY + timedelta(hours=6), expires_at=DAY + timedelta(hours=12),
    )  # fmt: skip
    # Overlaps the closure for 2 h: the heavier status counts there, never both.
    record_restriction(
        user=german_watchkeeper, status="restricted", cause="restricted 12 h",
        segment_ids=[road.pk, other.pk],
        started_at=DAY + timedelta(hours=10), expires_at=DAY + timedelta(hours=22),
    )  # fmt: skip
    day, next_day = daily_index(
        user=german_watchkeeper, first=DAY.date(), last=(DAY + timedelta(days=1)).date()
    )
    lost = road.length_km * (6 + 0.5 * 10) / 24 + other.length_km * 0.5 * 12 / 24
    assert day.open_percent == pytest.approx(100 * (1 - lost / total), abs=0.01)
    assert day.closed_km_hours == pytest.approx(road.length_km * 6, abs=0.1)
    assert next_day.open_percent == 100.0


def test_today_counts_only_up_to_now(theatre, german_watchkeeper):
    now = DAY + timedelta(hours=6)
    record_restriction(
        user=german_watchkeeper, status="closed", cause="x", segment_ids=[segment("M-9", PEJA_KLINA).pk],
        started_at=DAY,
    )  # fmt: skip
    [today] = daily_index(user=german_watchkeeper, first=DAY.date(), last=DAY.date(), now=now)
    assert today.hours == 6
    total = current_network().total_km
    assert today.open_percent == pytest.approx(
        100 * (1 - segment("M-9", PEJA_KLINA).length_km / total), abs=0.01
    )


def test_a_range_must_be_ordered(theatre, german_watchkeeper):
    with pytest.raises(ValueError, match="last must not be before first"):
        daily_index(user=german_watchkeeper, first=DAY.date(), last=(DAY - timedelta(days=1)).date())

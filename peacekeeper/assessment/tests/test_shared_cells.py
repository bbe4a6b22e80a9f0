"""Cells read once for every label and shared by the readers of a process (cell_store) give each reader
exactly the series the policy's own query gives them, and a change of the cells is seen at the next read.

Transactional: inside a test's transaction the store reads the database directly (see cell_store), so
these tests commit, as a serving process does."""

from datetime import timedelta

import numpy as np
import pytest
from django.db import transaction
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.assessment import cell_store, figures, ledger
from peacekeeper.assessment.assessing import municipalities
from peacekeeper.assessment.figures import SPAN_DAYS, load_series
from peacekeeper.assessment.models import DayCell
from peacekeeper.assessment.tests.conftest import DEU_ONLY, PRISTINA, counted
from peacekeeper.events.models import EventReport, Status
from peacekeeper.theatre.models import Area

pytestmark = pytest.mark.django_db(transaction=True)

READERS = ("german_watchkeeper", "italian_analyst", "eulex_partner")


@pytest.fixture
def log(kosovo, german_watchkeeper):
    cell_store._spans.clear()
    figures._series.clear()
    zvecan = Area.objects.get(name_en="Zvečan")
    shared = [counted(german_watchkeeper, severity=5) for _ in range(3)]
    national = [
        counted(german_watchkeeper, marking=DEU_ONLY, severity=4, killed_civilians=1) for _ in range(2)
    ]
    return zvecan, shared, national


def series_of(user):
    last_day = timezone.now().date()
    areas = [area.pk for area in municipalities()]
    return load_series(
        user=user, first_day=last_day - timedelta(days=SPAN_DAYS), last_day=last_day, area_ids=areas
    )


def direct_series_of(user):
    """The series read straight through the policy's query (the store's path inside a transaction)."""
    with transaction.atomic():
        return series_of(user)


def assert_same(shared, direct) -> None:
    assert shared.categories == direct.categories
    assert np.array_equal(shared.values, direct.values)
    assert shared.label_ids == direct.label_ids
    assert shared.log_start == direct.log_start


@pytest.mark.parametrize("reader", READERS)
def test_each_reader_gets_from_the_shared_cells_what_the_policy_query_gives(request, log, reader):
    user = request.getfixturevalue(reader)
    shared = series_of(user)
    assert len(cell_store._spans) == 1  # read once, for every label
    assert_same(shared, direct_series_of(user))
    assert shared.label_ids <= set(policy.visible_label_ids(user))


def test_readers_of_different_labels_share_one_reading_and_see_their_own(
    log, german_watchkeeper, italian_analyst
):
    _, shared, national = log
    german, italian = series_of(german_watchkeeper), series_of(italian_analyst)
    assert len(cell_store._spans) == 1
    assert german.values[:, :, :, 0].sum() == len(shared) + len(national)
    assert italian.values[:, :, :, 0].sum() == len(shared)
    assert not set(DayCell.objects.filter(label__marking=DEU_ONLY).values_list("label_id", flat=True)) & (
        italian.label_ids
    )


def test_a_change_of_the_cells_is_seen_at_the_next_reading(log, german_watchkeeper, italian_analyst):
    before = series_of(german_watchkeeper).values[:, :, :, 0].sum()
    counted(german_watchkeeper, marking=DEU_ONLY, severity=3)
    after = series_of(german_watchkeeper)
    assert after.values[:, :, :, 0].sum() == before + 1
    assert_same(after, direct_series_of(german_watchkeeper))
    assert_same(series_of(italian_analyst), direct_series_of(italian_analyst))


def test_a_cell_emptied_by_a_change_is_seen_at_the_next_reading(log, german_watchkeeper, italian_analyst):
    _, shared, _ = log
    before = series_of(italian_analyst).values[:, :, :, 0].sum()
    EventReport.objects.filter(pk=shared[0].pk).update(status=Status.REJECTED)
    ledger.update_reports([shared[0].pk])
    after = series_of(italian_analyst)
    assert after.values[:, :, :, 0].sum() == before - 1
    assert_same(after, direct_series_of(italian_analyst))


def test_after_a_change_only_the_rows_written_since_are_read(log, german_watchkeeper, monkeypatch):
    series_of(german_watchkeeper)
    read = []
    original = cell_store._read

    def counting(cells, **days):
        result = original(cells, **days)
        read.append(len(result.days))
        return result

    monkeypatch.setattr(cell_store, "_read", counting)
    # In Pristina: its (area, day) has one row; the span holds the rows of Zvečan's too.
    counted(german_watchkeeper, severity=2, category="protests.peaceful", lat=PRISTINA[0], lon=PRISTINA[1])
    after = series_of(german_watchkeeper)
    assert read == [1]  # the rewritten cell only, not the span again
    assert_same(after, direct_series_of(german_watchkeeper))


def test_readers_of_the_same_labels_share_one_series_until_the_cells_change(log, german_watchkeeper):
    first = series_of(german_watchkeeper)
    assert series_of(german_watchkeeper) is first  # built once for the labels, span and areas
    counted(german_watchkeeper, severity=2)
    changed = series_of(german_watchkeeper)
    assert changed is not first
    assert changed.values[:, :, :, 0].sum() == first.values[:, :, :, 0].sum() + 1

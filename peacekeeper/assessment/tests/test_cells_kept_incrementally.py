"""The day cells follow every change of a report, and the incremental update equals a full rebuild."""

from datetime import timedelta

import pytest

from peacekeeper.assessment import ledger
from peacekeeper.assessment.models import CountedReport, DayCell
from peacekeeper.assessment.tests.conftest import DEU_ONLY, PRISTINA, cells, counted
from peacekeeper.events.models import EventReport, Status
from peacekeeper.events.recording import update_report
from peacekeeper.events.tests.factories import IBAR_BRIDGE, TWO_HOURS_AGO
from peacekeeper.events.workflow import transition
from peacekeeper.theatre.models import Area

pytestmark = pytest.mark.django_db


def test_a_validated_report_enters_its_area_day_and_category(
    theatre, german_watchkeeper, rebuilt_equals_incremental
):
    event = counted(german_watchkeeper, severity=4, killed_civilians=2)
    cell = DayCell.objects.get()
    assert (cell.area_id, cell.day, cell.category) == (event.area_id, TWO_HOURS_AGO.date(), "fom.roadblock")
    assert (cell.count, cell.severity_sum, cell.severe, cell.fatalities) == (1, 4, 1, 2)
    rebuilt_equals_incremental()


def test_submitted_and_rejected_reports_are_not_counted(
    theatre, german_watchkeeper, rebuilt_equals_incremental
):
    counted(german_watchkeeper, status=Status.SUBMITTED)
    counted(german_watchkeeper, status=Status.REJECTED)
    assert cells() == []
    assert rebuilt_equals_incremental() == []


def test_reports_of_one_cell_are_summed_and_labels_kept_apart(
    theatre, german_watchkeeper, rebuilt_equals_incremental
):
    counted(german_watchkeeper, severity=2)
    counted(german_watchkeeper, severity=5)
    counted(german_watchkeeper, severity=1, marking=DEU_ONLY)
    rows = {
        cell.label.marking: (cell.count, cell.severity_sum)
        for cell in DayCell.objects.select_related("label")
    }
    assert rows == {"NATO UNCLASSIFIED // REL TO KFOR": (2, 7), DEU_ONLY: (1, 1)}
    rebuilt_equals_incremental()


def test_a_report_moved_to_another_area_and_day_leaves_its_old_cell(
    theatre, german_watchkeeper, italian_analyst, rebuilt_equals_incremental
):
    event = counted(german_watchkeeper)
    old_area = event.area_id
    update_report(
        user=german_watchkeeper,
        event=event,
        changes={"lat": PRISTINA[0], "lon": PRISTINA[1], "occurred_at": TWO_HOURS_AGO - timedelta(days=3)},
        reason="position and date confirmed by the patrol",
    )
    # A correction sends the report back for validation: it stops counting at once.
    ledger.update_reports([event.pk])
    assert cells() == []
    transition(user=italian_analyst, event=EventReport.objects.get(pk=event.pk), name="validate")
    ledger.update_reports([event.pk])
    cell = DayCell.objects.get()
    assert cell.area_id != old_area
    assert cell.area.name_en == "Pristina"
    assert cell.day == (TWO_HOURS_AGO - timedelta(days=3)).date()
    rebuilt_equals_incremental()


def test_a_rejected_report_leaves_its_cell_and_the_others_stay(
    theatre, german_watchkeeper, italian_analyst, rebuilt_equals_incremental
):
    keep = counted(german_watchkeeper, severity=2)
    drop = counted(german_watchkeeper, severity=3)
    transition(user=italian_analyst, event=drop, name="reject", reason="duplicate of an earlier report")
    ledger.update_reports([drop.pk])
    cell = DayCell.objects.get()
    assert (cell.count, cell.severity_sum) == (1, 2)
    assert list(CountedReport.objects.values_list("report_id", flat=True)) == [keep.pk]
    rebuilt_equals_incremental()


def test_the_workflow_updates_the_cells_after_commit(
    theatre, german_watchkeeper, italian_analyst, django_capture_on_commit_callbacks
):
    event = counted(german_watchkeeper, status=Status.SUBMITTED)
    assert cells() == []
    with django_capture_on_commit_callbacks(execute=True):
        transition(user=italian_analyst, event=event, name="validate")
    assert DayCell.objects.get().count == 1
    with django_capture_on_commit_callbacks(execute=True):
        transition(
            user=italian_analyst, event=EventReport.objects.get(pk=event.pk), name="reject", reason="wrong"
        )
    assert cells() == []


def test_a_bulk_announcement_rebuilds_everything(
    theatre, german_watchkeeper, django_capture_on_commit_callbacks
):
    first = counted(german_watchkeeper, update=False)
    second = counted(german_watchkeeper, update=False, lat=IBAR_BRIDGE[0], lon=IBAR_BRIDGE[1])
    from peacekeeper.events.signals import announce_reports_changed

    with django_capture_on_commit_callbacks(execute=True):
        announce_reports_changed(None)
    assert set(CountedReport.objects.values_list("report_id", flat=True)) == {first.pk, second.pk}
    assert sum(DayCell.objects.values_list("count", flat=True)) == 2


def test_a_report_at_a_crossing_counts_as_near_it(theatre, german_watchkeeper, rebuilt_equals_incremental):
    from peacekeeper.theatre.models import CrossingPoint

    crossing = CrossingPoint.objects.select_related("place").filter(place__lat__isnull=False).first()
    counted(german_watchkeeper, lat=crossing.place.lat + 0.005, lon=crossing.place.lon)  # about 550 m
    counted(german_watchkeeper, lat=crossing.place.lat + 0.03, lon=crossing.place.lon)  # about 3.3 km
    assert sum(DayCell.objects.values_list("near_crossing", flat=True)) == 1
    rebuilt_equals_incremental()


def test_many_random_changes_keep_incremental_equal_to_rebuild(
    theatre, german_watchkeeper, italian_analyst, rebuilt_equals_incremental
):
    import random

    chance = random.Random(6)
    areas = list(Area.objects.filter(level=Area.Level.MUNICIPALITY).exclude(centroid_lat=None))
    events = [counted(german_watchkeeper, severity=chance.randint(1, 5)) for _ in range(12)]
    for event in events:
        area = chance.choice(areas)
        status = chance.choice([Status.VALIDATED, Status.PUBLISHED, Status.REJECTED, Status.SUBMITTED])
        EventReport.objects.filter(pk=event.pk).update(
            area=area,
            status=status,
            occurred_at=event.occurred_at - timedelta(days=chance.randint(0, 40)),
            category=chance.choice(["fom.roadblock", "riots.violent_demonstration", "strategic.arrests"]),
        )
        ledger.update_reports([event.pk])
    rebuilt_equals_incremental()


def test_a_failure_after_a_report_change_is_logged_and_kept_but_a_requested_recompute_fails_loudly(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from peacekeeper.events.models import DerivationDue
    from peacekeeper.events.signals import announce_reports_changed, reports_changed

    def broken(report_ids):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ledger, "update_reports", broken)
    with django_capture_on_commit_callbacks(execute=True):
        announce_reports_changed([1])
    assert "failed for reports [1]; kept for recovery" in caplog.text
    assert DerivationDue.objects.get().last_error == "RuntimeError: disk full"
    with pytest.raises(RuntimeError, match="disk full"):
        reports_changed.send(sender="the command line", report_ids=[1])

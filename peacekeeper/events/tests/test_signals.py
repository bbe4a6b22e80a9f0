"""reports_changed: sent after commit, naming the reports whose counted state may have changed."""

import pytest

from peacekeeper.events import signals
from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import Status
from peacekeeper.events.recording import create_report, update_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.workflow import transition


@pytest.fixture
def announced():
    received: list = []

    def receiver(sender, report_ids, **kwargs):
        received.append(report_ids)

    signals.reports_changed.connect(receiver)
    yield received
    signals.reports_changed.disconnect(receiver)


@pytest.mark.django_db
def test_validation_and_correction_announce_the_report(
    theatre, german_watchkeeper, italian_analyst, announced, django_capture_on_commit_callbacks
):
    report = create_report(user=german_watchkeeper, data=an_event(), submit=True)
    with django_capture_on_commit_callbacks(execute=True):
        transition(user=italian_analyst, event=report, name="validate")
    assert announced == [[report.pk]]
    with django_capture_on_commit_callbacks(execute=True):
        update_report(user=italian_analyst, event=report, changes={"severity": 5}, reason="Confirmed")
    assert announced == [[report.pk], [report.pk]]


@pytest.mark.django_db
def test_nothing_is_announced_before_the_transaction_commits(
    theatre, german_watchkeeper, italian_analyst, announced, django_capture_on_commit_callbacks
):
    report = create_report(user=german_watchkeeper, data=an_event(), submit=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        transition(user=italian_analyst, event=report, name="validate")
    assert announced == []
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_a_small_ingest_lists_ids_and_a_large_one_asks_for_a_rebuild(
    theatre, announced, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        summary = ingest(
            items=[an_event(source_id="a"), an_event(source_id="b", severity=2)],
            source_system="test",
            default_marking="NATO UNCLASSIFIED // REL TO KFOR",
            status=Status.VALIDATED,
            keep_results=True,
        )
    assert announced == [sorted(result.event_id for result in summary.results)]

    monkeypatch.setattr("peacekeeper.events.ingest.LISTED_IDS_LIMIT", 1)
    with django_capture_on_commit_callbacks(execute=True):
        ingest(
            items=[an_event(source_id="c"), an_event(source_id="d")],
            source_system="test",
            default_marking="NATO UNCLASSIFIED // REL TO KFOR",
            status=Status.VALIDATED,
        )
    assert announced[-1] is None

"""Every way a report becomes validated or published records who and when, as the workflow does, and
announces it once committed: the live map finds new reports by `validated_at` / `published_at`, and the
assessment and the FoM network follow `reports_changed`."""

import threading

import pytest
from django.db.models import Q
from django.utils import timezone

from peacekeeper.cli import main
from peacekeeper.events import signals
from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import EventChange, EventReport, ImportBatch, Status
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.tests.test_acled_import_and_export import ROW, acled_file
from peacekeeper.events.tests.threads import in_threads
from peacekeeper.exercise.generator import trickle

KFOR = "NATO UNCLASSIFIED // REL TO KFOR"


@pytest.fixture
def announced():
    received: list = []

    def receiver(sender, report_ids, **kwargs):
        received.append(report_ids)

    signals.reports_changed.connect(receiver)
    yield received
    signals.reports_changed.disconnect(receiver)


def on_the_live_map_since(moment) -> set[int]:
    """What the live stream looks for: reports counted, validated or published after its last look."""
    changed = Q(validated_at__gt=moment) | Q(published_at__gt=moment)
    counted = EventReport.objects.filter(changed, status__in=[Status.VALIDATED, Status.PUBLISHED])
    return set(counted.values_list("pk", flat=True))


@pytest.mark.django_db
def test_an_acled_import_as_validated_is_validated_by_the_system_now(
    theatre, tmp_path, announced, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert main(["import", "acled", str(acled_file(tmp_path, [ROW])), "--status", "validated"]) == 0
    event = EventReport.objects.get(source_id="XKX1001")
    assert (event.status, event.validated_by, event.published_at) == (Status.VALIDATED, None, None)
    assert event.validated_at >= before
    assert on_the_live_map_since(before) == {event.pk}
    assert announced == [[event.pk]]
    assert event.import_batch.status == Status.VALIDATED


@pytest.mark.django_db
def test_an_import_by_an_analyst_is_validated_or_published_by_them(
    theatre, italian_analyst, announced, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        ingest(
            items=[an_event(source_id="v")],
            source_system="feed",
            default_marking=KFOR,
            user=italian_analyst,
            status=Status.VALIDATED,
        )
        ingest(
            items=[an_event(source_id="p")],
            source_system="feed",
            default_marking=KFOR,
            user=italian_analyst,
            status=Status.PUBLISHED,
        )
    validated, published = EventReport.objects.get(source_id="v"), EventReport.objects.get(source_id="p")
    assert validated.validated_by == published.validated_by == italian_analyst
    assert validated.published_at is None
    assert published.validated_at == published.published_at
    assert on_the_live_map_since(before) == {validated.pk, published.pk}
    assert announced == [[validated.pk], [published.pk]]


@pytest.mark.django_db
def test_a_newer_record_imported_as_validated_validates_the_stored_report_with_history(
    theatre, italian_analyst, announced, django_capture_on_commit_callbacks
):
    def load(status, timestamp, severity):
        return ingest(
            items=[an_event(source_id="r", source_timestamp=timestamp, severity=severity)],
            source_system="feed",
            default_marking=KFOR,
            user=italian_analyst,
            status=status,
        )

    load(Status.SUBMITTED, 1, 2)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        load(Status.VALIDATED, 2, 4)
    event = EventReport.objects.get(source_id="r")
    assert (event.status, event.severity, event.validated_by) == (Status.VALIDATED, 4, italian_analyst)
    assert on_the_live_map_since(before) == {event.pk}
    actions = list(event.changes.values_list("action", "fields", "user"))
    assert actions == [
        (EventChange.Action.UPDATED, {"severity": [2, 4], "source_timestamp": [1, 2]}, italian_analyst.pk),
        (EventChange.Action.VALIDATED, {"status": ["submitted", "validated"]}, italian_analyst.pk),
    ]
    assert announced == [[event.pk]]


@pytest.mark.django_db(transaction=True)
def test_the_demo_trickle_puts_each_report_on_the_live_map_as_it_is_made(theatre, announced):
    before = timezone.now()
    errors = in_threads(
        lambda: trickle(
            interval_seconds=0, seed=3, stop=threading.Event(), status=Status.VALIDATED, max_events=2
        )
    )
    assert errors == []
    made = list(EventReport.objects.order_by("pk").values_list("pk", flat=True))
    assert len(made) == 2
    assert on_the_live_map_since(before) == set(made)
    # One announcement per report, each sent when it was committed, not at the end of the run.
    assert announced == [[made[0]], [made[1]]]
    assert ImportBatch.objects.get().state == ImportBatch.State.FINISHED

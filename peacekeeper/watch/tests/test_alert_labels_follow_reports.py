"""An alert is shown only to a reader of its report's current label: a report narrowed by a bulk import
too large to list (announced as "every report") takes its alerts with it, and until the matcher has run
the readers' queries ask the report's own label, so no reader who lost the report sees its alert."""

from django.utils import timezone

from peacekeeper.access.labels import label_from_marking
from peacekeeper.cop import live_alerts
from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import EventReport, Status
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.watch.alerts import alerts_visible_with, visible_alerts
from peacekeeper.watch.matching import match_reports
from peacekeeper.watch.models import Alert
from peacekeeper.watch.signals import alerts_changed
from peacekeeper.watch.tests.test_alerts import alerts_on_stream, client_of

KFOR = "NATO UNCLASSIFIED // REL TO KFOR"
SECRET = "NATO SECRET // REL TO KFOR"  # hans (NATO RESTRICTED) may not read it; giulia may


def _assert_hidden_from(reader, alert: Alert) -> None:
    """Neither the API's list, nor the stream, nor acknowledging shows the alert to this reader."""
    assert not visible_alerts(reader).filter(pk=alert.pk).exists()
    assert [a for a in client_of(reader).get("/api/watch/alerts").json() if a["id"] == alert.pk] == []
    assert [a for a in alerts_on_stream(reader) if a["id"] == alert.pk] == []
    answer = client_of(reader).post(f"/api/watch/alerts/{alert.pk}/acknowledge")
    assert answer.status_code == 404
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_a_bulk_import_too_large_to_list_narrows_the_alerts_with_the_report(
    ccirs, german_watchkeeper, italian_analyst, monkeypatch, django_capture_on_commit_callbacks
):
    item = {"source_id": "acled-1", "killed_civilians": 1, "location_name": "Secret village"}
    with django_capture_on_commit_callbacks(execute=True):
        ingest(
            items=[an_event(source_timestamp=1, marking=KFOR, occurred_at=timezone.now(), **item)],
            source_system="acled",
            default_marking=KFOR,
            status=Status.VALIDATED,
        )
    report = EventReport.objects.get(source_id="acled-1")
    alert = Alert.objects.get(report=report, ccir__key="ccir:fatality")
    assert [a["id"] for a in client_of(german_watchkeeper).get("/api/watch/alerts").json()] == [alert.pk]
    # A load of more than LISTED_IDS_LIMIT reports announces them as None ("every report"); made small here.
    monkeypatch.setattr("peacekeeper.events.ingest.LISTED_IDS_LIMIT", 0)
    heard = []
    alerts_changed.connect(lambda **kwargs: heard.append(kwargs), weak=False, dispatch_uid="test-heard")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            summary = ingest(
                items=[an_event(source_timestamp=2, marking=SECRET, occurred_at=timezone.now(), **item)],
                source_system="acled",
                default_marking=KFOR,
                status=Status.VALIDATED,
            )
    finally:
        alerts_changed.disconnect(dispatch_uid="test-heard")
    assert summary.updated == 1
    report.refresh_from_db()
    alert.refresh_from_db()
    assert report.label.marking == SECRET
    assert alert.label_id == report.label_id
    assert heard  # the open streams are told
    _assert_hidden_from(german_watchkeeper, alert)
    assert [a["id"] for a in client_of(italian_analyst).get("/api/watch/alerts").json()] == [alert.pk]


def test_before_the_matcher_has_run_the_report_s_own_label_decides(
    ccirs, german_watchkeeper, italian_analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = create_report(
            user=german_watchkeeper, data=an_event(killed_civilians=1, occurred_at=timezone.now())
        )
    alert = Alert.objects.get(report=report)
    # The relabel committed, its announcement not delivered yet: the alert still carries the wider label.
    EventReport.objects.filter(pk=report.pk).update(label=label_from_marking(SECRET))
    alert.refresh_from_db()
    assert alert.label.marking == KFOR
    _assert_hidden_from(german_watchkeeper, alert)
    assert [a["id"] for a in alerts_on_stream(italian_analyst)] == [alert.pk]
    # The stream's filter by label ids, and its own check of what it read, agree.
    read = live_alerts.AlertLook.read(timezone.now())
    kfor_only = frozenset({label_from_marking(KFOR).pk, alert.ccir.label_id})
    assert live_alerts.for_reader(read, kfor_only, {}) == []
    assert not alerts_visible_with(kfor_only).exists()


def test_matching_every_report_relabels_every_stale_alert_in_one_go(
    ccirs, german_watchkeeper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = create_report(
            user=german_watchkeeper, data=an_event(killed_civilians=1, occurred_at=timezone.now())
        )
    EventReport.objects.filter(pk=report.pk).update(label=label_from_marking(SECRET))
    heard = []
    alerts_changed.connect(lambda **kwargs: heard.append(kwargs), weak=False, dispatch_uid="test-heard")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            match_reports(None)
        assert len(heard) == 1
        assert Alert.objects.get(report=report).label.marking == SECRET
        # Nothing stale left: nothing announced.
        with django_capture_on_commit_callbacks(execute=True):
            match_reports(None)
        assert len(heard) == 1
    finally:
        alerts_changed.disconnect(dispatch_uid="test-heard")

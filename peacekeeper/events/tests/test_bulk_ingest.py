import pytest

from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import EventReport
from peacekeeper.events.tests.factories import an_event

MARKING = "NATO UNCLASSIFIED // REL TO KFOR"


def feed(*items, **kwargs):
    return ingest(
        items=list(items), source_system="feed", default_marking=MARKING, keep_results=True, **kwargs
    )


@pytest.mark.django_db
def test_the_same_records_twice_are_stored_once(theatre):
    first = feed(an_event(source_id="a"), an_event(source_id="b"))
    again = feed(an_event(source_id="a"), an_event(source_id="b"))
    assert (first.created, again.created, again.unchanged) == (2, 0, 2)
    assert EventReport.objects.count() == 2


@pytest.mark.django_db
def test_a_newer_source_timestamp_updates_and_is_recorded(theatre):
    feed(an_event(source_id="a", source_timestamp=100, severity=2))
    summary = feed(an_event(source_id="a", source_timestamp=200, severity=4))
    assert summary.updated == 1
    event = EventReport.objects.get()
    assert (event.severity, event.version) == (4, 2)
    assert event.changes.get().fields == {"severity": [2, 4], "source_timestamp": [100, 200]}


@pytest.mark.django_db
def test_an_older_timestamp_changes_nothing(theatre):
    feed(an_event(source_id="a", source_timestamp=200, severity=4))
    summary = feed(an_event(source_id="a", source_timestamp=100, severity=1))
    assert summary.unchanged == 1
    assert EventReport.objects.get().severity == 4


@pytest.mark.django_db
def test_every_rejected_item_is_reported_and_the_others_are_stored(theatre):
    summary = feed(
        an_event(source_id="ok"),
        an_event(source_id="bad-category", category="nope"),
        an_event(source_id="abroad", lat=44.8, lon=20.4),
        an_event(source_id="bad-label", marking="NATO RESTRICTED // REL TO NOWHERE"),
        an_event(source_id="ok"),
        batch_size=2,
    )
    rejected = {
        r.index: [(e.field, e.reason) for e in r.errors] for r in summary.results if r.outcome == "rejected"
    }
    assert summary.created == 1
    assert rejected[1] == [("category", "unknown category 'nope'")]
    assert rejected[2][0][0] == "location"
    assert rejected[3][0][0] == "marking"
    assert 4 not in rejected  # in a later batch, the stored "ok" is found and left unchanged
    assert summary.unchanged == 1


@pytest.mark.django_db
def test_a_duplicate_inside_one_batch_is_rejected_not_crashed(theatre):
    summary = feed(an_event(source_id="x"), an_event(source_id="x"))
    assert (summary.created, summary.rejected) == (1, 1)
    assert "repeats item 0" in summary.results[1].errors[0].reason

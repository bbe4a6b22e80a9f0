"""The live stream reads its reader afresh on every poll: a lowered clearance or a deactivated account
applies from the next poll, though the connection was opened before."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from peacekeeper.access.classification import Classification
from peacekeeper.access.models import UserProfile
from peacekeeper.cop import live
from peacekeeper.events.models import EventReport, Status
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

pytestmark = pytest.mark.django_db

RESTRICTED = "NATO RESTRICTED // REL TO KFOR"
UNCLASSIFIED = "NATO UNCLASSIFIED // REL TO KFOR"


def validated(author: User, marking: str) -> EventReport:
    event = create_report(user=author, data=an_event(marking=marking), submit=True)
    EventReport.objects.filter(pk=event.pk).update(status=Status.VALIDATED, validated_at=timezone.now())
    return event


def delivered(cursor: live._Cursor, reader: User) -> list[int]:
    return [int(message.rsplit(b"\nid: ", 1)[1]) for message in cursor.poll(reader)]


@pytest.fixture
def reader(german_watchkeeper) -> User:
    # The stream holds the user object of the request that opened it, for the whole connection.
    return User.objects.get(pk=german_watchkeeper.pk)


def test_a_lowered_clearance_stops_restricted_reports_at_the_next_poll(theatre, reader, italian_analyst):
    cursor = live._Cursor(after_id=None)
    first = validated(italian_analyst, RESTRICTED)
    assert delivered(cursor, reader) == [first.pk]
    UserProfile.objects.filter(user=reader).update(clearance=Classification.NATO_UNCLASSIFIED)
    second = validated(italian_analyst, RESTRICTED)
    unclassified = validated(italian_analyst, UNCLASSIFIED)
    assert delivered(cursor, reader) == [unclassified.pk]
    assert second.pk not in delivered(cursor, reader)


def test_a_deactivated_reader_gets_nothing_more(theatre, reader, italian_analyst):
    cursor = live._Cursor(after_id=None)
    first = validated(italian_analyst, UNCLASSIFIED)
    assert delivered(cursor, reader) == [first.pk]
    User.objects.filter(pk=reader.pk).update(is_active=False)
    validated(italian_analyst, UNCLASSIFIED)
    assert delivered(cursor, reader) == []
    assert cursor.ended


def test_the_stream_of_a_deactivated_reader_ends(theatre, reader, monkeypatch):
    monkeypatch.setattr(live, "POLL_SECONDS", 0)
    monkeypatch.setattr(live, "PING_SECONDS", 0)
    # The stream closes its connection when it ends; here that connection holds the test's transaction.
    monkeypatch.setattr(live, "close_old_connections", lambda: None)
    stream = live._sync_stream(reader, live._Cursor(after_id=None))
    try:
        assert next(stream).startswith(b"retry:")
        assert next(stream) == b": ping\n\n"
        User.objects.filter(pk=reader.pk).update(is_active=False)
        assert next(stream, "ended") == "ended"
    finally:
        stream.close()

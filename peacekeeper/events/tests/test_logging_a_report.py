import pytest

from peacekeeper.core.errors import InputError, NotAllowed
from peacekeeper.events.models import EventChange, Status
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event


@pytest.mark.django_db
def test_a_report_gets_its_municipality_from_its_position(theatre, german_watchkeeper):
    event = create_report(user=german_watchkeeper, data=an_event())
    assert event.area.name_en == "Zvečan"
    assert event.status == Status.DRAFT
    assert [change.action for change in event.changes.all()] == [EventChange.Action.CREATED]


@pytest.mark.django_db
def test_submitting_at_once_is_recorded(theatre, german_watchkeeper):
    event = create_report(user=german_watchkeeper, data=an_event(), submit=True)
    assert event.status == Status.SUBMITTED
    assert [c.action for c in event.changes.all()] == ["created", "submitted"]


@pytest.mark.django_db
def test_a_point_outside_the_theatre_is_rejected_unless_confirmed(theatre, german_watchkeeper):
    belgrade = {"lat": 44.8125, "lon": 20.4612}
    with pytest.raises(InputError, match="outside the theatre"):
        create_report(user=german_watchkeeper, data=an_event(**belgrade))
    event = create_report(user=german_watchkeeper, data=an_event(**belgrade, allow_outside_theatre=True))
    assert event.outside_theatre
    assert event.area is None


@pytest.mark.django_db
def test_every_problem_is_named_by_field(theatre, german_watchkeeper):
    with pytest.raises(InputError) as raised:
        create_report(
            user=german_watchkeeper,
            data=an_event(category="nonsense", severity=9, killed_civilians=-1, source_reliability="Q"),
        )
    fields = {error.field for error in raised.value.errors}
    assert fields == {"category", "severity", "killed_civilians", "source_reliability"}


@pytest.mark.django_db
def test_a_writer_cannot_release_above_their_own_clearance(theatre, german_watchkeeper):
    with pytest.raises(InputError, match="cannot release"):
        create_report(user=german_watchkeeper, data=an_event(marking="NATO SECRET // REL TO KFOR"))


@pytest.mark.django_db
def test_a_partner_cannot_log_reports(theatre, eulex_partner):
    with pytest.raises(NotAllowed):
        create_report(user=eulex_partner, data=an_event(marking="NATO UNCLASSIFIED // REL TO EULEX"))


@pytest.mark.django_db
def test_the_default_release_is_the_authors_mission(theatre, german_watchkeeper):
    event = create_report(user=german_watchkeeper, data=an_event(marking=None))
    assert event.label.marking == "NATO UNCLASSIFIED // REL TO KFOR"

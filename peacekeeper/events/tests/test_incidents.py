from datetime import timedelta

import pytest

from peacekeeper.core.errors import NotAllowed
from peacekeeper.events.duplicates import suggest_duplicates
from peacekeeper.events.incidents import merge, undo_link
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import IBAR_BRIDGE, an_event


@pytest.fixture
def three_reports(theatre, german_watchkeeper):
    first = create_report(user=german_watchkeeper, data=an_event())
    close = create_report(
        user=german_watchkeeper,
        data=an_event(occurred_at=first.occurred_at + timedelta(minutes=40), lat=first.lat + 0.005),
    )
    far = create_report(user=german_watchkeeper, data=an_event(lat=IBAR_BRIDGE[0] - 0.2, lon=IBAR_BRIDGE[1]))
    return first, close, far


@pytest.mark.django_db
def test_a_close_report_of_the_same_kind_is_suggested_and_a_far_one_is_not(three_reports, italian_analyst):
    first, close, _far = three_reports
    suggested = [s.event for s in suggest_duplicates(event=first, user=italian_analyst)]
    assert suggested == [close]


@pytest.mark.django_db
def test_suggestions_never_include_reports_the_analyst_may_not_see(
    theatre, german_watchkeeper, italian_analyst
):
    first = create_report(user=german_watchkeeper, data=an_event())
    create_report(user=german_watchkeeper, data=an_event(marking="NATO RESTRICTED // DEU ONLY"))
    assert suggest_duplicates(event=first, user=italian_analyst) == []


@pytest.mark.django_db
def test_an_analyst_merges_and_undoes_a_merge(three_reports, italian_analyst):
    first, close, _ = three_reports
    incident = merge(user=italian_analyst, events=[first, close], title="Barricade Zvečan")
    close.refresh_from_db()
    assert close.incident == incident
    link = close.incident_links.get()
    undo_link(user=italian_analyst, link=link)
    close.refresh_from_db()
    assert close.incident is None
    assert [c.action for c in close.changes.all()][-2:] == ["merged", "unmerged"]


@pytest.mark.django_db
def test_a_watchkeeper_cannot_merge(three_reports, german_watchkeeper):
    first, close, _ = three_reports
    with pytest.raises(NotAllowed, match="only an analyst"):
        merge(user=german_watchkeeper, events=[first, close])


@pytest.mark.django_db
def test_an_incident_title_never_describes_a_report_some_readers_may_not_see(theatre, german_watchkeeper):
    from peacekeeper.conftest import make_user

    german_analyst = make_user("klaus", "DEU", "DEU", ("KFOR",), "NATO SECRET", ("analyst",))
    national = create_report(
        user=german_watchkeeper,
        data=an_event(marking="NATO RESTRICTED // DEU ONLY", location_name="Secret farm near Zubin Potok"),
    )
    shared = create_report(user=german_watchkeeper, data=an_event())
    incident = merge(user=german_analyst, events=[national, shared])
    assert incident.title == f"Incident {incident.pk}"

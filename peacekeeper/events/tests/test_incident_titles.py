"""A written incident title may say what any of its reports says: it is shown only to readers of every report
it was written over, and other readers of the incident see the generated title."""

import pytest

from peacekeeper.access.classification import Role
from peacekeeper.conftest import make_user
from peacekeeper.events.incidents import merge, title_for
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

pytestmark = pytest.mark.django_db
KFOR = "NATO UNCLASSIFIED // REL TO KFOR"
GERMAN = "NATO SECRET // DEU ONLY"


@pytest.fixture
def german_analyst(organisations):
    return make_user("kurt", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ANALYST,))


def test_a_title_written_over_a_german_report_is_read_only_by_those_who_may_read_it(
    theatre, german_watchkeeper, german_analyst, italian_analyst
):
    first, second = (create_report(user=german_watchkeeper, data=an_event(marking=KFOR)) for _ in range(2))
    hidden = create_report(user=german_analyst, data=an_event(marking=GERMAN))
    incident = merge(user=german_analyst, events=[first, second, hidden], title="Ambush per BND HUMINT")
    assert title_for(incident, user=german_analyst) == "Ambush per BND HUMINT"
    # The Italian analyst sees two reports of the incident, so the incident; not the title.
    assert title_for(incident, user=italian_analyst) == f"Incident {incident.pk}"


def test_a_title_over_reports_of_one_audience_is_theirs(
    theatre, german_watchkeeper, german_analyst, italian_analyst
):
    first, second = (create_report(user=german_watchkeeper, data=an_event(marking=KFOR)) for _ in range(2))
    incident = merge(user=german_analyst, events=[first, second], title="Roadblock at Zvečan")
    assert title_for(incident, user=italian_analyst) == "Roadblock at Zvečan"


def test_a_hidden_report_linked_later_does_not_change_who_reads_the_title(
    theatre, german_watchkeeper, german_analyst, italian_analyst
):
    first, second = (create_report(user=german_watchkeeper, data=an_event(marking=KFOR)) for _ in range(2))
    incident = merge(user=german_analyst, events=[first, second], title="Roadblock at Zvečan")
    hidden = create_report(user=german_analyst, data=an_event(marking=GERMAN))
    merge(user=german_analyst, events=[first, hidden])
    incident.refresh_from_db()
    assert title_for(incident, user=italian_analyst) == "Roadblock at Zvečan"

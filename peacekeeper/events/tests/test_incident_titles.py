"""A written incident title may say what any of its reports says: it is released as all of them together, at
the time it was written, and other readers of the incident see the generated title."""

import pytest

from peacekeeper.access.classification import Role
from peacekeeper.conftest import make_user
from peacekeeper.events.incidents import merge, title_for
from peacekeeper.events.recording import NotAllowed, create_report
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
    assert incident.title_label.marking == GERMAN
    assert title_for(incident, user=german_analyst) == "Ambush per BND HUMINT"
    # The Italian analyst sees two reports of the incident, so the incident; not the title.
    assert title_for(incident, user=italian_analyst) == f"Incident {incident.pk}"


def test_a_title_over_reports_of_one_audience_is_theirs(
    theatre, german_watchkeeper, german_analyst, italian_analyst
):
    first, second = (create_report(user=german_watchkeeper, data=an_event(marking=KFOR)) for _ in range(2))
    incident = merge(user=german_analyst, events=[first, second], title="Roadblock at Zvečan")
    assert title_for(incident, user=italian_analyst) == "Roadblock at Zvečan"


def test_a_title_over_reports_with_no_reader_in_common_is_refused(theatre, organisations):
    # A EULEX officer serving with KFOR reads both; no one else need read either.
    writer = make_user("ada", "EULEX", None, ("KFOR",), "NATO SECRET", (Role.ANALYST,))
    first = create_report(user=writer, data=an_event(marking="NATO UNCLASSIFIED // REL TO EULEX"))
    second = create_report(user=writer, data=an_event(marking=KFOR))
    with pytest.raises(NotAllowed, match="no readers in common"):
        merge(user=writer, events=[first, second], title="Two audiences")
    assert merge(user=writer, events=[first, second]).title.startswith("Incident ")

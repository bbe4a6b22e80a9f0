"""Pages given bad input answer with a form error or a plain 400, never 500, on both databases (issue 11).

Dates a day cannot be added to, page numbers whose offset no database takes, moments a record's DTG
cannot write, and NUL characters (PostgreSQL refuses them mid-transaction; SQLite stored them).
"""

import pytest

from peacekeeper.access.classification import Role
from peacekeeper.conftest import make_user
from peacekeeper.events.models import EventChange
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.posture.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_watchkeeper(client, theatre, german_watchkeeper):
    client.raise_request_exception = False
    client.force_login(german_watchkeeper)
    return client


def test_the_log_survives_a_date_at_the_end_of_time_and_a_page_past_any_offset(as_watchkeeper):
    for query in (
        {"until": "9999-12-31"},
        {"since": "0001-01-01"},
        {"page": str(2**63 - 1)},
        {"page": str(2**70)},
    ):
        assert as_watchkeeper.get("/log/", query).status_code == 200, query
    assert as_watchkeeper.get("/log/poll/", {"until": "9999-12-31", "after": str(2**70)}).status_code == 204


def test_the_log_poll_takes_only_ids_the_database_holds(as_watchkeeper, german_watchkeeper):
    create_report(user=german_watchkeeper, data=an_event())
    response = as_watchkeeper.get("/log/poll/", {"after": "0", "shown": f"1,{2**70},²,{'9' * 5000}"})
    assert response.status_code == 200


def test_the_assessment_pages_survive_a_moment_in_year_1(as_watchkeeper):
    for path in ("/assessment/", "/assessment/compare/"):
        assert as_watchkeeper.get(path, {"at": "0001-01-01T00:00"}).status_code == 200, path


def test_the_audit_page_survives_a_date_at_the_end_of_time(client, theatre, organisations):
    officer = make_user("katrin", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.SECURITY_OFFICER,))
    officer.is_staff = True
    officer.save()
    client.force_login(officer)
    for query in ({"until": "9999-12-31"}, {"page": str(2**63 - 1)}):
        assert client.get("/access/audit/", query).status_code == 200, query


def test_a_nul_in_a_page_query_is_a_plain_400_naming_the_field(as_watchkeeper):
    for path, name in (("/log/", "q"), ("/posture/", "q"), ("/forces/", "nation"), ("/movement/", "origin")):
        response = as_watchkeeper.get(path, {name: "Zve\x00čan"})
        assert response.status_code == 400, path
        assert response["Content-Type"].startswith("text/plain")
        assert f"the field '{name}' contains a NUL character" in response.content.decode()


def test_a_nul_in_a_posted_form_field_stores_nothing(as_watchkeeper, german_watchkeeper):
    event = create_report(user=german_watchkeeper, data=an_event())
    response = as_watchkeeper.post(
        f"/log/{event.pk}/transition/", {"transition": "submit", "reason": "checked\x00"}
    )
    assert response.status_code == 400
    assert not EventChange.objects.filter(event=event, action=EventChange.Action.SUBMITTED).exists()


def test_a_task_cannot_start_at_a_moment_its_pages_cannot_write(client, theatre, organisations):
    planner = make_user("paula", "USA", "USA", ("KFOR",), "NATO SECRET", (Role.PLANNER,))
    client.force_login(planner)
    form = {
        "name": "Checkpoint Zubin Potok",
        "kind": "checkpoint",
        "priority": "2",
        "strength": "30",
        "notice_hours": "12",
        "lat": "42.91",
        "lon": "20.69",
        "active": "on",
        "marking": "NATO RESTRICTED // REL TO KFOR",
        "starts_at": "9999-12-31T23:00",
    }
    response = client.post("/posture/tasks/new", form)
    assert response.status_code == 200
    assert 'data-testid="error-starts_at"' in response.content.decode()
    assert not Task.objects.exists()


def test_a_task_in_an_area_whose_id_the_database_cannot_hold_is_a_form_error(client, theatre, organisations):
    # The areas are looked up with IN (...): SQLite overflowed on the id (a 500), PostgreSQL found nothing.
    planner = make_user("paula", "USA", "USA", ("KFOR",), "NATO SECRET", (Role.PLANNER,))
    client.force_login(planner)
    form = {
        "name": "Patrol Ibar valley",
        "kind": "patrol_area",
        "priority": "2",
        "strength": "30",
        "notice_hours": "12",
        "active": "on",
        "marking": "NATO RESTRICTED // REL TO KFOR",
    }
    for value in (str(2**63), str(-(2**70))):
        response = client.post("/posture/tasks/new", {**form, "areas": [value]})
        assert response.status_code == 200, value
        assert 'data-testid="error-areas"' in response.content.decode(), value
    assert not Task.objects.exists()

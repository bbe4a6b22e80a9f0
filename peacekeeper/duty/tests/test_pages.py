"""The pages: an action opened from a report's page shows there and in its history; the Actions page lists
mine / open / overdue, overdue ones marked in words as well as colour; only the watch floor is offered the
form; bad input comes back on the form naming the field."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from peacekeeper.duty import actions
from peacekeeper.duty.models import Action
from peacekeeper.theatre.dtg import format_dtg

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_action_opened_from_the_report_page_is_shown_there_and_in_its_history(report, german_watchkeeper):
    event = report()
    client = _client(german_watchkeeper)
    page = client.get(f"/log/{event.pk}/").content.decode()
    assert 'data-testid="action-form"' in page
    due = format_dtg(timezone.now() + timedelta(hours=2))
    answer = client.post(
        "/duty/actions/new/",
        {
            "subject": f"report:{event.pk}",
            "text": "dispatch the KTM",
            "owner": "hans",
            "due": due,
            "marking": "",
        },
    )
    assert answer.status_code == 302
    assert answer["Location"] == f"/log/{event.pk}/#actions"
    action = Action.objects.get()
    page = client.get(f"/log/{event.pk}/").content.decode()
    history = page[page.index('data-testid="history"') :]
    assert "Action opened: dispatch the KTM" in history
    assert f"due {due}" in history
    actions.close_action(user=german_watchkeeper, action_id=action.pk, state="cancel", note="KTM not needed")
    history = client.get(f"/log/{event.pk}/").content.decode().split('data-testid="history"')[1]
    assert "Action cancelled: dispatch the KTM" in history
    assert "KTM not needed" in history
    own = client.get(f"/duty/actions/{action.pk}/").content.decode()
    assert "Action opened" in own
    assert "Action cancelled" in own
    assert "KTM not needed" in own


def test_bad_input_on_the_form_comes_back_naming_the_field(report, german_watchkeeper):
    event = report()
    answer = _client(german_watchkeeper).post(
        "/duty/actions/new/",
        {"subject": f"report:{event.pk}", "text": "inform COS", "owner": "hans", "due": "3099"},
    )
    assert answer.status_code == 422
    form = answer.context["form"]
    assert set(form.errors) == {"due"}
    assert not Action.objects.exists()


def test_roles_off_the_watch_floor_are_not_offered_the_form(report, planner):
    event = report()
    client = _client(planner)
    assert 'data-testid="action-form"' not in client.get(f"/log/{event.pk}/").content.decode()
    assert client.get(f"/duty/actions/new/?subject=report:{event.pk}").status_code == 403


def test_overdue_actions_are_highlighted_on_the_list_and_the_report_page(report, german_watchkeeper):
    event = report()
    subject = actions.find_subject(user=german_watchkeeper, kind="report", subject_id=event.pk)
    late = actions.create_action(
        user=german_watchkeeper, subject=subject, text="late one", owner="hans", due="now"
    )
    actions.create_action(
        user=german_watchkeeper, subject=subject, text="in time", owner="hans",
        due=format_dtg(timezone.now() + timedelta(hours=5)),
    )  # fmt: skip
    Action.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=1))
    client = _client(german_watchkeeper)
    overdue = client.get("/duty/actions/?view=overdue").content.decode()
    assert "late one" in overdue
    assert "in time" not in overdue
    assert "OVERDUE" in overdue
    mine = client.get("/duty/actions/?view=mine").content.decode()
    assert mine.count('class="overdue"') == 1
    report_page = client.get(f"/log/{event.pk}/").content.decode()
    assert report_page.count("OVERDUE") == 1


def test_the_actions_page_offers_closing_only_to_the_watch_floor(report, german_watchkeeper, planner):
    event = report()
    subject = actions.find_subject(user=german_watchkeeper, kind="report", subject_id=event.pk)
    actions.create_action(
        user=german_watchkeeper, subject=subject, text="inform COS", owner="hans", due="now"
    )
    assert 'value="done"' in _client(german_watchkeeper).get("/duty/actions/?view=open").content.decode()
    theirs = _client(planner).get("/duty/actions/?view=open").content.decode()
    assert "inform COS" in theirs
    assert 'value="done"' not in theirs

"""Actions: opened on a report by the watch floor, closed once (done, or cancelled with a note), overdue when
their due DTG has passed; bad input refused naming the field and the reason, nothing half-written."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.core.errors import Conflict, InputError, NotAllowed
from peacekeeper.duty import actions
from peacekeeper.duty.models import Action, ActionChange
from peacekeeper.theatre.dtg import format_dtg

pytestmark = pytest.mark.django_db


def _open(user, report, **overrides):
    values = {
        "text": "inform COS",
        "owner": user.username,
        "due": format_dtg(timezone.now() + timedelta(hours=1)),
    }
    values.update(overrides)
    subject = actions.find_subject(user=user, kind="report", subject_id=report.pk)
    return actions.create_action(user=user, subject=subject, **values)


def test_a_watchkeeper_opens_an_action_on_a_report_released_as_the_report(report, german_watchkeeper):
    event = report()
    action = _open(german_watchkeeper, event, text="  dispatch   the KTM ")
    assert action.state == Action.State.OPEN
    assert action.text == "dispatch the KTM"
    assert action.report_id == event.pk
    assert action.label_id == event.label_id
    assert list(action.changes.values_list("kind", flat=True)) == [ActionChange.Kind.CREATED]


def test_the_due_dtg_is_read_as_the_product_reads_dtgs(report, german_watchkeeper):
    due = (timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0)
    action = _open(german_watchkeeper, report(), due=format_dtg(due, zone="B"))
    assert action.due_at == due


def test_done_closes_it_once_with_who_and_when(report, german_watchkeeper, italian_analyst):
    action = _open(german_watchkeeper, report())
    closed = actions.close_action(user=italian_analyst, action_id=action.pk, state="done")
    assert closed.state == Action.State.DONE
    assert closed.closed_by == italian_analyst
    assert closed.closed_at
    with pytest.raises(Conflict, match="already done by Giulia"):
        actions.close_action(
            user=german_watchkeeper, action_id=action.pk, state="cancel", note="no longer needed"
        )
    assert [c.kind for c in action.changes.all()] == ["created", "done"]


def test_cancelling_needs_a_note_saying_why(report, german_watchkeeper):
    action = _open(german_watchkeeper, report())
    with pytest.raises(InputError) as refused:
        actions.close_action(user=german_watchkeeper, action_id=action.pk, state="cancel", note="  ")
    assert [(e.field, e.reason) for e in refused.value.errors] == [
        ("note", "say why the action is cancelled")
    ]
    cancelled = actions.close_action(
        user=german_watchkeeper, action_id=action.pk, state="cancel", note="police took it over"
    )
    assert cancelled.state == Action.State.CANCELLED
    assert cancelled.note == "police took it over"
    assert cancelled.changes.last().note == "police took it over"


def test_an_open_action_past_its_due_time_is_overdue_and_listed_so(report, german_watchkeeper):
    action = _open(german_watchkeeper, report())
    later = action.due_at + timedelta(minutes=1)
    assert not actions.overdue(action, action.due_at - timedelta(minutes=1))
    assert actions.overdue(action, later)
    Action.objects.filter(pk=action.pk).update(due_at=timezone.now() - timedelta(minutes=5))
    assert list(actions.listed(german_watchkeeper, "overdue")) == [action]
    actions.close_action(user=german_watchkeeper, action_id=action.pk, state="done")
    assert list(actions.listed(german_watchkeeper, "overdue")) == []


def test_mine_lists_the_open_actions_the_reader_owns(report, german_watchkeeper, italian_analyst):
    event = report()
    mine = _open(german_watchkeeper, event)
    _open(german_watchkeeper, event, owner=italian_analyst.username)
    assert list(actions.listed(german_watchkeeper, "mine")) == [mine]
    assert actions.listed(german_watchkeeper, "open").count() == 2


def test_bad_input_is_refused_naming_each_field_and_nothing_is_stored(report, german_watchkeeper):
    event = report()
    with pytest.raises(InputError) as refused:
        _open(
            german_watchkeeper,
            event,
            text=" ",
            owner="nobody",
            due="991430ZDEC26",
            marking="TOP SECRET STUFF",
        )
    fields = {e.field for e in refused.value.errors}
    assert fields == {"text", "owner", "due", "marking"}
    assert all(e.reason for e in refused.value.errors)
    assert not Action.objects.exists()
    assert not ActionChange.objects.exists()


def test_a_due_time_in_the_past_is_refused(report, german_watchkeeper):
    with pytest.raises(InputError) as refused:
        _open(german_watchkeeper, report(), due=format_dtg(timezone.now() - timedelta(hours=2)))
    assert [e.field for e in refused.value.errors] == ["due"]
    assert "past" in refused.value.errors[0].reason


def test_roles_off_the_watch_floor_may_not_open_or_close_actions(report, german_watchkeeper, planner):
    event = report()
    subject = actions.find_subject(user=planner, kind="report", subject_id=event.pk)
    with pytest.raises(NotAllowed):
        actions.create_action(user=planner, subject=subject, text="x", owner=planner.username, due="now")
    action = _open(german_watchkeeper, event)
    with pytest.raises(NotAllowed):
        actions.close_action(user=planner, action_id=action.pk, state="done")
    assert Action.objects.get(pk=action.pk).state == Action.State.OPEN


def test_an_action_on_an_alert_hangs_from_the_alert(sigevent, german_watchkeeper):
    alert = sigevent()
    subject = actions.find_subject(user=german_watchkeeper, kind="alert", subject_id=alert.pk)
    action = actions.create_action(
        user=german_watchkeeper, subject=subject, text="inform COS", owner="hans", due="now"
    )
    assert action.alert_id == alert.pk
    assert action.report_id is None
    assert list(actions.actions_on_report(user=german_watchkeeper, report=alert.report)) == [action]

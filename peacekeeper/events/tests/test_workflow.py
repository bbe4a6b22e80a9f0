import pytest

from peacekeeper.core.errors import NotAllowed
from peacekeeper.events.models import Status
from peacekeeper.events.recording import create_report, update_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.workflow import allowed_transitions, transition


@pytest.fixture
def submitted(theatre, german_watchkeeper):
    return create_report(user=german_watchkeeper, data=an_event(), submit=True)


@pytest.mark.django_db
def test_an_analyst_who_is_not_the_author_validates(submitted, italian_analyst):
    transition(user=italian_analyst, event=submitted, name="validate")
    submitted.refresh_from_db()
    assert submitted.status == Status.VALIDATED
    assert submitted.validated_by == italian_analyst


@pytest.mark.django_db
def test_the_author_cannot_validate_their_own_report(theatre, italian_analyst):
    own = create_report(user=italian_analyst, data=an_event(), submit=True)
    with pytest.raises(NotAllowed, match="not its author"):
        transition(user=italian_analyst, event=own, name="validate")


@pytest.mark.django_db
def test_a_watchkeeper_cannot_validate(submitted, german_watchkeeper):
    with pytest.raises(NotAllowed, match="only an analyst"):
        transition(user=german_watchkeeper, event=submitted, name="validate")


@pytest.mark.django_db
def test_a_rejection_needs_a_reason_and_keeps_it(submitted, italian_analyst):
    with pytest.raises(NotAllowed, match="needs a reason"):
        transition(user=italian_analyst, event=submitted, name="reject")
    transition(user=italian_analyst, event=submitted, name="reject", reason="Duplicate of an earlier report")
    assert submitted.status == Status.REJECTED
    assert submitted.rejection_reason == "Duplicate of an earlier report"


@pytest.mark.django_db
def test_publishing_comes_after_validation(submitted, italian_analyst):
    with pytest.raises(NotAllowed, match=r"^a submitted report cannot be published; it must be validated$"):
        transition(user=italian_analyst, event=submitted, name="publish")
    transition(user=italian_analyst, event=submitted, name="validate")
    transition(user=italian_analyst, event=submitted, name="publish")
    assert submitted.status == Status.PUBLISHED


@pytest.mark.django_db
def test_transitions_offered_match_the_rules(submitted, german_watchkeeper, italian_analyst):
    assert allowed_transitions(user=german_watchkeeper, event=submitted) == []
    assert allowed_transitions(user=italian_analyst, event=submitted) == ["validate", "reject"]


@pytest.mark.django_db
def test_a_correction_after_validation_makes_a_new_version_with_history(
    submitted, italian_analyst, german_watchkeeper
):
    transition(user=italian_analyst, event=submitted, name="validate")
    with pytest.raises(Exception, match="needs a reason"):
        update_report(user=german_watchkeeper, event=submitted, changes={"severity": 4})
    update_report(
        user=german_watchkeeper, event=submitted, changes={"severity": 4}, reason="Casualty confirmed"
    )
    submitted.refresh_from_db()
    assert submitted.version == 2
    assert submitted.status == Status.SUBMITTED
    assert submitted.validated_by is None
    last = submitted.changes.last()
    assert last.action == "corrected"
    assert last.fields == {"severity": [3, 4]}
    assert last.reason == "Casualty confirmed"
    assert [c.action for c in submitted.changes.all()] == ["created", "submitted", "validated", "corrected"]


@pytest.mark.django_db
def test_an_edit_before_validation_keeps_the_version(submitted, german_watchkeeper):
    update_report(
        user=german_watchkeeper, event=submitted, changes={"narrative": "Barricade removed at 1600."}
    )
    submitted.refresh_from_db()
    assert submitted.version == 1
    assert submitted.changes.last().action == "updated"


@pytest.mark.django_db
def test_a_correction_can_move_a_report_outside_the_theatre_when_confirmed(submitted, german_watchkeeper):
    belgrade = {"lat": 44.8125, "lon": 20.4612}
    with pytest.raises(Exception, match="outside the theatre"):
        update_report(user=german_watchkeeper, event=submitted, changes=belgrade)
    update_report(
        user=german_watchkeeper, event=submitted, changes=belgrade | {"allow_outside_theatre": True}
    )
    submitted.refresh_from_db()
    assert (submitted.outside_theatre, submitted.area) == (True, None)
    update_report(user=german_watchkeeper, event=submitted, changes={"lat": 42.9075, "lon": 20.84028})
    submitted.refresh_from_db()
    assert submitted.outside_theatre is False
    assert submitted.area.name_en == "Zvečan"


@pytest.mark.django_db
def test_retyping_the_same_marking_differently_is_not_a_change(submitted, german_watchkeeper):
    update_report(
        user=german_watchkeeper, event=submitted, changes={"marking": "nato unclassified//rel to kfor"}
    )
    assert [c.action for c in submitted.changes.all()] == ["created", "submitted"]

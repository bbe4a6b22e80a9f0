"""Several analysts changing the same report at the same moment: one succeeds, the others are told who did it.

Each contender reads the report, then all act at once (threads.at_once): without a lock and a check inside
the transaction, every one of them would validate (or correct) the report it read.
"""

import pytest

from peacekeeper.access.classification import Role
from peacekeeper.conftest import make_user
from peacekeeper.core.errors import NotAllowed
from peacekeeper.events import api, ingest_updates, views_detail
from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import EventChange, EventReport, Status
from peacekeeper.events.recording import create_report, update_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.tests.threads import at_once
from peacekeeper.events.workflow import transition

CONTENDERS = 4


@pytest.fixture
def analysts(organisations):
    return [
        make_user(f"analyst{n}", "ITA", "ITA", ("KFOR",), "NATO SECRET", (Role.ANALYST,))
        for n in range(CONTENDERS)
    ]


@pytest.fixture
def submitted(theatre, german_watchkeeper):
    return create_report(user=german_watchkeeper, data=an_event(), submit=True)


def entries(report: EventReport, action: str) -> int:
    return EventChange.objects.filter(event=report, action=action).count()


def validating(analyst, report):
    def call(ready):
        event = EventReport.objects.get(pk=report.pk)
        ready()
        return transition(user=analyst, event=event, name="validate")

    return call


@pytest.mark.django_db(transaction=True)
def test_of_simultaneous_decisions_on_a_report_exactly_one_is_taken(submitted, analysts, german_watchkeeper):
    outcomes = at_once([validating(analyst, submitted) for analyst in analysts])

    winners = [outcome for outcome in outcomes if isinstance(outcome, EventReport)]
    losers = [outcome for outcome in outcomes if isinstance(outcome, NotAllowed)]
    assert (len(winners), len(losers)) == (1, CONTENDERS - 1), outcomes
    winner = EventReport.objects.get(pk=submitted.pk).validated_by
    assert all(
        str(loser).startswith(f"this report was validated by {winner.get_full_name()}") for loser in losers
    )
    assert entries(submitted, EventChange.Action.VALIDATED) == 1

    # A validation and a rejection at once: not both.
    another = create_report(user=german_watchkeeper, data=an_event(severity=4), submit=True)

    def rejecting(ready):
        event = EventReport.objects.get(pk=another.pk)
        ready()
        return transition(user=analysts[1], event=event, name="reject", reason="duplicate")

    outcomes = at_once([validating(analysts[0], another), rejecting])

    assert sum(isinstance(outcome, NotAllowed) for outcome in outcomes) == 1, outcomes
    decided = [EventChange.Action.VALIDATED, EventChange.Action.REJECTED]
    assert EventChange.objects.filter(event=another, action__in=decided).count() == 1


@pytest.mark.django_db(transaction=True)
def test_of_simultaneous_corrections_exactly_one_makes_the_new_version(submitted, analysts, italian_analyst):
    transition(user=italian_analyst, event=submitted, name="validate")

    def correcting(analyst, severity):
        def call(ready):
            event = EventReport.objects.get(pk=submitted.pk)
            ready()
            return update_report(
                user=analyst, event=event, changes={"severity": severity}, reason="seen again"
            )

        return call

    # Each to another severity than the report's 3, so each is a change.
    outcomes = at_once(
        [correcting(analyst, severity) for analyst, severity in zip(analysts, (1, 2, 4, 5), strict=True)]
    )

    assert sum(isinstance(outcome, EventReport) for outcome in outcomes) == 1, outcomes
    assert all("was corrected by" in str(o) for o in outcomes if isinstance(o, NotAllowed))
    stored = EventReport.objects.get(pk=submitted.pk)
    assert (stored.version, stored.status) == (2, Status.SUBMITTED)
    assert entries(submitted, EventChange.Action.CORRECTED) == 1


@pytest.fixture
def validated_meanwhile(submitted, analysts):
    """The report as one analyst read it, just before another validated it."""
    stale = EventReport.objects.get(pk=submitted.pk)
    transition(user=analysts[1], event=EventReport.objects.get(pk=submitted.pk), name="validate")
    return stale


@pytest.mark.django_db
def test_the_api_answers_409_conflict_naming_who_validated(
    client, validated_meanwhile, analysts, monkeypatch
):
    monkeypatch.setattr(api, "_event_for", lambda request, event_id: validated_meanwhile)
    client.force_login(analysts[0])
    response = client.post(
        f"/api/events/{validated_meanwhile.pk}/transitions",
        {"transition": "validate"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "this report was validated by Analyst1 a moment ago; reload it to see the change",
        "errors": [],
    }
    assert entries(validated_meanwhile, EventChange.Action.VALIDATED) == 1


@pytest.mark.django_db
def test_the_report_page_says_who_validated_it_a_moment_ago(
    client, validated_meanwhile, analysts, monkeypatch
):
    monkeypatch.setattr(views_detail, "_visible", lambda request, event_id: validated_meanwhile)
    client.force_login(analysts[0])
    response = client.post(
        f"/log/{validated_meanwhile.pk}/transition/", {"transition": "validate"}, follow=True
    )
    assert "Not done: this report was validated by Analyst1 a moment ago" in response.content.decode()
    assert entries(validated_meanwhile, EventChange.Action.VALIDATED) == 1


@pytest.fixture
def hidden_meanwhile(submitted, german_watchkeeper):
    """The report as an analyst cleared to NATO UNCLASSIFIED read it, just before its author raised it."""
    stale = EventReport.objects.get(pk=submitted.pk)
    update_report(
        user=german_watchkeeper,
        event=EventReport.objects.get(pk=submitted.pk),
        changes={"marking": "NATO RESTRICTED // REL TO KFOR"},
    )
    return stale


@pytest.mark.django_db
def test_a_change_of_a_report_hidden_meanwhile_answers_as_a_missing_report_does(
    client, hidden_meanwhile, monkeypatch
):
    client.force_login(make_user("ugo", "ITA", "ITA", ("KFOR",), "NATO UNCLASSIFIED", (Role.ANALYST,)))
    missing = client.post(
        "/api/events/999999/transitions", {"transition": "validate"}, content_type="application/json"
    )
    monkeypatch.setattr(api, "_event_for", lambda request, event_id: hidden_meanwhile)
    monkeypatch.setattr(views_detail, "_visible", lambda request, event_id: hidden_meanwhile)

    response = client.post(
        f"/api/events/{hidden_meanwhile.pk}/transitions",
        {"transition": "validate"},
        content_type="application/json",
    )
    page = client.post(f"/log/{hidden_meanwhile.pk}/transition/", {"transition": "validate"})

    assert missing.status_code == 404
    assert (response.status_code, response.content) == (missing.status_code, missing.content)
    assert page.status_code == 404
    assert entries(hidden_meanwhile, EventChange.Action.VALIDATED) == 0


@pytest.mark.django_db
def test_an_import_updating_a_report_validated_meanwhile_keeps_the_validation(
    theatre, italian_analyst, monkeypatch
):
    def record(timestamp: int, narrative: str):
        return an_event(source_id="XKX1", source_timestamp=timestamp, narrative=narrative)

    kfor = "NATO UNCLASSIFIED // REL TO KFOR"
    ingest(items=[record(1, "First account.")], source_system="acled", default_marking=kfor)
    report = EventReport.objects.get()
    newer = ingest_updates._newer

    def validated_between_read_and_write(source_timestamp, stored):
        # The analyst commits after the import read the report and before it writes its newer version.
        if EventReport.objects.get(pk=report.pk).status == Status.SUBMITTED:
            transition(user=italian_analyst, event=EventReport.objects.get(pk=report.pk), name="validate")
        return newer(source_timestamp, stored)

    monkeypatch.setattr(ingest_updates, "_newer", validated_between_read_and_write)
    summary = ingest(items=[record(2, "Revised account.")], source_system="acled", default_marking=kfor)

    stored = EventReport.objects.get(pk=report.pk)
    assert summary.updated == 1
    assert (stored.narrative, stored.status, stored.validated_by) == (
        "Revised account.",
        Status.VALIDATED,
        italian_analyst,
    )
    assert entries(report, EventChange.Action.VALIDATED) == 1

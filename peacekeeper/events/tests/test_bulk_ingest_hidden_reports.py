"""Bulk ingest finds existing reports only among those the importer may see: a hidden report with the same
source id does not exist for them, so their requests are answered exactly as if it were missing, and it is
never touched."""

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.forms.models import model_to_dict

from peacekeeper.access.classification import Role
from peacekeeper.access.models import AuditEntry
from peacekeeper.cli import main
from peacekeeper.conftest import make_user
from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import EventReport
from peacekeeper.events.tests.factories import TWO_HOURS_AGO, ZVECAN, an_event
from peacekeeper.events.tests.test_acled_import_and_export import ROW, acled_file, run_json

HIDDEN_MARKING = "NATO RESTRICTED // USA ONLY"
KFOR_UNCLASSIFIED = "NATO UNCLASSIFIED // REL TO KFOR"


@pytest.fixture
def unclassified_kfor_watchkeeper(organisations) -> User:
    return make_user("nora", "DEU", "DEU", ("KFOR",), "NATO UNCLASSIFIED", (Role.WATCHKEEPER,))


@pytest.fixture
def public_only_watchkeeper(organisations) -> User:
    return make_user("pablo", "ITA", "ITA", ("KFOR",), "PUBLIC", (Role.WATCHKEEPER,))


@pytest.fixture
def american_analyst(organisations) -> User:
    return make_user("sam", "USA", "USA", ("KFOR",), "NATO SECRET", (Role.ANALYST,))


def feed(*items: object, user: User | None):
    return ingest(
        items=list(items),
        source_system="feed",
        default_marking=KFOR_UNCLASSIFIED,
        user=user,
        keep_results=True,
    )


def store_hidden_report(author: User) -> EventReport:
    """A USA-only report from the feed, with a history (version 2): what an attacker is after."""
    feed(an_event(source_id="104", source_timestamp=100, marking=HIDDEN_MARKING), user=author)
    feed(
        an_event(
            source_id="104", source_timestamp=150, marking=HIDDEN_MARKING, narrative="Source ALPHA says"
        ),
        user=author,
    )
    return EventReport.objects.get(source_system="feed", source_id="104")


def state_of(report: EventReport) -> dict:
    report = EventReport.objects.get(pk=report.pk)
    changes = list(report.changes.order_by("pk").values())
    audited = list(
        AuditEntry.objects.filter(record_type="events.eventreport", record_id=str(report.pk)).values()
    )
    return {
        "report": model_to_dict(report),
        "label": report.label.marking,
        "changes": changes,
        "audit": audited,
    }


def item(source_id: str, marking: str, **fields: object) -> dict:
    body = {
        "occurred_at": TWO_HOURS_AGO.isoformat(),
        "lat": ZVECAN[0],
        "lon": ZVECAN[1],
        "category": "fom.roadblock",
        "narrative": "Barricade on the main road",
        "severity": 2,
        "source_id": source_id,
        "marking": marking,
    }
    return body | fields


def requests_of(marking: str) -> list[list[dict]]:
    """An attacker's sequence: the hidden report's source id, older and newer, relabelled, and a neighbour."""
    return [
        [
            item("104", marking, source_timestamp=50),
            item("105", marking, source_timestamp=1),
            item("106", marking),
        ],
        [item("104", marking, source_timestamp=300, severity=4), item("105", marking, source_timestamp=1)],
        [item("104", "PUBLIC", source_timestamp=400, severity=5)],
        [
            item("104", marking, source_timestamp=50),
            item("105", marking, source_timestamp=1),
            item("106", marking),
        ],
    ]


def normalised(responses: list[dict], known: set[int]) -> list[dict]:
    """New event ids by order of first appearance; ids of reports stored before the requests kept."""
    names: dict[int, str] = {}
    for response in responses:
        for result in response.get("results", []):
            event_id = result["event_id"]
            if event_id is not None and event_id not in known:
                result["event_id"] = names.setdefault(event_id, f"new-{len(names) + 1}")
    return responses


def answers(client, user: User, marking: str, *, hidden_author: User | None) -> tuple[list, dict | None]:
    """The answers to the attacker's requests, with or without the hidden report (rolled back after)."""
    with transaction.atomic():
        hidden = store_hidden_report(hidden_author) if hidden_author else None
        before = state_of(hidden) if hidden else None
        known = set(EventReport.objects.values_list("pk", flat=True))
        client.force_login(user)
        responses = []
        for items in requests_of(marking):
            response = client.post(
                "/api/events/bulk", {"source_system": "feed", "items": items}, content_type="application/json"
            )
            responses.append({"status": response.status_code, **response.json()})
        after = state_of(hidden) if hidden else None
        transaction.set_rollback(True)
    assert before == after, "the hidden report changed"
    return normalised(responses, known), before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reader", "marking"),
    [("unclassified_kfor_watchkeeper", KFOR_UNCLASSIFIED), ("public_only_watchkeeper", "PUBLIC")],
)
def test_bulk_answers_are_the_same_whether_or_not_a_hidden_report_has_the_source_id(
    request, client, theatre, american_analyst, reader, marking
):
    user = request.getfixturevalue(reader)
    without_hidden, _ = answers(client, user, marking, hidden_author=None)
    with_hidden, hidden_state = answers(client, user, marking, hidden_author=american_analyst)
    assert with_hidden == without_hidden
    assert hidden_state["label"] == HIDDEN_MARKING
    outcomes = [[result["outcome"] for result in response["results"]] for response in without_hidden]
    assert outcomes[0] == ["created", "created", "created"]
    assert outcomes[1] == ["updated", "unchanged"]
    assert outcomes[3] == ["unchanged", "unchanged", "unchanged"]


@pytest.mark.django_db
def test_the_hidden_report_keeps_its_label_fields_version_and_history(
    client, theatre, american_analyst, unclassified_kfor_watchkeeper
):
    hidden = store_hidden_report(american_analyst)
    before = state_of(hidden)
    client.force_login(unclassified_kfor_watchkeeper)
    for items in requests_of(KFOR_UNCLASSIFIED):
        client.post(
            "/api/events/bulk", {"source_system": "feed", "items": items}, content_type="application/json"
        )
    assert state_of(hidden) == before
    assert before["report"]["version"] == 2
    mine = EventReport.objects.exclude(pk=hidden.pk).get(source_id="104")
    assert (mine.label.marking, mine.severity, mine.author) == (
        KFOR_UNCLASSIFIED,
        4,
        unclassified_kfor_watchkeeper,
    )


@pytest.mark.django_db
def test_of_the_reports_an_importer_sees_the_one_with_the_items_label_is_updated_else_the_oldest(
    theatre, german_watchkeeper, italian_analyst, organisations
):
    german_only = feed(
        an_event(source_id="s", source_timestamp=1, marking="NATO RESTRICTED // DEU ONLY"),
        user=german_watchkeeper,
    )
    # The DEU ONLY report is hidden from the Italian analyst: her import of the same record creates a report.
    kfor = feed(an_event(source_id="s", source_timestamp=1), user=italian_analyst)
    german_only_id, kfor_id = german_only.results[0].event_id, kfor.results[0].event_id
    assert kfor.created == 1
    assert kfor_id != german_only_id

    same_label = feed(an_event(source_id="s", source_timestamp=2, severity=5), user=german_watchkeeper)
    assert (same_label.results[0].outcome, same_label.results[0].event_id) == ("updated", kfor_id)
    assert EventReport.objects.get(pk=german_only_id).severity == 3

    releaser = make_user(
        "dora", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ANALYST, Role.RELEASE_AUTHORITY)
    )
    other_label = feed(
        an_event(source_id="s", source_timestamp=3, marking="NATO RESTRICTED // REL TO KFOR"), user=releaser
    )
    assert (other_label.results[0].outcome, other_label.results[0].event_id) == ("updated", german_only_id)
    assert EventReport.objects.get(pk=kfor_id).label.marking == KFOR_UNCLASSIFIED


@pytest.mark.django_db
def test_an_import_without_a_user_still_finds_every_report(theatre, american_analyst):
    hidden = store_hidden_report(american_analyst)
    summary = feed(an_event(source_id="104", source_timestamp=120, marking=HIDDEN_MARKING), user=None)
    assert (summary.results[0].outcome, summary.results[0].event_id) == ("unchanged", hidden.pk)
    assert EventReport.objects.filter(source_id="104").count() == 1


@pytest.mark.django_db
def test_acled_imports_as_a_user_treat_a_hidden_report_as_missing(
    client, theatre, tmp_path, capsys, american_analyst, unclassified_kfor_watchkeeper
):
    ingest(
        items=[an_event(source_id="XKX1001", source_timestamp=1717000000, marking=HIDDEN_MARKING)],
        source_system="acled",
        default_marking=HIDDEN_MARKING,
        user=american_analyst,
    )
    hidden = EventReport.objects.get(source_id="XKX1001")
    before = state_of(hidden)
    older = acled_file(tmp_path, [ROW | {"timestamp": "1716000000"}])
    code, report = run_json(capsys, "import", "acled", str(older), "--as", "nora", "--json")
    assert (code, report["imported"], report["unchanged"]) == (0, 1, 0)

    client.force_login(unclassified_kfor_watchkeeper)
    newer = acled_file(tmp_path, [ROW | {"timestamp": "1718000000", "notes": "Revised."}], "v2.csv")
    with newer.open("rb") as upload:
        response = client.post("/api/events/import/acled", {"file": upload})
    assert response.status_code == 200, response.content
    assert (response.json()["imported"], response.json()["updated"]) == (0, 1)
    assert state_of(hidden) == before
    mine = EventReport.objects.exclude(pk=hidden.pk).get(source_id="XKX1001")
    assert (mine.narrative, mine.label.marking) == ("Revised.", KFOR_UNCLASSIFIED)


@pytest.mark.django_db
def test_the_command_line_refuses_to_import_as_a_user_who_may_not_log_reports(
    theatre, tmp_path, capsys, organisations
):
    make_user("parker", "EULEX", None, (), "NATO RESTRICTED", (Role.PARTNER,))
    assert main(["import", "acled", str(acled_file(tmp_path, [ROW])), "--as", "parker"]) == 2
    assert "parker may not log reports" in capsys.readouterr().err
    assert not EventReport.objects.exists()

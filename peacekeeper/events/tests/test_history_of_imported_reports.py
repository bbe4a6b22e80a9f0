"""A report a bulk import stored starts its history with the import, built from its ImportBatch (no entry per
report is written): when, by whom, from which source, file and import, and only as far as the reader may
see the version the import stored."""

from datetime import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from peacekeeper.access.classification import Role
from peacekeeper.access.models import AuditEntry
from peacekeeper.conftest import make_user
from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import EventChange, EventReport, ImportBatch
from peacekeeper.events.recording import create_report, update_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.tests.test_acled_import_and_export import ROW, acled_file

pytestmark = pytest.mark.django_db

NATIONAL = "NATO RESTRICTED // DEU ONLY"
SHARED = "NATO RESTRICTED // REL TO KFOR"
HIDDEN_NARRATIVE = "Source KESTREL saw the convoy leave the depot at Banjska."


def name_of(user: User) -> str:
    return user.get_full_name() or user.get_username()


def history_of(client, user: User, event: EventReport) -> list[dict]:
    client.force_login(user)
    response = client.get(f"/api/events/{event.pk}/history")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def acled_report(client, theatre, german_watchkeeper, italian_analyst, tmp_path) -> EventReport:
    """An ACLED row uploaded by a watchkeeper, then validated by an analyst."""
    client.force_login(german_watchkeeper)
    with acled_file(tmp_path, [ROW], "acled_kosovo.csv").open("rb") as upload:
        assert client.post("/api/events/import/acled", {"file": upload}).json()["imported"] == 1
    event = EventReport.objects.get(source_system="acled", source_id=ROW["event_id_cnty"])
    client.force_login(italian_analyst)
    response = client.post(
        f"/api/events/{event.pk}/transitions", {"transition": "validate"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    client.logout()
    return event


def test_an_acled_report_starts_with_its_import_then_its_validation(
    client, acled_report, german_watchkeeper, italian_analyst
):
    entries = history_of(client, italian_analyst, acled_report)
    assert [entry["action"] for entry in entries] == ["imported", "validated"]
    imported, validated = entries
    batch = acled_report.import_batch
    assert imported["user"] == name_of(german_watchkeeper)
    created = acled_report.created_at
    # The API writes moments to the millisecond.
    assert datetime.fromisoformat(imported["at"]) == created.replace(
        microsecond=created.microsecond // 1000 * 1000
    )
    assert imported["reason"] == f"import #{batch.pk} from acled, file acled_kosovo.csv, stored as submitted"
    assert (imported["version"], imported["marking"], imported["fields"]) == (
        1,
        acled_report.label.marking,
        {},
    )
    assert imported["old_withheld"] is False
    assert validated["user"] == name_of(italian_analyst)
    assert datetime.fromisoformat(validated["at"]) >= datetime.fromisoformat(imported["at"])


def test_the_report_page_shows_the_import_as_the_first_entry(
    client, acled_report, german_watchkeeper, italian_analyst
):
    client.force_login(italian_analyst)
    page = client.get(reverse("events:detail", args=[acled_report.pk])).content.decode()
    history = page[page.index('data-testid="history"') :]
    assert history.index("<strong>Imported</strong>") < history.index("<strong>Validated</strong>")
    assert f"<strong>Imported</strong> by {name_of(german_watchkeeper)}" in history
    assert f"import #{acled_report.import_batch_id} from acled, file acled_kosovo.csv" in history


def test_an_import_with_no_user_is_shown_as_the_system(client, theatre, italian_analyst):
    summary = ingest(
        items=[an_event(source_id="F-1")], source_system="feed", default_marking=SHARED, file_name="feed.json"
    )
    event = EventReport.objects.get(source_system="feed", source_id="F-1")
    (imported,) = history_of(client, italian_analyst, event)
    assert (imported["action"], imported["user"]) == ("imported", None)
    assert imported["reason"] == f"import #{summary.batch_id} from feed, file feed.json, stored as submitted"
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "<strong>Imported</strong> by the system" in page


def test_a_report_logged_on_the_form_has_no_import_entry(client, theatre, german_watchkeeper):
    event = create_report(user=german_watchkeeper, data=an_event(marking=SHARED), submit=True)
    entries = history_of(client, german_watchkeeper, event)
    assert [entry["action"] for entry in entries] == ["created", "submitted"]


def test_importing_writes_no_history_entry_per_report(theatre, german_watchkeeper):
    ingest(
        items=[an_event(source_id=f"B-{n}") for n in range(3)],
        source_system="feed",
        default_marking=SHARED,
        user=german_watchkeeper,
    )
    assert EventReport.objects.filter(source_system="feed").count() == 3
    assert not EventChange.objects.exists()


@pytest.fixture
def german_releaser(organisations) -> User:
    return make_user(
        "greta", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", (Role.WATCHKEEPER, Role.RELEASE_AUTHORITY)
    )


@pytest.fixture
def released_import(theatre, german_watchkeeper, german_releaser) -> EventReport:
    """A DEU-only report imported beside another DEU-only one, then released to KFOR."""
    ingest(
        items=[
            an_event(source_id="N-1", marking=NATIONAL),
            an_event(source_id="N-2", marking=NATIONAL, narrative=HIDDEN_NARRATIVE),
        ],
        source_system="feed",
        default_marking=NATIONAL,
        user=german_watchkeeper,
        file_name="national.json",
    )
    event = EventReport.objects.get(source_system="feed", source_id="N-1")
    return update_report(
        user=german_releaser, event=event, changes={"marking": SHARED}, release_reason="needed by KFOR"
    )


def test_a_reader_who_may_not_see_the_imported_version_is_not_shown_its_import(
    client, released_import, italian_analyst
):
    entries = history_of(client, italian_analyst, released_import)
    assert [(entry["action"], entry["old_withheld"]) for entry in entries] == [("updated", True)]
    page = client.get(reverse("events:detail", args=[released_import.pk])).content.decode()
    assert "national.json" not in page
    assert NATIONAL not in page


def test_a_reader_of_the_imported_version_sees_it_and_the_view_is_audited(
    client, released_import, german_watchkeeper
):
    entries = history_of(client, german_watchkeeper, released_import)
    assert [entry["action"] for entry in entries] == ["imported", "updated"]
    imported, updated = entries
    assert (imported["marking"], imported["user"]) == (NATIONAL, name_of(german_watchkeeper))
    assert updated["fields"]["marking"] == [NATIONAL, SHARED]
    # The report as it is, and the version the import stored, shown in its entry.
    audited = AuditEntry.objects.filter(user=german_watchkeeper, detail="history api")
    assert set(audited.values_list("record_type", "record_id", "marking")) == {
        ("events.eventreport", str(released_import.pk), SHARED),
        ("events.eventreport", str(released_import.pk), NATIONAL),
    }


def test_the_import_entry_says_nothing_of_the_other_reports_of_its_batch(
    client, released_import, german_watchkeeper
):
    batch = ImportBatch.objects.get(pk=released_import.import_batch_id)
    assert batch.reports.count() == 2
    client.force_login(german_watchkeeper)
    api = client.get(f"/api/events/{released_import.pk}/history").content.decode()
    page = client.get(reverse("events:detail", args=[released_import.pk])).content.decode()
    for text in (api, page):
        assert "N-2" not in text
        assert HIDDEN_NARRATIVE not in text
        assert '"created": 2' not in text

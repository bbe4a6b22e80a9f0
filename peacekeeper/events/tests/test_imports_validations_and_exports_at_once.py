"""A watch floor exports while it logs: imports, validations and exports at the same time, on one database.

Every export succeeds with every row of its view (an export audits each page of restricted records while
others commit: on SQLite a read cursor left open across that write failed it with "database is locked");
of two analysts validating the same report one does, once; and the derived figures equal a rebuild.
"""

import csv
import io
import threading
from datetime import timedelta

import pytest

from peacekeeper.access.classification import Role
from peacekeeper.access.models import AuditEntry
from peacekeeper.assessment import ledger
from peacekeeper.assessment.models import CountedReport
from peacekeeper.assessment.tests.conftest import cells
from peacekeeper.conftest import make_user
from peacekeeper.core.errors import NotAllowed
from peacekeeper.events import exporting
from peacekeeper.events.exporting import export_events
from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import EventChange, EventReport, ImportBatch, Status
from peacekeeper.events.queries import EventFilter
from peacekeeper.events.tests.factories import TWO_HOURS_AGO, an_event
from peacekeeper.events.tests.threads import in_threads
from peacekeeper.events.workflow import transition

RESTRICTED = "NATO RESTRICTED // REL TO KFOR"  # audited when exported
LOGGED = 40  # the reports exported and validated; the imports add others, outside the exports' view
EXPORTERS, EXPORTS_EACH = 3, 3
IMPORTERS, IMPORT_ITEMS, IMPORT_ROUNDS_AT_LEAST = 2, 10, 3


def logged_reports(author) -> list[int]:
    items = [
        an_event(
            source_id=f"logged-{n}",
            marking=RESTRICTED,
            exercise=True,
            occurred_at=TWO_HOURS_AGO - timedelta(minutes=n),
        )
        for n in range(LOGGED)
    ]
    ingest(items=items, source_system="watch", default_marking=RESTRICTED, user=author)
    return list(EventReport.objects.filter(source_system="watch").values_list("pk", flat=True))


def csv_rows(text: str) -> int:
    lines = io.StringIO(text, newline="")
    next(lines)  # the file's marking line
    return len(list(csv.DictReader(lines)))


@pytest.mark.django_db(transaction=True)
def test_exports_imports_and_validations_at_once_all_succeed_and_validate_once(
    theatre, german_watchkeeper, italian_analyst, monkeypatch
):
    monkeypatch.setattr(exporting, "CHUNK", 7)  # several pages per export, as a large export has
    second_analyst = make_user("marco", "ITA", "ITA", ("KFOR",), "NATO SECRET", (Role.ANALYST,))
    logged = logged_reports(german_watchkeeper)
    exports_done, exported, conflicts, imported = threading.Event(), [], [], []
    exporters_left = [EXPORTERS]
    lock = threading.Lock()

    def export() -> None:
        try:
            for _ in range(EXPORTS_EACH):
                out = io.StringIO()
                count = export_events(
                    user=german_watchkeeper, filters=EventFilter(exercise=True), fmt="csv", out=out
                )
                exported.append((count, csv_rows(out.getvalue())))
        finally:
            with lock:
                exporters_left[0] -= 1
                if not exporters_left[0]:
                    exports_done.set()

    def import_(importer: int) -> None:
        rounds = 0
        # Writes go on for as long as any export runs, so every export reads while others commit.
        while rounds < IMPORT_ROUNDS_AT_LEAST or not exports_done.is_set():
            items = [
                an_event(source_id=f"feed-{importer}-{rounds}-{n}", marking=RESTRICTED)
                for n in range(IMPORT_ITEMS)
            ]
            summary = ingest(
                items=items, source_system="feed", default_marking=RESTRICTED, status=Status.VALIDATED
            )
            imported.append(summary.created)
            rounds += 1

    def validate(analyst) -> None:
        for pk in logged:  # both analysts in the same order: they meet on every report
            event = EventReport.objects.get(pk=pk)
            if event.status != Status.SUBMITTED:
                continue
            try:
                transition(user=analyst, event=event, name="validate")
            except NotAllowed:  # validated by the other a moment ago
                conflicts.append(pk)

    errors = in_threads(
        *(export for _ in range(EXPORTERS)),
        *(lambda k=k: import_(k) for k in range(IMPORTERS)),
        lambda: validate(italian_analyst),
        lambda: validate(second_analyst),
    )

    assert errors == []
    assert exported == [(LOGGED, LOGGED)] * (EXPORTERS * EXPORTS_EACH)
    audited = AuditEntry.objects.filter(
        action=AuditEntry.Action.EXPORTED, record_id__in=[str(pk) for pk in logged]
    )
    assert audited.count() == LOGGED * EXPORTERS * EXPORTS_EACH
    validations = EventChange.objects.filter(action=EventChange.Action.VALIDATED)
    assert sorted(validations.values_list("event_id", flat=True)) == sorted(logged)
    assert EventReport.objects.filter(pk__in=logged, status=Status.VALIDATED).count() == LOGGED
    assert EventReport.objects.filter(source_system="feed").count() == sum(imported)
    assert set(ImportBatch.objects.values_list("state", flat=True)) == {ImportBatch.State.FINISHED}
    # Every change delivered once committed: the incrementally kept figures are those of a rebuild.
    counted = EventReport.objects.filter(status__in=[Status.VALIDATED, Status.PUBLISHED]).count()
    assert CountedReport.objects.count() == counted == LOGGED + sum(imported)
    incremental = cells()
    ledger.rebuild()
    assert cells() == incremental

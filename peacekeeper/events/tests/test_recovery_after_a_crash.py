"""What a crash leaves is repaired by the product itself: derivations owed are delivered at the next start
and while serving, and an import whose process is gone is shown as interrupted until it is run again."""

import os
import socket
import subprocess
import threading
import time

import pytest
from django.db import OperationalError
from django.utils import timezone

from peacekeeper.assessment import ledger
from peacekeeper.assessment.models import CountedReport
from peacekeeper.cli import main
from peacekeeper.events import recovery
from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import DerivationDue, EventReport, ImportBatch, Status
from peacekeeper.events.recording import create_report
from peacekeeper.events.signals import note_reports_changed
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.tests.threads import JOIN_SECONDS, in_threads
from peacekeeper.events.workflow import transition

KFOR = "NATO UNCLASSIFIED // REL TO KFOR"


def counted_ids() -> set[int]:
    return set(CountedReport.objects.values_list("report_id", flat=True))


def a_gone_pid() -> int:
    process = subprocess.Popen(["true"])  # any short-lived process: its pid is then free
    process.wait()
    return process.pid


def a_run(**fields) -> ImportBatch:
    return ImportBatch.objects.create(**{"source_system": "acled", "file_name": "acled.csv", **fields})


@pytest.mark.django_db
def test_a_change_committed_but_never_announced_is_delivered_at_the_next_start(
    theatre, german_watchkeeper, italian_analyst, django_capture_on_commit_callbacks
):
    report = create_report(user=german_watchkeeper, data=an_event(), submit=True)
    # The process dies after the commit, before its after-commit delivery runs.
    with django_capture_on_commit_callbacks(execute=False):
        transition(user=italian_analyst, event=report, name="validate")
    assert counted_ids() == set()

    assert recovery.recover().delivered
    assert counted_ids() == {report.pk}
    assert not DerivationDue.objects.exists()


@pytest.mark.django_db
def test_an_import_that_fails_is_marked_failed_and_what_it_stored_counts(
    theatre, django_capture_on_commit_callbacks
):
    def items():
        yield from (an_event(source_id=f"s{n}") for n in range(3))
        raise ValueError("bad byte in row 4")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValueError, match="bad byte"):
        ingest(
            items=items(), source_system="feed", default_marking=KFOR, status=Status.VALIDATED, batch_size=2
        )

    run = ImportBatch.objects.get()
    assert (run.state, run.error) == (ImportBatch.State.FAILED, "ValueError: bad byte in row 4")
    assert run.finished_at is not None
    stored = set(EventReport.objects.values_list("pk", flat=True))
    assert len(stored) == 2  # the first batch, committed before the failure
    assert counted_ids() == stored


@pytest.mark.django_db
def test_a_run_whose_process_is_gone_is_interrupted_and_what_it_owes_delivered(theatre):
    ingest(
        items=[an_event(source_id="a"), an_event(source_id="b", severity=1)],
        source_system="feed",
        default_marking=KFOR,
        status=Status.VALIDATED,
    )
    first, second = EventReport.objects.order_by("pk")
    DerivationDue.objects.all().delete()  # as if this import had delivered its own
    here, now = socket.gethostname(), timezone.now()
    gone = a_run(host=here, pid=a_gone_pid(), heartbeat_at=now)
    alive = a_run(host=here, pid=os.getpid(), heartbeat_at=now)
    silent_elsewhere = a_run(host="another-host", pid=1, heartbeat_at=now - recovery.SILENT_FOR * 2)
    busy_elsewhere = a_run(host="another-host", pid=1, heartbeat_at=now)
    note_reports_changed([first.pk], import_batch=gone)
    note_reports_changed([second.pk], import_batch=alive)

    result = recovery.recover()

    assert {run.pk for run in result.interrupted} == {gone.pk, silent_elsewhere.pk}
    states = dict(ImportBatch.objects.values_list("pk", "state"))
    assert states[alive.pk] == states[busy_elsewhere.pk] == ImportBatch.State.RUNNING
    assert counted_ids() == {first.pk}
    # A live run delivers what it owes itself, when it ends.
    assert list(DerivationDue.objects.values_list("import_batch", flat=True)) == [alive.pk]


@pytest.mark.django_db
def test_unfinished_imports_are_listed_at_start_until_the_same_file_is_run_to_the_end(theatre, capsys):
    interrupted = a_run(state=ImportBatch.State.INTERRUPTED)
    failed = a_run(file_name="other.csv", state=ImportBatch.State.FAILED, error="ValueError: bad byte")

    assert main(["derive"]) == 0
    out = capsys.readouterr().out
    assert f"Unfinished: import #{interrupted.pk} (acled acled.csv): interrupted (last batch " in out
    assert f"Unfinished: import #{failed.pk} (acled other.csv): failed (last batch " in out
    assert "0 reports stored): ValueError: bad byte; import the same file again to complete it" in out

    a_run(state=ImportBatch.State.FINISHED)
    assert main(["derive"]) == 0
    out = capsys.readouterr().out
    assert f"import #{interrupted.pk} " not in out
    assert f"import #{failed.pk} " in out


@pytest.mark.django_db(transaction=True)
def test_a_serving_process_delivers_again_what_a_failed_receiver_left(
    theatre, german_watchkeeper, italian_analyst, monkeypatch
):
    real_update = ledger.update_reports
    failures = ["disk full"]

    def fails_once(report_ids):
        if failures:
            raise OSError(failures.pop())
        real_update(report_ids)

    monkeypatch.setattr(ledger, "update_reports", fails_once)
    report = create_report(user=german_watchkeeper, data=an_event(), submit=True)
    transition(user=italian_analyst, event=report, name="validate")
    assert DerivationDue.objects.get().last_error == "OSError: disk full"
    DerivationDue.objects.update(created_at=timezone.now() - recovery.GRACE * 2)
    stop = threading.Event()

    def until_delivered() -> None:
        deadline = time.monotonic() + JOIN_SECONDS  # a guard against a hang, not a measurement
        while DerivationDue.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()

    assert in_threads(lambda: recovery.heal_periodically(stop, every=0.05), until_delivered) == []
    assert not DerivationDue.objects.exists()
    assert counted_ids() == {report.pk}


@pytest.mark.django_db
def test_a_quiet_server_looks_once_per_tick(theatre, django_assert_num_queries):
    a_run(host=socket.gethostname(), pid=a_gone_pid(), heartbeat_at=timezone.now())  # owes nothing
    note_reports_changed([1])  # owed, but younger than the grace its writer has

    with django_assert_num_queries(1):
        assert recovery.recover(grace=recovery.GRACE).delivered


@pytest.mark.django_db
def test_derive_on_a_database_it_cannot_read_says_so_without_a_traceback(theatre, capsys, monkeypatch):
    def no_table(**kwargs):
        raise OperationalError("no such table: events_importbatch")

    monkeypatch.setattr(recovery, "recover", no_table)

    assert main(["derive"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "error: no such table: events_importbatch; a new database needs `peacekeeper migrate`"
    )
    assert "Traceback" not in err

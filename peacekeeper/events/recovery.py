"""Recovery after a crash: imports whose process is gone, and derivations owed but never delivered.

A process killed mid-import leaves its committed batches, its ImportBatch `running` and the outbox rows of
its batches (events.signals). `recover()` marks such runs `interrupted` and delivers every outbox row nobody
else is delivering. It runs at each start (`peacekeeper serve`, `demo`, `derive`) and, while serving, every
HEAL_SECONDS in a thread (one indexed query when there is nothing to do), so a running server heals a
failed receiver or another process's crash within HEAL_SECONDS + GRACE.
"""

import logging
import os
import socket
import threading
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import close_old_connections
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from peacekeeper.events.models import DerivationDue, EventReport, ImportBatch
from peacekeeper.events.signals import deliver_left_over

logger = logging.getLogger(__name__)

HEAL_SECONDS = 30
# Rows younger than this are left to the process that wrote them (it delivers right after its commit).
GRACE = timedelta(seconds=30)
# A run on another host whose last sign of life is older than this is taken for gone (no pid to check).
SILENT_FOR = timedelta(minutes=15)


@dataclass
class Recovery:
    interrupted: list[ImportBatch] = field(default_factory=list)
    delivered: bool = True  # False: a receiver failed again; the rows stay for the next attempt


def recover(*, grace: timedelta | None = None) -> Recovery:
    """Mark runs whose process is gone interrupted, then deliver what is owed.

    With grace (the serving process's loop) only rows older than grace are delivered, and nothing else is
    looked at unless one is owed: one indexed query on a quiet system. A run whose process is gone and
    that owes nothing is then marked at the next start, where it is listed.
    """
    before = timezone.now() - grace if grace else None
    if before is not None and not DerivationDue.objects.filter(created_at__lt=before).exists():
        return Recovery()
    interrupted = mark_interrupted()
    return Recovery(interrupted=interrupted, delivered=deliver_left_over(created_before=before))


def mark_interrupted() -> list[ImportBatch]:
    """Runs still marked running whose process is gone: on this host by pid, elsewhere by silence."""
    host, now = socket.gethostname()[:255], timezone.now()
    gone = []
    for batch in ImportBatch.objects.filter(state=ImportBatch.State.RUNNING):
        if batch.host == host and batch.pid is not None:
            alive = _process_alive(batch.pid)
        else:
            alive = batch.heartbeat_at is not None and batch.heartbeat_at > now - SILENT_FOR
        # Conditional: the run may have ended on its own since it was read.
        if not alive and _mark(batch):
            gone.append(batch)
    return gone


def _mark(batch: ImportBatch) -> bool:
    running = ImportBatch.objects.filter(pk=batch.pk, state=ImportBatch.State.RUNNING)
    if not running.update(state=ImportBatch.State.INTERRUPTED):
        return False
    batch.state = ImportBatch.State.INTERRUPTED
    logger.warning("%s was interrupted; running the same input again completes it", batch)
    return True


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def unfinished_imports() -> list[ImportBatch]:
    """Runs that did not finish, and were not run again to the end since (the same file, later); each with
    `stored`, the number of reports it stored."""
    finished_since = ImportBatch.objects.filter(
        state=ImportBatch.State.FINISHED,
        pk__gt=OuterRef("pk"),
        source_system=OuterRef("source_system"),
        file_name=OuterRef("file_name"),
    )
    stored = (
        EventReport.objects.filter(import_batch=OuterRef("pk"))
        .order_by()
        .values("import_batch")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        ImportBatch.objects.filter(state__in=[ImportBatch.State.INTERRUPTED, ImportBatch.State.FAILED])
        .exclude(Exists(finished_since))
        .annotate(stored=Coalesce(Subquery(stored), 0))
        .order_by("pk")
    )


def describe(batch: ImportBatch) -> str:
    """One line for a watchkeeper: what stopped, how far it got, and what to do (a run of
    unfinished_imports)."""
    when = timezone.localtime(batch.heartbeat_at or batch.started_at).strftime("%Y-%m-%d %H:%M")
    state = batch.get_state_display().lower()
    line = f"{batch}: {state} (last batch {when}, {batch.stored:,} reports stored)"
    if batch.state == ImportBatch.State.FAILED:
        line += f": {batch.error}"
    return line + "; import the same file again to complete it"


def heal_periodically(stop: threading.Event, *, every: float = HEAL_SECONDS) -> None:
    """The serving process's loop: recover every `every` seconds until stop is set."""
    while not stop.wait(every):
        try:
            recover(grace=GRACE)
        except Exception:
            logger.exception("recovery failed; trying again in %s s", every)
        finally:
            close_old_connections()


def start_healing() -> threading.Event:
    """Start heal_periodically in a daemon thread; set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(target=heal_periodically, args=(stop,), name="recovery", daemon=True).start()
    return stop

"""Scheduled publishing: pages given a go-live or expiry time (an embargo to a DTG) are published or
unpublished by Wagtail's own `publish_scheduled`, run once a minute while the public site serves."""

import logging
import threading

from django.core.management import call_command

INTERVAL_SECONDS = 60
log = logging.getLogger(__name__)


def _run_forever(stop: threading.Event) -> None:
    while not stop.wait(INTERVAL_SECONDS):
        try:
            call_command("publish_scheduled", verbosity=0)
        except Exception:  # the next minute tries again; the log says why this one failed
            log.exception("scheduled publishing failed")


def start_scheduled_publishing() -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=_run_forever, args=(stop,), name="publish-scheduled", daemon=True).start()
    return stop

"""A serving process's warm-up: what the first map requests would otherwise each wait for.

After a restart every open map on a watch floor asks for its layers within seconds, and each worker
process keeps its own copies of what those layers are computed from: every label's assessment cells for
the span the threat levels need (most of a second to read at 200k reports), the road network, the
municipalities' boundary index, and each visibility class's series of the assessment. Built once at the
process's start, in a thread of its own (`start`), the first requests find them ready, or wait for that
one build rather than each making its own. Then each visibility class's threat levels and freedom of
movement for the map's default window (the last 24 h) are computed and handed to the keeper
(cop/keeping.py), which keeps them up to date while the class's maps ask for them, or for ten minutes.
"""

import logging
import threading
from datetime import UTC

from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from peacekeeper.assessment.cell_store import current_span
from peacekeeper.assessment.figures import first_day_for
from peacekeeper.cop import bodies, keeping
from peacekeeper.cop.caching import ceil_minute, visibility_class
from peacekeeper.movement.network import current_network
from peacekeeper.theatre.boundaries import cached_municipality_index

logger = logging.getLogger(__name__)
_ACCOUNTS_LOOKED_AT = 2000
_CLASSES_WARMED = 16  # figures.load_series keeps 16 series


def warm_up() -> None:
    """Build this process's copies of what the map's layers read (see the module's docstring)."""
    today = timezone.now().astimezone(UTC).date()
    current_span(first_day=first_day_for(today), last_day=today)
    current_network()
    cached_municipality_index()
    # Each visibility class's default map window, computed (figures.load_series keeps its series too) and
    # kept: a floor's first refresh then finds its bodies in every class at once.
    until = ceil_minute(timezone.now())
    since = until - bodies.DEFAULT_WINDOW
    for reader in _one_reader_per_class():
        for name, body_of in (("area-levels", bodies.area_levels_body), ("fom", bodies.fom_body)):
            body_of(reader, since, until)
            keeping.keep(name=name, user=reader, since=since, until=until, rebuild=body_of)


def _one_reader_per_class() -> list[User]:
    """One active account of each visibility class among the accounts with an access profile."""
    readers: dict[tuple[int, ...], User] = {}
    for user in User.objects.filter(is_active=True, profile__isnull=False).order_by("pk")[
        :_ACCOUNTS_LOOKED_AT
    ]:
        readers.setdefault(visibility_class(user), user)
    return list(readers.values())[:_CLASSES_WARMED]


def start() -> threading.Thread:
    """`warm_up` in a daemon thread, then the keeper's (cop/keeping.py); a failure of the warm-up (a database
    not migrated yet) is logged, not raised: the requests then build what they need themselves."""

    def run() -> None:
        try:
            warm_up()
        except Exception:
            logger.warning("warm-up failed; the first requests will build what they read", exc_info=True)
        finally:
            connection.close()
        keeping.start()

    thread = threading.Thread(target=run, name="peacekeeper-warm-up", daemon=True)
    thread.start()
    return thread

"""What the schema test runs against: the application over WSGI, in the test's own database transaction,
with a small theatre, a logged-in analyst of broad rights, and their session and CSRF token.

The session key and the CSRF token are fixed before the database exists: schemathesis builds some of its
cases (the coverage phase's) while pytest collects, and an auth provider sets them on those cases there.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone

from peacekeeper.events.exporting import FORMATS
from peacekeeper.events.models import Status
from peacekeeper.events.taxonomy import CATEGORIES
from peacekeeper.interop.tests.factories import ACLED_ROW, acled_text
from peacekeeper.tests.noninterference.world import (
    MISSION_RESTRICTED,
    PRISTINA,
    PUBLIC,
    SHARED,
    VISIBLE_ID,
    ZVECAN,
    build_base,
    make_users,
)

SESSION_COOKIE = "sessionid"
CSRF_COOKIE = "csrftoken"
SESSION_KEY = "apischema0session0key0of0the0test"
CSRF_TOKEN = "ApiSchemaCsrfTokenOfTheTest00000"

# Every role, release authority and security officer, NATO SECRET, staff (noninterference/world.py).
CALLER = "nia-ita"

# What the API accepts where the document says only "a string" or "a number", and where each goes.
_RECENTLY = timezone.now().replace(microsecond=0)
IN_TWO_DAYS = (_RECENTLY + timedelta(days=2)).isoformat()
VOCABULARY = {
    "categories": sorted(CATEGORIES),
    "markings": [SHARED, MISSION_RESTRICTED, PUBLIC],
    "latitudes": [ZVECAN[0], PRISTINA[0]],
    "longitudes": [ZVECAN[1], PRISTINA[1]],
    "moments": [(_RECENTLY - timedelta(hours=hours)).isoformat() for hours in (2, 30)],
    "statuses": list(Status.values),
    "formats": sorted(FORMATS),
    "elements": ["segment", "crossing", "bridge"],
    # The world's records: theatre rows from 1, the base world's from VISIBLE_ID in every table.
    "ids": [1, 2, VISIBLE_ID, VISIBLE_ID + 1, VISIBLE_ID + 2, VISIBLE_ID + 3],
    "now": ["now"],
    "acled": [acled_text([ACLED_ROW])],
}
VOCABULARY_USES = {
    "categories": ["body.category", "body.items[*].category", "query.category"],
    "markings": ["body.marking", "body.items[*].marking", "query.marking"],
    "latitudes": ["body.lat", "body.items[*].lat"],
    "longitudes": ["body.lon", "body.items[*].lon"],
    "moments": ["body.occurred_at", "body.items[*].occurred_at", "query.since", "query.at"],
    "now": ["body.occurred_dtg"],
    "acled": ["body.file"],
    "ids": [
        *(f"path.{name}" for name in ("event_id", "site_id", "unit_id", "restriction_id", "area_id")),
        *(f"path.{name}" for name in ("caveat_id", "link_id", "element_id")),
        *(f"body.{name}" for name in ("option", "unit", "task", "place_id", "event_ids[*]")),
        *(f"query.{name}" for name in ("option", "incident", "segment", "crossing")),
    ],
    "statuses": ["query.status"],
    "formats": ["path.fmt"],
    "elements": ["path.kind"],
}


class SessionAuth:
    """A schemathesis auth provider: the caller's session cookie, and the CSRF token Ninja's session auth
    checks on unsafe methods (as a cookie and the header a page's script sends)."""

    def get(self, case, context) -> str:
        return SESSION_KEY

    def set(self, case, data: str, context) -> None:
        case.cookies = {**(case.cookies or {}), SESSION_COOKIE: data, CSRF_COOKIE: CSRF_TOKEN}
        case.headers = {**(case.headers or {}), "X-CSRFToken": CSRF_TOKEN}


def build() -> dict:
    """The Kosovo theatre and units, the non-interference harness's users and base world (released
    reports of several labels, an incident, one record of each releasable kind), and the caller's
    session under SESSION_KEY. Returns the base world's records by name (noninterference/world.py)."""
    from peacekeeper.forces.loading import load_units
    from peacekeeper.theatre.loading import load_scenario

    load_scenario(name="kosovo")
    load_units(name="kosovo")
    records = build_base(make_users())
    client = Client()
    client.force_login(User.objects.get(username=CALLER))
    Session.objects.filter(session_key=client.cookies[SESSION_COOKIE].value).update(session_key=SESSION_KEY)
    # Cached layer bodies of other tests' worlds must not answer for this one.
    caches["default"].clear()
    return records


@contextmanager
def connection_kept() -> Iterator[None]:
    """Requests through WSGIHandler close the database connection when they end (close_old_connections),
    which would end the test's transaction; Django's test client keeps it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


application = WSGIHandler()

"""The public site refuses the mission's database: checked at its start, before anything is migrated.

Public mode reads only PEACEKEEPER_PUBLIC_DATABASE_URL, but that may name the mission's database by mistake
(the same URL as DATABASE_URL, or a copy of the mission's file). Migrated, seeded with the CMS and served,
its accounts would sign in at /cms/ and its records sit behind an internet-facing process. The public side
never writes the mission's tables (its bundles go to the release app's own), so rows in the tables below
tell a mission database: every mission account has a profile, every marking written is interned as a label,
`load-theatre` fills the areas, the log holds reports and the mission side records each export.
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Model

from peacekeeper.access.models import ReleaseLabel, UserProfile
from peacekeeper.env import database_from_url
from peacekeeper.events.models import EventReport
from peacekeeper.release.models import BundleExport
from peacekeeper.theatre.models import Area

MISSION_TABLES: tuple[tuple[type[Model], str], ...] = (
    (EventReport, "event reports"),
    (UserProfile, "user profiles"),
    (ReleaseLabel, "release labels"),
    (Area, "theatre areas"),
    (BundleExport, "release exports"),
)
# Names for the machine a PostgreSQL server runs on, as a URL may write it (a socket directory is local).
_LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}


def mission_database_refusal(*, mission_url: str | None, using: str = "default") -> str | None:
    """Why the public site's database (`using`) may not be migrated or served, or None. `mission_url`:
    the mission's DATABASE_URL when this environment sets it."""
    database = connections[using].settings_dict
    if mission_url and same_database(database, mission_url, base_dir=settings.BASE_DIR):
        return (
            "PEACEKEEPER_PUBLIC_DATABASE_URL names the mission's database (the one DATABASE_URL names): the "
            "public site has a database of its own, and never opens the mission's"
        )
    held = mission_tables_in_use(using=using)
    if held:
        return (
            f"the public site's database (PEACEKEEPER_PUBLIC_DATABASE_URL) holds mission records "
            f"({', '.join(held)}): it is the mission's database or a copy of it, and the public site "
            "neither migrates nor serves it"
        )
    return None


def same_database(database: dict, url: str, *, base_dir: Path) -> bool:
    """True when the database URL `url` names the database of the DATABASES entry `database`: the same
    SQLite file, or the same database on the same PostgreSQL server (whoever connects to it). A URL that
    cannot be read names no database."""
    try:
        other = database_from_url(url, base_dir=base_dir)
    except ImproperlyConfigured:
        return False
    if database["ENGINE"] != other["ENGINE"]:
        return False
    if other["ENGINE"] == "django.db.backends.sqlite3":
        return Path(database["NAME"]).resolve() == Path(other["NAME"]).resolve()
    return _server(database) == _server(other) and database["NAME"] == other["NAME"]


def _server(database: dict) -> tuple[str, str]:
    host = str(database.get("HOST") or "")
    local = host in _LOCAL_HOSTS or host.startswith("/")
    return ("this machine" if local else host.lower(), str(database.get("PORT") or "5432"))


def mission_tables_in_use(*, using: str = "default") -> list[str]:
    """The mission tables that hold rows in the database `using` (a table not created yet holds none)."""
    existing = set(connections[using].introspection.table_names())
    return [
        name
        for model, name in MISSION_TABLES
        if model._meta.db_table in existing and model.objects.using(using).exists()
    ]

"""The public site neither migrates nor serves the mission's database (security review R2, L4): not when its
URL is DATABASE_URL's, not when the mission's tables hold rows (the mission's database, or a copy)."""

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.db import connection

from peacekeeper.conftest import make_user
from peacekeeper.public.mission_database import (
    mission_database_refusal,
    mission_tables_in_use,
    same_database,
)
from peacekeeper.release.models import BundleExport

ROOT = Path(__file__).resolve().parents[3]
SAME_URL_REFUSAL = (
    "PEACEKEEPER_PUBLIC_DATABASE_URL names the mission's database (the one DATABASE_URL names): the public "
    "site has a database of its own, and never opens the mission's"
)


def _url_of_this_database() -> str:
    database = connection.settings_dict
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"
    port = f":{database['PORT']}" if database["PORT"] else ""
    return f"postgresql://mission:other-password@{port}/{database['NAME']}?host={quote(database['HOST'])}"


def _rows_refusal(held: str) -> str:
    return (
        f"the public site's database (PEACEKEEPER_PUBLIC_DATABASE_URL) holds mission records ({held}): it is "
        "the mission's database or a copy of it, and the public site neither migrates nor serves it"
    )


@pytest.mark.django_db
def test_the_public_sites_own_database_passes(seeded):
    User.objects.create_superuser("press-chief", "press@example.org", "a-long-cms-password")

    assert mission_tables_in_use() == []
    assert mission_database_refusal(mission_url="sqlite:///var/peacekeeper.sqlite3") is None
    assert mission_database_refusal(mission_url=None) is None


@pytest.mark.django_db
def test_a_database_holding_mission_accounts_is_refused(organisations):
    make_user("hans", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", ("watchkeeper",))

    assert mission_database_refusal(mission_url=None) == _rows_refusal("user profiles")


@pytest.mark.django_db
def test_a_database_the_mission_exported_from_is_refused():
    BundleExport.objects.create(
        version=1, created_at=datetime.now(UTC), source_mission="KFOR", sha256="0" * 64, path="/x"
    )

    assert mission_database_refusal(mission_url=None) == _rows_refusal("release exports")


@pytest.mark.django_db
def test_the_url_of_the_missions_database_is_refused_even_when_empty():
    assert mission_tables_in_use() == []

    assert mission_database_refusal(mission_url=_url_of_this_database()) == SAME_URL_REFUSAL


def _sqlite(path: Path) -> dict:
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}


def _postgres(name: str, host: str = "", port: str = "") -> dict:
    return {"ENGINE": "django.db.backends.postgresql", "NAME": name, "HOST": host, "PORT": port}


@pytest.mark.parametrize(
    ("database", "url", "same"),
    [
        (_sqlite("{home}/var/peacekeeper.sqlite3"), "sqlite:///var/peacekeeper.sqlite3", True),
        (_sqlite("{home}/var/peacekeeper.sqlite3"), "sqlite:///var/../var/peacekeeper.sqlite3", True),
        (_sqlite("{home}/var/public.sqlite3"), "sqlite:///var/peacekeeper.sqlite3", False),
        (_postgres("kfor", "db.mission", "5432"), "postgresql://public:pw@DB.mission/kfor", True),
        (_postgres("kfor"), "postgresql://mission@localhost:5432/kfor", True),
        (_postgres("kfor", "/run/postgresql"), "postgresql://mission@127.0.0.1/kfor", True),
        (_postgres("kfor", "db.mission", "5433"), "postgresql://mission@db.mission/kfor", False),
        (_postgres("public", "db.mission"), "postgresql://mission@db.mission/kfor", False),
        (_postgres("kfor", "db.public"), "postgresql://mission@db.mission/kfor", False),
        (_postgres("kfor"), "sqlite:///kfor", False),
        (_sqlite("{home}/var/peacekeeper.sqlite3"), "mission://unreadable/peacekeeper", False),
    ],
)
def test_a_url_names_the_same_database_whatever_its_spelling(tmp_path, database, url, same):
    database = {key: value.format(home=tmp_path) for key, value in database.items()}

    assert same_database(database, url, base_dir=tmp_path) is same


PROGRAM = """
from peacekeeper import cli, cli_setup

cli_setup.serve = lambda **arguments: print("served")
print([cli.main(["serve", "--site", "public"]), cli.main(["migrate"]), cli.main(["manage", "migrate"])])
"""


def test_serve_and_migrate_refuse_a_copy_of_the_missions_database_before_touching_it(tmp_path):
    (tmp_path / "var").mkdir()
    mission_copy = tmp_path / "var" / "public.sqlite3"
    with sqlite3.connect(mission_copy) as database:  # only what the check reads of a mission database
        database.execute("CREATE TABLE events_eventreport (id integer PRIMARY KEY)")
        database.execute("INSERT INTO events_eventreport VALUES (1)")
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("PEACEKEEPER_", "DJANGO_"))
    }
    env |= {"PEACEKEEPER_HOME": str(tmp_path), "PEACEKEEPER_SITE": "public", "PEACEKEEPER_HTTPS": "false"}

    result = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        cwd=ROOT,  # this checkout's code, whichever the environment's editable install names
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[2, 2, 2]"]
    assert result.stderr.splitlines() == [f"error: {_rows_refusal('event reports')}"] * 3
    with sqlite3.connect(mission_copy) as database:
        tables = [name for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == ["events_eventreport"]  # nothing migrated

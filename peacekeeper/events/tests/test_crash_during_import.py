"""An import killed (SIGKILL, as kill -9) at any point, then the product started again and the same input
imported again, leaves the database and every derived figure as one uninterrupted import does.

Each run is a real `peacekeeper` process on a database of its own (a file on SQLite, a database on the
test PostgreSQL server), made from one template: migrated, the theatre loaded, and a first ACLED file
imported for review (submitted). The second file revises those records and adds new ones, imported as
validated: so an import both creates reports and updates and validates stored ones (with history), in
two batches, the first too large to list its reports (announced at the end, as a rebuild), the second
announced as it commits. The generator's reports add FoM categories, so restrictions derive from them.
The kill points (crash_driver.py): random SQL statements (chosen by seed among those an uninterrupted run
executes), between batches, and after the last commit before the change was announced.
"""

import csv
import os
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings

import peacekeeper
from peacekeeper.events.tests.test_acled_import_and_export import ROW
from peacekeeper.interop.acled import ACLED_COLUMNS

# (location, admin2, latitude, longitude): places in three municipalities.
PLACES = [
    ("Zvecan", "Zvecan", 42.9075, 20.8403),
    ("Pristina", "Pristina", 42.6629, 21.1655),
    ("Zubin Potok", "Zubin Potok", 42.9143, 20.6897),
]
KINDS = [
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Riots", "Mob violence"),
    ("Strategic developments", "Arrests"),
]
# The second file: 200 in its first batch (50 updated, 150 new), 100 in its second (crash_driver.BATCH_SIZE).
FIRST_RECORDS, ALL_RECORDS = 50, 300
# Fewer than crash_driver.LISTED: its one batch is announced as it commits, never as a rebuild that would
# also repair what an earlier command of the run left owed.
GENERATED = 90
ON_POSTGRESQL = os.environ.get("PEACEKEEPER_TEST_DATABASE") == "postgresql"


def acled_rows(count: int, *, revision: int) -> list[dict]:
    rows = []
    for n in range(count):
        location, admin2, lat, lon = PLACES[n % len(PLACES)]
        event_type, sub_event_type = KINDS[n % len(KINDS)]
        day = date(2024, 3, 1) + timedelta(days=n % 60)
        rows.append(
            ROW
            | {
                "event_id_cnty": f"XKX{n:05d}",
                "event_date": day.isoformat(),
                "year": str(day.year),
                "event_type": event_type,
                "sub_event_type": sub_event_type,
                "location": location,
                "admin2": admin2,
                "latitude": f"{lat + (n % 7) * 0.001:.4f}",
                "longitude": f"{lon + (n % 5) * 0.001:.4f}",
                "fatalities": str(n % 3 if revision > 1 else 0),
                "notes": f"Report {n}, revision {revision}.",
                "timestamp": str(1717000000 + revision),
            }
        )
    return rows


def write_acled(path: Path, rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        writer.writerows({column: row.get(column, "") for column in ACLED_COLUMNS} for row in rows)
    return path


@dataclass
class Run:
    returncode: int
    out: str
    err: str


class Databases:
    """Databases made from one template, each with the DATABASE_URL a `peacekeeper` process uses."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.made: list[str] = []
        self.template = ""  # the database every run starts from
        self.second = ""  # the second ACLED file

    def url(self, name: str) -> str:
        if ON_POSTGRESQL:
            server = settings.DATABASES["default"]
            return f"postgresql://{server['USER']}@/{name}?host={server['HOST']}"
        return f"sqlite:///{self.workdir / name}.sqlite3"

    def admin(self, sql: str) -> None:
        import psycopg

        server = settings.DATABASES["default"]
        with psycopg.connect(
            host=server["HOST"], user=server["USER"], dbname="postgres", autocommit=True
        ) as db:
            db.execute(sql)

    def create(self, name: str, *, template: str | None = None) -> str:
        name = f"crash_{os.getpid()}_{name}"
        if ON_POSTGRESQL:
            self.admin(f'DROP DATABASE IF EXISTS "{name}"')
            self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
            self.made.append(name)
        elif template:
            shutil.copyfile(self.workdir / f"{template}.sqlite3", self.workdir / f"{name}.sqlite3")
        return name

    def drop_all(self) -> None:
        for name in self.made:
            self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def connect(self, name: str):
        if ON_POSTGRESQL:
            import psycopg

            server = settings.DATABASES["default"]
            return psycopg.connect(host=server["HOST"], user=server["USER"], dbname=name)
        import sqlite3

        return sqlite3.connect(self.workdir / f"{name}.sqlite3")

    def run(self, name: str, point: str, *args: str) -> Run:
        env = {
            key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PEACEKEEPER_"))
        }
        env |= {
            "DATABASE_URL": self.url(name),
            "DJANGO_SETTINGS_MODULE": "peacekeeper.settings",
            "PEACEKEEPER_SECRET_KEY": "crash-test-key-" + "x" * 48,
            "PEACEKEEPER_HOME": str(self.workdir),
            "PEACEKEEPER_LOG_LEVEL": "WARNING",
            # The code under test, wherever this checkout is (not only an installed copy).
            "PYTHONPATH": str(Path(peacekeeper.__file__).resolve().parent.parent),
        }
        command = [sys.executable, "-m", "peacekeeper.events.tests.crash_driver", point, *args]
        done = subprocess.run(
            command, env=env, cwd=self.workdir, capture_output=True, text=True, timeout=300, check=False
        )
        return Run(done.returncode, done.stdout, done.stderr)

    def must(self, name: str, point: str, *args: str) -> Run:
        run = self.run(name, point, *args)
        assert run.returncode in {0, 1}, run.err
        return run


def snapshot(db) -> dict[str, list]:
    """The reports, their history, the derived figures: by source id and code, never by generated id."""
    queries = {
        "reports": """
            SELECT r.source_system, r.source_id, r.status, r.version, r.validated_at IS NOT NULL,
                   r.validated_by_id, r.published_at IS NOT NULL, r.category, r.severity, r.killed_other,
                   r.narrative, l.marking, a.code
            FROM events_eventreport r JOIN access_releaselabel l ON l.id = r.label_id
            LEFT JOIN theatre_area a ON a.id = r.area_id""",
        "history": """
            SELECT r.source_id, c.action, c.version, c.user_id, COUNT(*)
            FROM events_eventchange c JOIN events_eventreport r ON r.id = c.event_id
            GROUP BY r.source_id, c.action, c.version, c.user_id""",
        "ledger": """
            SELECT r.source_id, a.code, c.day, c.category, l.marking, c.severity, c.fatalities,
                   c.near_protected_site, c.near_crossing
            FROM assessment_countedreport c JOIN events_eventreport r ON r.id = c.report_id
            JOIN theatre_area a ON a.id = c.area_id JOIN access_releaselabel l ON l.id = c.label_id""",
        "cells": """
            SELECT a.code, c.day, c.category, l.marking, c.count, c.severity_sum, c.severe, c.fatalities,
                   c.near_protected_site, c.near_crossing
            FROM assessment_daycell c JOIN theatre_area a ON a.id = c.area_id
            JOIN access_releaselabel l ON l.id = c.label_id""",
        "restrictions": """
            SELECT r.source_id, m.status, m.started_at, m.expires_at, m.ends_at, l.marking,
                   (SELECT COUNT(*) FROM movement_restriction_segments s WHERE s.restriction_id = m.id),
                   (SELECT COUNT(*) FROM movement_restriction_crossings s WHERE s.restriction_id = m.id)
            FROM movement_restriction m JOIN events_eventreport r ON r.id = m.report_id
            JOIN access_releaselabel l ON l.id = m.label_id""",
    }
    return read(db, queries)


def bookkeeping(db) -> dict[str, list]:
    """What is still owed to the derived state, and how the import runs ended."""
    queries = {
        "owed": "SELECT COUNT(*) FROM events_derivationdue",
        "runs": "SELECT state, COUNT(*) FROM events_importbatch GROUP BY state",
    }
    return read(db, queries)


def read(db, queries: dict[str, str]) -> dict[str, list]:
    try:
        return {name: sorted(db.execute(sql).fetchall(), key=repr) for name, sql in queries.items()}
    finally:
        db.close()


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("crash")
    made = Databases(workdir)
    template = made.create("template")
    first = write_acled(workdir / "first.csv", acled_rows(FIRST_RECORDS, revision=1))
    made.must(template, "never", "migrate", ";", "load-theatre", ";", "import", "acled", str(first))
    made.template = template
    made.second = str(write_acled(workdir / "second.csv", acled_rows(ALL_RECORDS, revision=2)))
    yield made
    if ON_POSTGRESQL:
        made.drop_all()


def the_inputs(databases: Databases) -> list[str]:
    """The second ACLED file imported as validated, then the generator's reports (FoM among them)."""
    generate = f"generate --events {GENERATED} --seed 5 --start 2024-01-01 --end 2024-03-01"
    return ["import", "acled", databases.second, "--status", "validated", ";", *generate.split()]


@pytest.fixture(scope="module")
def uninterrupted(databases):
    """The snapshot of an uninterrupted run, and how many SQL statements it executed."""
    name = databases.create("reference", template=databases.template)
    run = databases.must(name, "count", *the_inputs(databases))
    figures = snapshot(databases.connect(name))
    assert all(figures[name] for name in ("history", "cells", "restrictions")), "nothing to compare"
    return figures, int(run.err.rpartition("statements=")[2].split()[0])


# Random statements (by seed), between the import's batches, and after its last commit (its first batch's
# rebuild still owed). PostgreSQL runs the last only: each database dropped there costs a checkpoint.
POINTS = [("end", 1)] if ON_POSTGRESQL else [("statement", 1), ("statement", 11), ("batch", 1), ("end", 1)]


@pytest.mark.parametrize(("where", "seed"), POINTS)
def test_a_killed_import_run_again_after_a_restart_leaves_what_an_uninterrupted_one_does(
    databases, uninterrupted, where, seed
):
    expected, statements = uninterrupted
    point = (
        f"statement:{random.Random(seed).randint(1, statements)}"
        if where == "statement"
        else f"{where}:{seed}"
    )
    name = databases.create(f"{where}_{seed}", template=databases.template)

    killed = databases.run(name, point, *the_inputs(databases))
    assert killed.returncode == -9, killed.err
    restarted = databases.must(name, "restart", *the_inputs(databases))

    assert snapshot(databases.connect(name)) == expected
    left = bookkeeping(databases.connect(name))
    assert left["owed"] == [(0,)]
    runs = dict(left["runs"])
    assert "running" not in runs
    if runs.get("interrupted"):
        assert "interrupted (last batch" in restarted.out

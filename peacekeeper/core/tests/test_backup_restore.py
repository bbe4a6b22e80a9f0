"""`peacekeeper backup` and `restore`: a backup restores into an empty database row for row, on both engines.

Every test commits for real (transaction=True): the backup reads the database through its own connection
(SQLite) or another process (pg_dump), which never see a test's uncommitted savepoint.
"""

import hashlib
import sqlite3
import stat
import threading
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from peacekeeper.access.audit import record_bulk_view
from peacekeeper.access.models import AuditEntry
from peacekeeper.cli import main
from peacekeeper.conftest import make_user
from peacekeeper.core import backup
from peacekeeper.core.backup import BackupError, backup_database, pg_tool, restore_database
from peacekeeper.events.models import EventReport
from peacekeeper.exercise.generator import generate_and_store
from peacekeeper.forces.loading import load_units
from peacekeeper.theatre.loading import load_scenario

pytestmark = pytest.mark.django_db(transaction=True)
ON_SQLITE = connection.vendor == "sqlite"


def source() -> dict:
    return settings.DATABASES["default"]


@pytest.fixture
def populated(organisations) -> None:
    """A small theatre and its forces, reports with their history, users, and audit entries."""
    load_scenario(name="kosovo")
    load_units(name="kosovo")
    end = datetime(2026, 11, 1, tzinfo=UTC)
    generate_and_store(count=60, seed=7, start=end - timedelta(days=30), end=end)
    watchkeeper = make_user("hans", "DEU", "DEU", ("KFOR",), "NATO SECRET", ("watchkeeper",))
    make_user("giulia", "ITA", "ITA", ("KFOR",), "NATO RESTRICTED", ("analyst",))
    record_bulk_view(user=watchkeeper, records=list(EventReport.objects.all()), detail="backup test")
    assert AuditEntry.objects.exists()


@pytest.fixture
def empty_database(tmp_path: Path):
    """Another, empty database of the same engine: a new SQLite file, or a new database on the server."""
    if ON_SQLITE:
        yield {**source(), "NAME": str(tmp_path / "restored.sqlite3")}
        return
    import psycopg
    from psycopg import sql

    name = f"{source()['NAME']}_restored"
    with psycopg.connect(pg_conninfo(source()), autocommit=True) as server:
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield {**source(), "NAME": name}
    with psycopg.connect(pg_conninfo(source()), autocommit=True) as server:
        server.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def pg_conninfo(database: dict) -> str:
    from psycopg.conninfo import make_conninfo

    parts = {"host": database["HOST"], "port": database["PORT"], "user": database["USER"]}
    return make_conninfo(dbname=database["NAME"], **{key: value for key, value in parts.items() if value})


def digests(database: dict) -> dict[str, tuple[int, str]]:
    """Every table's row count and the sha256 of its rows in primary-key order."""
    if database["ENGINE"].endswith("sqlite3"):
        return sqlite_digests(database["NAME"])
    return postgresql_digests(pg_conninfo(database))


def digest(rows: list[tuple]) -> tuple[int, str]:
    return len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()


def sqlite_digests(name: str) -> dict[str, tuple[int, str]]:
    with closing(sqlite3.connect(name)) as db:
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        result = {}
        for (table,) in db.execute(query).fetchall():
            columns = db.execute(f'PRAGMA table_info("{table}")').fetchall()  # (cid, name, …, pk position)
            keys = [column[1] for column in sorted(columns, key=lambda column: column[5]) if column[5]]
            order = ", ".join(f'"{key}"' for key in keys or [column[1] for column in columns])
            result[table] = digest(db.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall())  # noqa: S608
        return result


def postgresql_digests(conninfo: str) -> dict[str, tuple[int, str]]:
    import psycopg
    from psycopg import sql

    primary_key = (
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
        "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
        "WHERE i.indrelid = %s::regclass AND i.indisprimary"
    )
    tables = (
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
    )
    with psycopg.connect(conninfo) as db:
        result = {}
        for (table,) in db.execute(tables).fetchall():
            keys = [sql.Identifier(name) for (name,) in db.execute(primary_key, (table,))]
            query = sql.SQL("SELECT * FROM {} ORDER BY {}").format(
                sql.Identifier(table), sql.SQL(", ").join(keys) if keys else sql.SQL("1")
            )
            result[table] = digest(db.execute(query).fetchall())
        return result


@pytest.mark.usefixtures("populated")
def test_a_backup_restores_into_an_empty_database_table_for_table_and_row_for_row(
    tmp_path: Path, empty_database: dict
) -> None:
    before = digests(source())
    path = tmp_path / "peacekeeper.backup"
    backed_up = backup_database(path=path)
    assert backed_up.rows == {table: count for table, (count, _) in before.items()}
    # Every record at every classification and every password hash: readable by its owner only.
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    restored = restore_database(path=path, database=empty_database)
    assert restored.rows == backed_up.rows
    assert digests(empty_database) == before
    for table in ("theatre_area", "events_eventreport", "access_auditentry", "auth_user", "forces_unit"):
        assert before[table][0] > 0, table


@pytest.mark.usefixtures("populated")
def test_a_backup_taken_while_another_connection_writes_is_the_database_at_one_moment(
    tmp_path: Path, empty_database: dict
) -> None:
    # Each of the writer's transactions adds a group and a content type: a backup of one moment holds
    # as many of the one as of the other.
    written, stop = threading.Event(), threading.Event()

    def write() -> None:
        try:
            number = 0
            while not stop.is_set():
                with transaction.atomic():
                    Group.objects.create(name=f"writer-{number}")
                    ContentType.objects.create(app_label="backup_writer", model=f"m{number}")
                number += 1
                if number == 5:
                    written.set()
        finally:
            connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert written.wait(timeout=120)
        path = tmp_path / "while-writing.backup"
        outcome = backup_database(path=path)
    finally:
        stop.set()
        writer.join()
    groups = outcome.rows["auth_group"]
    assert groups >= 5
    restore_database(path=path, database=empty_database)
    restored = digests(empty_database)
    assert restored["auth_group"][0] == groups
    assert restored["django_content_type"][0] == outcome.rows["django_content_type"]
    assert ContentType.objects.filter(app_label="backup_writer").count() >= groups
    if ON_SQLITE:
        assert outcome.check == "integrity_check ok"
        with closing(sqlite3.connect(path)) as copy:
            writer_types = copy.execute(
                "SELECT count(*) FROM django_content_type WHERE app_label = 'backup_writer'"
            ).fetchone()[0]
        assert writer_types == groups


@pytest.mark.usefixtures("populated")
def test_restore_refuses_a_database_that_is_not_empty(tmp_path: Path) -> None:
    path = tmp_path / "peacekeeper.backup"
    backup_database(path=path)
    Group.objects.create(name="written after the backup")
    before = digests(source())
    with pytest.raises(BackupError, match=r"is not empty \(\d+ (of our )?tables, e\.g\. access_auditentry\)"):
        restore_database(path=path)
    assert digests(source()) == before


def other_engines_backup(tmp_path: Path) -> Path:
    """A genuine-looking backup of the engine not configured."""
    path = tmp_path / "other-engine.backup"
    if ON_SQLITE:
        path.write_bytes(b"PGDMP\x01\x0f\x00" + bytes(200))
    else:
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("CREATE TABLE django_migrations (id integer primary key, app text)")
    return path


def test_restore_refuses_a_backup_of_the_other_engine(tmp_path: Path, empty_database: dict) -> None:
    kind, configured = ("PostgreSQL", "SQLite") if ON_SQLITE else ("SQLite", "PostgreSQL")
    with pytest.raises(
        BackupError, match=rf"backup, and the configured database is {configured}: restore it into a {kind}"
    ):
        restore_database(path=other_engines_backup(tmp_path), database=empty_database)
    assert digests(empty_database) == {}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is not a Peacekeeper backup"),
        (b"event_id_cnty,event_date\nKSV1,2026-11-01\n", "is not a Peacekeeper backup"),
        (b"-- PostgreSQL database dump\nCREATE TABLE x ();\n", "is not a Peacekeeper backup"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_backup(
    tmp_path: Path, empty_database: dict, content: bytes, problem: str
) -> None:
    path = tmp_path / "not-a-backup"
    path.write_bytes(content)
    with pytest.raises(BackupError, match=problem):
        restore_database(path=path, database=empty_database)
    assert digests(empty_database) == {}


def test_restore_refuses_a_database_of_another_application(tmp_path: Path, empty_database: dict) -> None:
    path = tmp_path / "other-application.backup"
    if ON_SQLITE:
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("CREATE TABLE invoices (id integer primary key)")
        problem = "is an SQLite database but not a Peacekeeper backup"
    else:
        path.write_bytes(b"PGDMP" + bytes(300))  # the header of an archive, then nothing readable
        problem = "cannot be read: pg_restore: error"
    with pytest.raises(BackupError, match=problem):
        restore_database(path=path, database=empty_database)
    assert digests(empty_database) == {}


def test_a_backup_never_overwrites_a_file(tmp_path: Path) -> None:
    path = tmp_path / "yesterday.backup"
    path.write_bytes(b"yesterday's backup")
    with pytest.raises(BackupError, match="exists; a backup never overwrites a file"):
        backup_database(path=path)
    assert path.read_bytes() == b"yesterday's backup"


def test_a_directory_that_cannot_be_written_is_named_and_nothing_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(**kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(backup.tempfile, "mkstemp", denied)
    with pytest.raises(BackupError, match=r"cannot be written in .* \(Permission denied\)"):
        backup_database(path=tmp_path / "peacekeeper.backup")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("populated")
def test_the_commands_print_what_they_did_or_why_not_with_exit_codes_0_and_2(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tmp_path / "peacekeeper.backup"
    assert main(["backup", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Backed up the {'SQLite' if ON_SQLITE else 'PostgreSQL'} database ")
    assert f" to {path}: " in out
    assert "events_eventreport" in out
    assert main(["restore", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: restore: the configured database ")
    assert "Traceback" not in captured.err


def test_an_older_pg_dump_is_passed_over_and_a_missing_one_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pg_dump refuses a newer server; a pg_restore older than the archive cannot read it.
    old = tmp_path / "pg15"
    old.mkdir()
    (old / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 15.18'\n")
    (old / "pg_dump").chmod(0o755)
    monkeypatch.setenv("PEACEKEEPER_PG_BIN", str(old))
    with pytest.raises(
        BackupError, match=r"no pg_dump for PostgreSQL 16 or newer found \(tried .*version 15\)"
    ):
        pg_tool("pg_dump", 16)
    assert pg_tool("pg_dump", 15) == str(old / "pg_dump")
    monkeypatch.setenv("PEACEKEEPER_PG_BIN", str(tmp_path / "nowhere"))
    with pytest.raises(BackupError, match="set PEACEKEEPER_PG_BIN to their bin directory"):
        pg_tool("pg_restore", 16)

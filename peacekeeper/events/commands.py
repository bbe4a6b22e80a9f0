"""The `peacekeeper import` and `export` subcommands (wired in peacekeeper/cli.py), and what the exercise's
`generate` shares with them: moments given as options, the progress bar."""

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path


def add_parsers(commands: argparse._SubParsersAction) -> None:
    importer = commands.add_parser("import", help="import events from a file (idempotent)")
    importer.add_argument("format", choices=["acled"])
    importer.add_argument("file", type=Path)
    importer.add_argument("--json", action="store_true", help="print one JSON object with the outcome")
    importer.add_argument(
        "--marking", default="NATO UNCLASSIFIED // REL TO KFOR", help="release label to apply"
    )
    importer.add_argument("--status", default="submitted", choices=["submitted", "validated"])
    importer.add_argument(
        "--encoding",
        help="the file's encoding when it is not UTF-8 (UTF-16 and UTF-32 with a byte order mark are "
        "recognised), e.g. cp1252 for a sheet saved by Excel on Windows",
    )
    importer.add_argument(
        "--as",
        dest="username",
        help="import as this user: they find and update only the reports they may see, apply only labels "
        "they may read, and release wider only as a release authority (default: the operator, unchecked)",
    )
    importer.set_defaults(handler=command_import, needs_django=True)

    exporter = commands.add_parser("export", help="export the events a user may see, filtered")
    exporter.add_argument("format", choices=["csv", "geojson", "kml", "acled"])
    exporter.add_argument("--as", dest="username", required=True, help="export what this user may see")
    exporter.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    exporter.add_argument("--since", help="ISO date or date-time, e.g. 2026-11-01")
    exporter.add_argument("--until", help="ISO date or date-time (exclusive)")
    exporter.add_argument("--area", action="append", default=[], help="area code (repeatable)")
    exporter.add_argument("--category", action="append", default=[], help="category code (repeatable)")
    exporter.add_argument("--status", action="append", default=[], help="status (repeatable)")
    exporter.add_argument("--text", default="", help="free text")
    exporter.add_argument("--no-exercise", action="store_true", help="leave out exercise data")
    exporter.set_defaults(handler=command_export, needs_django=True)


def moment_option(text: str | None, *, option: str) -> datetime | None:
    """An ISO date or date-time given as `option` (UTC unless it names a zone), or None when not given."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"error: {option} {text!r} is not an ISO date such as 2026-11-01") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _user(username: str | None):
    from django.contrib.auth.models import User

    if username is None:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise SystemExit(f"error: --as: no user {username!r}")
    return user


class ProgressBar:
    """Progress on stderr: tqdm's bar (share, rate, time left, fitted to the terminal's width) on a
    terminal; elsewhere (a log, a pipe) a plain line at each further tenth of the work."""

    def __init__(self, total: int, *, unit: str) -> None:
        self.total = max(total, 1)
        self.tenths = 0
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm  # here: its import costs every command some 40 ms, and only a bar needs it

            self.bar = tqdm(total=total, unit=unit, unit_scale=True, dynamic_ncols=True)

    def __call__(self, rows: int, done: int) -> None:
        """`rows` handled so far, `done` units of the total."""
        if self.bar is not None:
            self.bar.set_postfix_str(f"{rows:,} rows", refresh=False)
            self.bar.update(done - self.bar.n)
        elif (tenths := min(done * 10 // self.total, 10)) > self.tenths:
            self.tenths = tenths
            print(f"{min(done / self.total, 1):.0%} ({rows:,} rows)", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def command_import(args: argparse.Namespace) -> int:
    """Exit 0 when every row was stored, 1 when some rows were rejected, 2 when nothing was (refused), or
    when the database failed."""
    from django.db import DatabaseError

    try:
        return _import(args)
    except DatabaseError as error:
        # Before anything was stored (a database not migrated yet), or part-way: the run is then recorded
        # as failed, and what its committed batches stored stays.
        reason = f"the database failed: {error}"
        print(
            f"error: {args.file}: {reason} (a new database needs `peacekeeper migrate`; an import that "
            "failed part-way is completed by importing the same file again)",
            file=sys.stderr,
        )
        if args.json:
            print(json.dumps({"refused": False, "failed": True, "reason": reason}, ensure_ascii=False))
        return 2


def _import(args: argparse.Namespace) -> int:
    from peacekeeper.access import policy
    from peacekeeper.core.errors import InputError
    from peacekeeper.events.importing import AcledFormatError, import_acled, refusal_reason

    if not args.file.is_file():
        return _refused(args, f"{args.file}: no such file")
    try:
        user = _user(args.username)
    except SystemExit as refusal:
        return _refused(args, str(refusal.code).removeprefix("error: "))
    if user is not None and not policy.can_edit(user):
        return _refused(args, f"--as: {args.username} may not log reports")
    bar = ProgressBar(args.file.stat().st_size, unit="B")
    try:
        with args.file.open("rb") as stream:
            report = import_acled(
                stream=stream,
                user=user,
                marking=args.marking,
                status=args.status,
                file_name=args.file.name,
                encoding=args.encoding,
                progress=bar,
            )
    except AcledFormatError as error:
        return _refused(args, f"{args.file}: {refusal_reason(error, name_encoding='give --encoding cp1252')}")
    except InputError as error:
        return _refused(args, f"--marking: {error.errors[0].reason}")
    except OSError as error:
        return _refused(args, f"{args.file}: {error.strerror or error}")
    finally:
        bar.close()
    if args.json:
        print(json.dumps({"refused": False, **report.as_json()}, ensure_ascii=False))
    else:
        print(
            f"{args.file}: {report.imported} imported, {report.updated} updated, "
            f"{report.unchanged} unchanged, {len(report.rejected)} rejected"
            + ("" if report.rows_read else " (the file has a header and no rows)")
        )
        for item in report.as_json()["rejected"]:
            print(f"  row {item['row']}, {item['field']}: {item['reason']}")
    return 1 if report.rejected else 0


def _refused(args: argparse.Namespace, reason: str) -> int:
    """Nothing was imported: the reason on stderr, and with --json also as the outcome on stdout."""
    print(f"error: {reason}; nothing was imported", file=sys.stderr)
    if args.json:
        print(json.dumps({"refused": True, "reason": reason}, ensure_ascii=False))
    return 2


def command_export(args: argparse.Namespace) -> int:
    from peacekeeper.events.exporting import export_events
    from peacekeeper.events.queries import EventFilter

    filters = EventFilter(
        since=moment_option(args.since, option="--since"),
        until=moment_option(args.until, option="--until"),
        areas=args.area,
        categories=args.category,
        statuses=args.status,
        text=args.text,
        exercise=False if args.no_exercise else None,
    )
    user = _user(args.username)
    if args.output:
        with args.output.open("w", encoding="utf-8", newline="") as out:
            count = export_events(user=user, filters=filters, fmt=args.format, out=out)
        print(f"{count} events written to {args.output}", file=sys.stderr)
    else:
        count = export_events(user=user, filters=filters, fmt=args.format, out=sys.stdout)
    return 0

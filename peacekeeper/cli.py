"""The `peacekeeper` command: demo, serve, migrate, load-theatre, createuser, manage."""

import argparse
import getpass
import os
import sys
from pathlib import Path

from peacekeeper import cli_setup
from peacekeeper.cli_demo import command_demo
from peacekeeper.cli_theatre import load_theatre


def command_serve(args: argparse.Namespace) -> int:
    site = args.site or os.environ.get("PEACEKEEPER_SITE") or "mission"
    os.environ["PEACEKEEPER_SITE"] = site  # read by the settings, in this process and in uvicorn's workers
    if site == "public":
        return _serve_public(args)
    cli_setup.prepare_environment(demo=False)
    cli_setup.recover()  # a database that cannot be read yet is said, and what there is served
    cli_setup.serve(host=args.host, port=args.port or cli_setup.DEFAULT_PORT, workers=args.workers)
    return 0


def _serve_public(args: argparse.Namespace) -> int:
    """The public site: its own database (PEACEKEEPER_PUBLIC_DATABASE_URL) brought up to date and given its
    shipped pages, groups and approval workflow where missing, then served."""
    cli_setup.prepare_environment(demo=False)
    if cli_setup.mission_database():
        return 2
    from peacekeeper.public.seeding import seed_public_site

    cli_setup.migrate(verbosity=0)
    for made in seed_public_site():
        print(f"Public site: made {made}")
    port = args.port or cli_setup.DEFAULT_PUBLIC_PORT
    print(f"The public site is at http://{args.host}:{port}/en/ (its CMS at /cms/)")
    cli_setup.serve(host=args.host, port=port, workers=args.workers, site="public")
    return 0


def command_migrate(args: argparse.Namespace) -> int:
    cli_setup.prepare_environment(demo=False)
    if cli_setup.mission_database():
        return 2
    cli_setup.migrate()
    return 0


def command_derive(args: argparse.Namespace) -> int:
    cli_setup.prepare_environment(demo=False)
    if cli_setup.mission_only("derive"):
        return 2
    if not cli_setup.recover(rebuild=True):
        print("error: recomputing from the operations log failed (the log above says why)", file=sys.stderr)
        return 1
    print("Assessment figures and freedom-of-movement restrictions recomputed from the operations log.")
    return 0


def command_load_theatre(args: argparse.Namespace) -> int:
    cli_setup.prepare_environment(demo=False)
    if cli_setup.mission_only("load-theatre"):
        return 2
    return load_theatre(scenario=args.scenario, boundaries=args.boundaries, roads=args.roads)


def _read_password(args: argparse.Namespace) -> str:
    if args.password_file:
        return Path(args.password_file).read_text(encoding="utf-8").strip()
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        raise SystemExit("error: the passwords differ")
    return first


def command_createuser(args: argparse.Namespace) -> int:
    cli_setup.prepare_environment(demo=False)
    if cli_setup.mission_only("createuser"):
        return 2
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from peacekeeper.access.services import AccessSetupError, UserSpec, create_or_update_user

    password = _read_password(args)
    try:
        validate_password(password)
    except ValidationError as error:
        print("error: password: " + " ".join(error.messages), file=sys.stderr)
        return 2
    spec = UserSpec(
        username=args.username,
        password=password,
        full_name=args.full_name or args.username,
        organisation=args.organisation,
        nation=args.nation,
        missions=tuple(args.mission or ()),
        clearance=args.clearance,
        roles=tuple(args.role),
    )
    try:
        create_or_update_user(spec=spec)
    except AccessSetupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"User {args.username} saved ({args.organisation}, {args.clearance}, {', '.join(args.role)}).")
    return 0


def command_backup_or_restore(args: argparse.Namespace) -> int:
    cli_setup.prepare_environment(demo=False)
    from peacekeeper.core.backup import BackupError, backup_database, restore_database

    run = backup_database if args.command == "backup" else restore_database
    try:
        outcome = run(path=args.file)
    except BackupError as error:
        print(f"error: {args.command}: {error}", file=sys.stderr)
        return 2
    print(outcome.summary())
    return 0


def command_manage(args: argparse.Namespace) -> int:
    cli_setup.prepare_environment(demo=False)
    if args.rest[:1] == ["migrate"] and cli_setup.mission_database():
        return 2
    from django.core.management import execute_from_command_line

    execute_from_command_line(["peacekeeper manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="peacekeeper", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="set up the Kosovo demo (database, theatre, users) and serve it")
    demo.add_argument("--host", default=cli_setup.DEFAULT_HOST)
    demo.add_argument("--port", type=int, default=cli_setup.DEFAULT_PORT, help="the mission site's port")
    demo.add_argument(
        "--public-port", type=int, default=cli_setup.DEFAULT_PUBLIC_PORT, help="the public site's port"
    )
    demo.set_defaults(handler=command_demo)

    serve = commands.add_parser("serve", help="serve the web UI and API, or the public site")
    serve.add_argument("--host", default=cli_setup.DEFAULT_HOST)
    serve.add_argument(
        "--site",
        choices=["mission", "public"],
        help="the mission's site (the default) or the public one, with its own database; "
        "default: PEACEKEEPER_SITE or mission",
    )
    serve.add_argument(
        "--port",
        type=int,
        help=f"default {cli_setup.DEFAULT_PORT}, the public site {cli_setup.DEFAULT_PUBLIC_PORT}",
    )
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(handler=command_serve)

    migrate = commands.add_parser("migrate", help="create or update the database schema")
    migrate.set_defaults(handler=command_migrate)

    load = commands.add_parser(
        "load-theatre", help="load a shipped theatre, or replace its municipality boundaries or road network"
    )
    load.add_argument("--scenario", default="kosovo")
    replace = load.add_mutually_exclusive_group()
    replace.add_argument("--boundaries", type=Path, help="a geoBoundaries ADM2 or OCHA COD-AB GeoJSON file")
    replace.add_argument(
        "--roads",
        type=Path,
        help="an OpenStreetMap road extract as GeoJSON (osmium export, HOT export tool): highway motorway to "
        "tertiary replace the approximate road network",
    )
    load.set_defaults(handler=command_load_theatre)

    derive = commands.add_parser(
        "derive", help="recompute the assessment and FoM restrictions from the whole operations log"
    )
    derive.set_defaults(handler=command_derive)

    backup = commands.add_parser(
        "backup", help="back up the database to a new file while serving (SQLite backup API or pg_dump)"
    )
    backup.add_argument("file", type=Path)
    backup.set_defaults(handler=command_backup_or_restore)

    restore = commands.add_parser("restore", help="restore a backup into an empty database")
    restore.add_argument("file", type=Path)
    restore.set_defaults(handler=command_backup_or_restore)

    create = commands.add_parser(
        "createuser", help="create or update a user with organisation, clearance, roles"
    )
    create.add_argument("username")
    create.add_argument("--organisation", required=True, help="organisation code, e.g. DEU or EULEX")
    create.add_argument("--nation", help="nation code for national-only records, e.g. DEU")
    create.add_argument("--mission", action="append", help="mission served in, e.g. KFOR (repeatable)")
    create.add_argument("--clearance", required=True, help="e.g. 'NATO RESTRICTED'")
    create.add_argument("--role", action="append", required=True, help="role code (repeatable)")
    create.add_argument("--full-name")
    create.add_argument("--password-file", help="read the password from this file instead of a prompt")
    create.set_defaults(handler=command_createuser)

    from peacekeeper.events.commands import add_parsers as add_event_parsers
    from peacekeeper.exercise.commands import add_parsers as add_exercise_parsers
    from peacekeeper.release.commands import add_parsers as add_release_parsers

    add_event_parsers(commands)
    add_exercise_parsers(commands)
    add_release_parsers(commands)

    manage = commands.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=command_manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "needs_django", False):
        cli_setup.prepare_environment(demo=False)
        if args.command in cli_setup.MISSION_ONLY_COMMANDS and cli_setup.mission_only(args.command):
            return 2
    return args.handler(args)


if __name__ == "__main__":
    raise SystemExit(main())

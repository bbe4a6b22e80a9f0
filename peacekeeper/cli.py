"""The `peacekeeper` command: demo, serve, migrate, load-theatre, createuser, manage."""

import argparse
import contextlib
import getpass
import os
import secrets
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from peacekeeper.cli_theatre import load_theatre

if TYPE_CHECKING:
    from peacekeeper.release.demo import DemoRelease, PublicSite

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_PUBLIC_PORT = 8080
# Requests in flight when the server is told to stop get this long to finish.
GRACEFUL_SHUTDOWN_SECONDS = 20


def _local_secret_key_file() -> Path:
    return Path(os.environ.get("PEACEKEEPER_HOME", Path.cwd())) / "var" / "secret_key"


def _public_secret_key_file() -> Path:
    return _local_secret_key_file().parent / "public_secret_key"


def _make_secret_key_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        path.chmod(0o600)


def _key_configured(variable: str) -> bool:
    return bool(os.environ.get(variable) or os.environ.get(f"{variable}_FILE"))


def _use_local_secret_key(*, demo: bool) -> None:
    """Name the local key file to the settings when the environment names no key: the mission's
    var/secret_key (made by the demo), the public site's var/public_secret_key (made at its first start).
    The public site never uses the mission's, and its settings refuse a key equal to it."""
    public = (os.environ.get("PEACEKEEPER_SITE") or "").strip() == "public"
    variable = "PEACEKEEPER_PUBLIC_SECRET_KEY" if public else "PEACEKEEPER_SECRET_KEY"
    if _key_configured(variable):
        return
    key_file = _public_secret_key_file() if public else _local_secret_key_file()
    if public or demo:
        _make_secret_key_file(key_file)
    if key_file.exists():
        os.environ[f"{variable}_FILE"] = str(key_file)


def _prepare_environment(*, demo: bool) -> None:
    """Point Django at our settings; a local install reuses the key the demo generated under ./var/, the
    public site its own (`_use_local_secret_key`)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peacekeeper.settings")
    if demo:
        # The demo serves plain HTTP on the loopback interface, so HTTPS-only cookies would never be sent.
        os.environ.setdefault("PEACEKEEPER_HTTPS", "false")
    _use_local_secret_key(demo=demo)
    Path(os.environ.get("PEACEKEEPER_HOME", Path.cwd()), "var").mkdir(exist_ok=True)

    import django

    django.setup()


# The mission's commands that write mission data: on the public site's database (PEACEKEEPER_SITE=public)
# they would put records there that are not PUBLIC. `import` and `generate` are the events and exercise
# apps' (their handlers are checked in `main`).
MISSION_ONLY_COMMANDS = ("demo", "load-theatre", "createuser", "derive", "import", "generate")


def _mission_only(command: str) -> bool:
    """True, having said why on stderr, when this is the public site (Django set up), where `command` may
    not run."""
    from django.conf import settings

    if settings.SITE != "public":
        return False
    print(
        f"error: {command}: a mission side command, and PEACEKEEPER_SITE=public names the public site's "
        "database, which holds only PUBLIC records",
        file=sys.stderr,
    )
    return True


def _migrate(verbosity: int = 1) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def _collect_static() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def _serve(*, host: str, port: int, workers: int, site: str = "mission") -> None:
    import uvicorn
    from django.conf import settings

    from peacekeeper.release.watching import start_inbox, start_outbox

    _collect_static()
    if site == "public":
        from peacekeeper.public.scheduling import start_scheduled_publishing

        # Pages given a go-live or expiry time are published or unpublished on time.
        start_scheduled_publishing()
        start_inbox()  # when PEACEKEEPER_RELEASE_INBOX is set: bundles arriving there are imported
    else:
        from peacekeeper.events.recovery import start_healing

        # Derivations a crash or a failed receiver left owed are delivered while serving, not only at start.
        start_healing()
        start_outbox()  # when PEACEKEEPER_RELEASE_OUTBOX is set: a new bundle when PUBLIC records change
    uvicorn.run(
        "peacekeeper.asgi:application",
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        # A stopping server would otherwise wait for every open live stream to end (up to 5 minutes);
        # the maps reconnect at once, to another process behind the proxy or to this one restarted.
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        # The client's address and scheme from X-Forwarded-For/-Proto only behind a proxy, and only from
        # the proxies named (settings.BEHIND_PROXY): never uvicorn's own defaults, which trust 127.0.0.1.
        proxy_headers=settings.BEHIND_PROXY,
        forwarded_allow_ips=settings.FORWARDED_ALLOW_IPS if settings.BEHIND_PROXY else [],
    )


def _recover(*, rebuild: bool = False) -> bool:
    """What every start does: deliver what a crash left owed and say which imports did not finish; with
    rebuild, also recompute what other apps derive from the log (assessment figures, FoM restrictions) from
    scratch, in the same delivery. False if a receiver failed (the log says why) or the database could not
    be read, as before its first migration (said on stderr)."""
    from django.db import DatabaseError

    from peacekeeper.events.recovery import describe, recover, unfinished_imports
    from peacekeeper.events.signals import note_reports_changed

    try:
        if rebuild:
            note_reports_changed(None)
        delivered = recover().delivered
        unfinished = unfinished_imports()
    except DatabaseError as error:
        print(f"error: {error}; a new database needs `peacekeeper migrate` first", file=sys.stderr)
        return False
    for batch in unfinished:
        print(f"Unfinished: {describe(batch)}")
    return delivered


DEMO_HISTORY_EVENTS = 6000
DEMO_HISTORY_DAYS = 120
DEMO_TRICKLE_SECONDS = 45


def _demo_history() -> None:
    """Synthetic exercise history for the demo, generated once (a second run finds it and adds nothing)."""
    from datetime import UTC, datetime, timedelta

    from peacekeeper.events.models import EventReport
    from peacekeeper.exercise.generator import generate_and_store

    if EventReport.objects.filter(source_system="exercise").exists():
        return
    print(f"Generating {DEMO_HISTORY_EVENTS} exercise events over the last {DEMO_HISTORY_DAYS} days …")
    end = datetime.now(UTC)
    generate_and_store(
        count=DEMO_HISTORY_EVENTS, seed=1, start=end - timedelta(days=DEMO_HISTORY_DAYS), end=end
    )


def _demo_posture() -> None:
    """The current posture and three options, optimised, so the planner's pages open on real results."""
    from peacekeeper.posture.demo import build_demo_posture

    print("Optimising the demo force posture and its options …")
    for line in build_demo_posture():
        print(f"  {line}")


def _demo_shift() -> None:
    """The current watch in the watch log, so the handover page opens on a live summary."""
    from peacekeeper.duty.demo import open_demo_shift

    print(f"Watch log: {open_demo_shift()}")


def _start_trickle() -> None:
    import threading
    import time

    from peacekeeper.exercise.generator import trickle

    thread = threading.Thread(
        target=trickle,
        # Validated, so that they reach the live map (the COP shows validated and published reports).
        kwargs={"interval_seconds": DEMO_TRICKLE_SECONDS, "seed": int(time.time()), "status": "validated"},
        name="exercise-trickle",
        daemon=True,
    )
    thread.start()


def _demo_release() -> "DemoRelease":
    """The demo's key pair (made once) and bundle folder under var/release/, named in this process's
    environment before the settings read it: the mission side signs with it and fills the outbox."""
    from peacekeeper.release.demo import DemoRelease

    release = DemoRelease(_local_secret_key_file().parent / "release")
    made = release.prepare()
    if made:
        print(f"Release key {made} made: {release.private_key} (mode 0600), {release.public_key}")
    os.environ.update(release.mission_environment())
    return release


def _demo_bundle(release: "DemoRelease") -> None:
    """The demo's first bundle, written at every start; the outbox writes the next when a PUBLIC record
    changes."""
    from peacekeeper.release.exporting import ExportRefused, export_bundle
    from peacekeeper.release.keys import KeyProblem
    from peacekeeper.release.watching import bundle_name, counted

    try:
        record = export_bundle(path=lambda version: release.bundles.resolve() / bundle_name(version))
    except (ExportRefused, KeyProblem, OSError) as error:
        raise SystemExit(f"error: release export: {error}") from None
    print(f"Release bundle version {record.version} written to {record.path}: {counted(record.counts)}")


def _start_public_site(*, release: "DemoRelease", host: str, port: int) -> "PublicSite":
    from peacekeeper.release.demo import PublicSite, public_site_environment

    secret_key_file = _public_secret_key_file()
    if not _key_configured("PEACEKEEPER_PUBLIC_SECRET_KEY"):
        _make_secret_key_file(secret_key_file)
    environment = public_site_environment(os.environ, release=release, secret_key_file=secret_key_file)
    return PublicSite(host=host, port=port, environment=environment)


def _exit_on_signal(number: int, frame: object) -> None:
    raise SystemExit(128 + number)


def command_demo(args: argparse.Namespace) -> int:
    release = _demo_release()
    _prepare_environment(demo=True)
    if _mission_only("demo"):
        return 2
    from peacekeeper.access.services import create_demo_users

    print("Preparing the database under ./var/ …")
    _migrate(verbosity=0)
    load_theatre(scenario="kosovo", boundaries=None)
    users = create_demo_users()
    _demo_history()
    # Also brings a demo database made before the assessment and movement apps up to date.
    _recover(rebuild=True)
    _demo_posture()
    _demo_shift()
    url = f"http://{args.host}:{args.port}/"
    print("\nDemo users (demo only; every password is printed here on purpose):")
    print(f"  {'user':<14}{'password':<20}{'organisation':<14}{'clearance':<20}role")
    for spec in users:
        roles = ", ".join(spec.roles)
        print(f"  {spec.username:<14}{spec.password:<20}{spec.organisation:<14}{spec.clearance:<20}{roles}")
    _demo_bundle(release)
    # Ended by a signal, the demo still stops the public site (uvicorn re-raises a SIGTERM it handled).
    for stopping in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stopping, _exit_on_signal)
    public = _start_public_site(release=release, host=args.host, port=args.public_port)
    try:
        print(f"\nPeacekeeper is serving the Kosovo scenario at {url}  (Ctrl+C stops both sites)")
        print(f"A new exercise report arrives every {DEMO_TRICKLE_SECONDS} s; demo events are all EXERCISE.")
        print(
            f"PUBLIC records reach the public site in signed bundles through {release.bundles}/ "
            "(a new one whenever they change).\n"
        )
        print(f"Mission site: {url}   Public site: http://{args.host}:{args.public_port}/en/\n")
        _start_trickle()
        with contextlib.suppress(KeyboardInterrupt):
            _serve(host=args.host, port=args.port, workers=1)
    finally:
        public.stop()
    return 0


def command_serve(args: argparse.Namespace) -> int:
    site = args.site or os.environ.get("PEACEKEEPER_SITE") or "mission"
    os.environ["PEACEKEEPER_SITE"] = site  # read by the settings, in this process and in uvicorn's workers
    if site == "public":
        return _serve_public(args)
    _prepare_environment(demo=False)
    _recover()  # a database that cannot be read yet is said, and what there is served
    _serve(host=args.host, port=args.port or DEFAULT_PORT, workers=args.workers)
    return 0


def _serve_public(args: argparse.Namespace) -> int:
    """The public site: its own database (PEACEKEEPER_PUBLIC_DATABASE_URL) brought up to date and given its
    shipped pages, groups and approval workflow where missing, then served."""
    _prepare_environment(demo=False)
    if _mission_database():
        return 2
    from peacekeeper.public.seeding import seed_public_site

    _migrate(verbosity=0)
    for made in seed_public_site():
        print(f"Public site: made {made}")
    port = args.port or DEFAULT_PUBLIC_PORT
    print(f"The public site is at http://{args.host}:{port}/en/ (its CMS at /cms/)")
    _serve(host=args.host, port=port, workers=args.workers, site="public")
    return 0


def _mission_database() -> bool:
    """True, having said why on stderr, when this is the public site (Django set up) and its database is
    the mission's: it is neither migrated nor served."""
    from django.conf import settings

    if settings.SITE != "public":
        return False
    from peacekeeper.public.mission_database import mission_database_refusal

    refusal = mission_database_refusal(mission_url=os.environ.get("DATABASE_URL"))
    if refusal:
        print(f"error: {refusal}", file=sys.stderr)
    return bool(refusal)


def command_migrate(args: argparse.Namespace) -> int:
    _prepare_environment(demo=False)
    if _mission_database():
        return 2
    _migrate()
    return 0


def command_derive(args: argparse.Namespace) -> int:
    _prepare_environment(demo=False)
    if _mission_only("derive"):
        return 2
    if not _recover(rebuild=True):
        print("error: recomputing from the operations log failed (the log above says why)", file=sys.stderr)
        return 1
    print("Assessment figures and freedom-of-movement restrictions recomputed from the operations log.")
    return 0


def command_load_theatre(args: argparse.Namespace) -> int:
    _prepare_environment(demo=False)
    if _mission_only("load-theatre"):
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
    _prepare_environment(demo=False)
    if _mission_only("createuser"):
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
    _prepare_environment(demo=False)
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
    _prepare_environment(demo=False)
    if args.rest[:1] == ["migrate"] and _mission_database():
        return 2
    from django.core.management import execute_from_command_line

    execute_from_command_line(["peacekeeper manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="peacekeeper", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="set up the Kosovo demo (database, theatre, users) and serve it")
    demo.add_argument("--host", default=DEFAULT_HOST)
    demo.add_argument("--port", type=int, default=DEFAULT_PORT, help="the mission site's port")
    demo.add_argument("--public-port", type=int, default=DEFAULT_PUBLIC_PORT, help="the public site's port")
    demo.set_defaults(handler=command_demo)

    serve = commands.add_parser("serve", help="serve the web UI and API, or the public site")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument(
        "--site",
        choices=["mission", "public"],
        help="the mission's site (the default) or the public one, with its own database; "
        "default: PEACEKEEPER_SITE or mission",
    )
    serve.add_argument(
        "--port", type=int, help=f"default {DEFAULT_PORT}, the public site {DEFAULT_PUBLIC_PORT}"
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
        _prepare_environment(demo=False)
        if args.command in MISSION_ONLY_COMMANDS and _mission_only(args.command):
            return 2
    return args.handler(args)


if __name__ == "__main__":
    raise SystemExit(main())

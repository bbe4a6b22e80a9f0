"""The `peacekeeper release` subcommands (wired in peacekeeper/cli.py): keygen, export, import, and the
outbox and inbox of `watching.py`: watch, import-inbox.

Each refusal is one line on stderr, `error: release <command>: <reason>`, and exit status 2; so is an
error nobody foresaw (no traceback). The mission side's commands (export, watch) run only with
PEACEKEEPER_SITE=mission, the public side's (import, import-inbox) only with PEACEKEEPER_SITE=public: run on
the wrong side, each would read or write the other side's database.
"""

import argparse
import contextlib
import sys
from collections.abc import Callable
from pathlib import Path


def add_parsers(commands: argparse._SubParsersAction) -> None:
    release = commands.add_parser(
        "release",
        help="carry PUBLIC records to the public site in signed bundles "
        "(keygen, export, import; watch, import-inbox)",
    )
    actions = release.add_subparsers(dest="release_command", required=True)

    keygen = actions.add_parser("keygen", help="write a new Ed25519 key pair (never overwrites a file)")
    keygen.add_argument("--private", type=Path, required=True, help="the private key's file (mode 0600)")
    keygen.add_argument("--public", type=Path, required=True, help="the public key's file")
    keygen.set_defaults(handler=command_keygen)

    exporter = actions.add_parser(
        "export",
        help="mission side: write every PUBLIC record the public site shows as a bundle signed with "
        "PEACEKEEPER_RELEASE_SIGNING_KEY",
    )
    exporter.add_argument("--to", type=Path, required=True, help="the bundle file (replaced whole)")
    exporter.add_argument("--mission", help="the mission's code (default: the only mission organisation)")
    exporter.set_defaults(handler=command_export, needs_django=True)

    importer = actions.add_parser(
        "import",
        help="public side: verify a bundle against PEACEKEEPER_RELEASE_VERIFY_KEY and replace the public "
        "copy with it, or refuse it whole",
    )
    importer.add_argument("file", type=Path)
    importer.set_defaults(handler=command_import, needs_django=True)

    watch = actions.add_parser(
        "watch",
        help="mission side: write a new bundle into the outbox whenever the PUBLIC records change "
        "(every PEACEKEEPER_RELEASE_CHECK_SECONDS)",
    )
    watch.add_argument("--outbox", type=Path, required=True, help="the folder of bundle-<version>.json files")
    watch.add_argument("--mission", help="the mission's code (default: the only mission organisation)")
    watch.add_argument("--once", action="store_true", help="check once and stop")
    watch.set_defaults(handler=command_watch, needs_django=True)

    inbox = actions.add_parser(
        "import-inbox",
        help="public side: import, oldest first, the bundles in a folder newer than the last one imported "
        "(every PEACEKEEPER_RELEASE_CHECK_SECONDS)",
    )
    inbox.add_argument("folder", type=Path)
    inbox.add_argument("--once", action="store_true", help="check once and stop")
    inbox.set_defaults(handler=command_import_inbox, needs_django=True)


def _refused(command: str, reason: object) -> int:
    # One line, whatever the reason holds (a value read from a file, a database's message).
    line = "".join(character if character.isprintable() else " " for character in str(reason))
    print(f"error: release {command}: {' '.join(line.split())[:1000]}", file=sys.stderr)
    return 2


def _unforeseen(error: Exception, *, what: str) -> str:
    return f"{what}: {type(error).__name__}: {error}"


def _wrong_site(side: str) -> str | None:
    """Why this command may not run here, or None: it runs on one side only."""
    from django.conf import settings

    if side == settings.SITE:
        return None
    return (
        f"a {side} side command, and this is the {settings.SITE} side (PEACEKEEPER_SITE={settings.SITE}); "
        f"run it with PEACEKEEPER_SITE={side}, which names the {side} side's database"
    )


def command_keygen(args: argparse.Namespace) -> int:
    from peacekeeper.release.keys import KeyProblem, generate_key_pair

    try:
        identity = generate_key_pair(private_path=args.private, public_path=args.public)
    except (KeyProblem, OSError) as error:
        return _refused("keygen", error)
    print(f"Key {identity}: private key {args.private} (mode 0600), public key {args.public}.")
    return 0


def command_export(args: argparse.Namespace) -> int:
    from django.db import DatabaseError

    from peacekeeper.release.exporting import ExportRefused, export_bundle
    from peacekeeper.release.keys import KeyProblem
    from peacekeeper.release.watching import counted

    if wrong := _wrong_site("mission"):
        return _refused("export", wrong)
    try:
        record = export_bundle(path=args.to, mission=args.mission)
    except (ExportRefused, KeyProblem, OSError) as error:
        return _refused("export", error)
    except DatabaseError as error:
        return _refused("export", f"the database could not be read: {error}")
    except Exception as error:  # one line and exit status 2, never a traceback
        return _refused("export", _unforeseen(error, what="failed"))
    print(
        f"Release bundle version {record.version} ({record.source_mission}) written to {args.to}: "
        f"{counted(record.counts)}."
    )
    return 0


def command_import(args: argparse.Namespace) -> int:
    from peacekeeper.release.bundle import BundleRefused
    from peacekeeper.release.importing import import_bundle
    from peacekeeper.release.watching import counted

    if wrong := _wrong_site("public"):
        return _refused("import", wrong)
    try:
        record = import_bundle(path=args.file)
    except BundleRefused as error:
        return _refused("import", error)
    except Exception as error:  # one line and exit status 2, never a traceback
        return _refused("import", _unforeseen(error, what="malformed"))
    print(
        f"Imported release bundle version {record.version} from {record.source_mission}: "
        f"{counted(record.counts)}."
    )
    return 0


def _until_interrupted(check: Callable[[], object], *, name: str) -> int:
    import threading

    from django.conf import settings

    from peacekeeper.release.watching import run_every

    every = settings.RELEASE_CHECK_SECONDS
    print(f"Checking every {every} s (Ctrl+C stops it).")
    with contextlib.suppress(KeyboardInterrupt):
        run_every(every, check, threading.Event(), name=name)
    return 0


def command_watch(args: argparse.Namespace) -> int:
    from peacekeeper.release.exporting import ExportRefused
    from peacekeeper.release.keys import KeyProblem, signing_key
    from peacekeeper.release.watching import counted, last_written, write_if_changed

    def check() -> None:
        record = write_if_changed(folder=args.outbox, mission=args.mission)
        if record:
            print(
                f"Release bundle version {record.version} written to {record.path}: {counted(record.counts)}."
            )
        elif args.once:
            print(f"Unchanged since {last_written(args.outbox).path}: no bundle written.")

    if wrong := _wrong_site("mission"):
        return _refused("watch", wrong)
    try:
        signing_key()  # a key that cannot be read is said once here, not at every check
        if args.once:
            check()
            return 0
    except (ExportRefused, KeyProblem, OSError) as error:
        return _refused("watch", error)
    return _until_interrupted(check, name="release watch")


def command_import_inbox(args: argparse.Namespace) -> int:
    from peacekeeper.release.keys import KeyProblem, verify_key
    from peacekeeper.release.watching import Inbox

    if wrong := _wrong_site("public"):
        return _refused("import-inbox", wrong)
    try:
        verify_key()
    except KeyProblem as error:
        return _refused("import-inbox", error)
    if not args.folder.is_dir():
        return _refused("import-inbox", f"{args.folder} is not a folder")
    inbox = Inbox(
        args.folder,
        inform=print,
        warn=lambda message: print(f"error: release import-inbox: {message}", file=sys.stderr),
    )
    if not args.once:
        return _until_interrupted(inbox.check, name="release import-inbox")
    imported, refused = inbox.check()
    if not imported and not refused:
        print(f"Nothing newer to import in {args.folder}.")
    return 2 if refused else 0

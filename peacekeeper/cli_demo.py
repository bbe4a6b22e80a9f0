"""`peacekeeper demo`: the Kosovo scenario set up and served on both sides — the mission site with its
exercise history, posture and watch, and the public site as a child process fed by signed release bundles."""

import argparse
import contextlib
import os
import signal
from typing import TYPE_CHECKING

from peacekeeper import cli_setup
from peacekeeper.cli_theatre import load_theatre

if TYPE_CHECKING:
    from peacekeeper.release.demo import DemoRelease, PublicSite


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

    release = DemoRelease(cli_setup.local_secret_key_file().parent / "release")
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


def start_public_site(*, release: "DemoRelease", host: str, port: int) -> "PublicSite":
    from peacekeeper.release.demo import PublicSite, public_site_environment

    secret_key_file = cli_setup.public_secret_key_file()
    if not cli_setup.key_configured("PEACEKEEPER_PUBLIC_SECRET_KEY"):
        cli_setup.make_secret_key_file(secret_key_file)
    environment = public_site_environment(os.environ, release=release, secret_key_file=secret_key_file)
    return PublicSite(host=host, port=port, environment=environment)


def _exit_on_signal(number: int, frame: object) -> None:
    raise SystemExit(128 + number)


def command_demo(args: argparse.Namespace) -> int:
    release = _demo_release()
    cli_setup.prepare_environment(demo=True)
    if cli_setup.mission_only("demo"):
        return 2
    from peacekeeper.access.services import create_demo_users

    print("Preparing the database under ./var/ …")
    cli_setup.migrate(verbosity=0)
    load_theatre(scenario="kosovo", boundaries=None)
    users = create_demo_users()
    _demo_history()
    # Also brings a demo database made before the assessment and movement apps up to date.
    cli_setup.recover(rebuild=True)
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
    public = start_public_site(release=release, host=args.host, port=args.public_port)
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
            cli_setup.serve(host=args.host, port=args.port, workers=1)
    finally:
        public.stop()
    return 0

"""What the `peacekeeper` commands that start the product share: the environment and the secret key of
each site, the guards that keep a command on its own side, migrating, serving and the recovery every start
does. Used by cli.py (serve, migrate, …) and cli_demo.py (the demo)."""

import os
import secrets
import sys
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_PUBLIC_PORT = 8080
# Requests in flight when the server is told to stop get this long to finish.
GRACEFUL_SHUTDOWN_SECONDS = 20


def local_secret_key_file() -> Path:
    return Path(os.environ.get("PEACEKEEPER_HOME", Path.cwd())) / "var" / "secret_key"


def public_secret_key_file() -> Path:
    return local_secret_key_file().parent / "public_secret_key"


def make_secret_key_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        path.chmod(0o600)


def key_configured(variable: str) -> bool:
    return bool(os.environ.get(variable) or os.environ.get(f"{variable}_FILE"))


def use_local_secret_key(*, demo: bool) -> None:
    """Name the local key file to the settings when the environment names no key: the mission's
    var/secret_key (made by the demo), the public site's var/public_secret_key (made at its first start).
    The public site never uses the mission's, and its settings refuse a key equal to it."""
    public = (os.environ.get("PEACEKEEPER_SITE") or "").strip() == "public"
    variable = "PEACEKEEPER_PUBLIC_SECRET_KEY" if public else "PEACEKEEPER_SECRET_KEY"
    if key_configured(variable):
        return
    key_file = public_secret_key_file() if public else local_secret_key_file()
    if public or demo:
        make_secret_key_file(key_file)
    if key_file.exists():
        os.environ[f"{variable}_FILE"] = str(key_file)


def prepare_environment(*, demo: bool) -> None:
    """Point Django at our settings; a local install reuses the key the demo generated under ./var/, the
    public site its own (`use_local_secret_key`)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peacekeeper.settings")
    if demo:
        # The demo serves plain HTTP on the loopback interface, so HTTPS-only cookies would never be sent.
        os.environ.setdefault("PEACEKEEPER_HTTPS", "false")
    use_local_secret_key(demo=demo)
    Path(os.environ.get("PEACEKEEPER_HOME", Path.cwd()), "var").mkdir(exist_ok=True)

    import django

    django.setup()


# The mission's commands that write mission data: on the public site's database (PEACEKEEPER_SITE=public)
# they would put records there that are not PUBLIC. `import` and `generate` are the events and exercise
# apps' (their handlers are checked in `main`).
MISSION_ONLY_COMMANDS = ("demo", "load-theatre", "createuser", "derive", "import", "generate")


def mission_only(command: str) -> bool:
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


def migrate(verbosity: int = 1) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def collect_static() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def serve(*, host: str, port: int, workers: int, site: str = "mission") -> None:
    import uvicorn
    from django.conf import settings

    from peacekeeper.release.watching import start_inbox, start_outbox

    collect_static()
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


def recover(*, rebuild: bool = False) -> bool:
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


def mission_database() -> bool:
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

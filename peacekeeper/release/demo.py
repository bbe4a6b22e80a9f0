"""The demo's two sides on one machine, wired as a deployment would wire them (`peacekeeper demo`).

The mission site is the demo's own process: it signs with the demo's private key and keeps its outbox
filled (`watching.start_outbox`). The public site is a child process, `peacekeeper serve --site public`,
with an environment of its own (`public_site_environment`, from an allow-list): its own database and secret
key, the public key to verify with and the inbox to import from, and none of the mission's database, signing
key or secret key.
The outbox and the inbox are one folder here, `var/release/bundles/`; in a deployment its files are carried
across the boundary, and the public site could not reach the mission side if it tried.

Layout under `var/release/`: `keys/demo.key` (0600) and `keys/demo.pub`, made once; `bundles/`.
"""

import logging
import subprocess
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from peacekeeper.release.keys import KeyProblem, generate_key_pair

log = logging.getLogger(__name__)

# All the public site's process is given of the demo's environment: what Python needs to run, the home both
# sides share (var/), the public site's own settings and the serving ones both read. Nothing else, whatever
# it is called: not the mission's database (nor libpq's PG* variables, which would fill in a PostgreSQL URL),
# its secret key or signing key, its debug switch, its tile server or basemap, nor what may be added later.
PASSED_ON = frozenset(
    {
        "PATH",
        "HOME",
        "LANG",
        "LANGUAGE",
        "TZ",
        "TMPDIR",
        "PEACEKEEPER_HOME",
        "PEACEKEEPER_HTTPS",
        "PEACEKEEPER_ALLOWED_HOSTS",
        "PEACEKEEPER_THEATRE",  # the notices map draws the mission's theatre, as the mission does
        "PEACEKEEPER_LOG_LEVEL",
    }
)
PASSED_ON_PREFIXES = ("LC_", "PYTHON", "PEACEKEEPER_PUBLIC_")
# How long the public site is given to stop before it is killed (its server's own graceful shutdown is 20 s).
STOP_SECONDS = 25


@dataclass(frozen=True)
class DemoRelease:
    folder: Path

    @property
    def private_key(self) -> Path:
        return self.folder / "keys" / "demo.key"

    @property
    def public_key(self) -> Path:
        return self.folder / "keys" / "demo.pub"

    @property
    def bundles(self) -> Path:
        return self.folder / "bundles"

    def prepare(self) -> str | None:
        """Make the folders, and the key pair if there is none; the new key's id, or None if it existed.
        KeyProblem when only one of the pair is there (a half-deleted pair is not silently replaced)."""
        self.bundles.mkdir(parents=True, exist_ok=True)
        self.private_key.parent.mkdir(exist_ok=True)
        present = [path for path in (self.private_key, self.public_key) if path.exists()]
        if len(present) == 2:
            return None
        if present:
            raise KeyProblem(f"{present[0]} exists without its pair; remove it to have a new pair made")
        return generate_key_pair(private_path=self.private_key, public_path=self.public_key)

    def mission_environment(self) -> dict[str, str]:
        return {
            "PEACEKEEPER_RELEASE_SIGNING_KEY": str(self.private_key),
            "PEACEKEEPER_RELEASE_OUTBOX": str(self.bundles),
        }


def public_site_environment(
    environ: Mapping[str, str], *, release: DemoRelease, secret_key_file: Path
) -> dict[str, str]:
    """The public site's process environment: what the demo's own passes on (PASSED_ON), debugging off, and
    the public side's release settings. Its database is PEACEKEEPER_PUBLIC_DATABASE_URL (default
    var/public.sqlite3); its secret key the one PEACEKEEPER_PUBLIC_SECRET_KEY[_FILE] names, or else
    `secret_key_file`."""
    environment = {
        name: value
        for name, value in environ.items()
        if name in PASSED_ON or name.startswith(PASSED_ON_PREFIXES)
    }
    if not (
        environment.get("PEACEKEEPER_PUBLIC_SECRET_KEY")
        or environment.get("PEACEKEEPER_PUBLIC_SECRET_KEY_FILE")
    ):
        environment["PEACEKEEPER_PUBLIC_SECRET_KEY_FILE"] = str(secret_key_file)
    return environment | {
        "PEACEKEEPER_SITE": "public",
        "PEACEKEEPER_DEBUG": "false",
        "PEACEKEEPER_RELEASE_VERIFY_KEY": str(release.public_key),
        "PEACEKEEPER_RELEASE_INBOX": str(release.bundles),
    }


class PublicSite:
    """The public site's server as a child process, stopped with the demo (`stop`, from a `finally`).

    It runs in a process group of its own, so that the terminal's Ctrl+C reaches the demo alone and the
    demo stops it once, in order."""

    def __init__(self, *, host: str, port: int, environment: dict[str, str]) -> None:
        command = [sys.executable, "-m", "peacekeeper.cli", "serve", "--site", "public"]
        self._stopping = threading.Event()
        self.process = subprocess.Popen(
            [*command, "--host", host, "--port", str(port)], env=environment, process_group=0
        )
        threading.Thread(target=self._say_if_it_ends, name="public-site", daemon=True).start()

    def _say_if_it_ends(self) -> None:
        code = self.process.wait()
        if not self._stopping.is_set():
            log.error("The public site stopped on its own (exit status %s); the mission site goes on", code)

    def stop(self) -> None:
        self._stopping.set()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

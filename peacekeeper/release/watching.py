"""Bundles carried without anyone running a command: the mission side's outbox, the public side's inbox.

Mission side (`PEACEKEEPER_RELEASE_OUTBOX`): `write_if_changed` takes the fingerprint of what an export
would carry now (`exporting.payload_fingerprint`: the payload only, no version or time) and, only when it
differs from that of the last bundle written into the folder (`BundleExport.payload_sha256`, so a folder
whose files were carried away is not refilled with the same records), exports a new signed bundle there as
`bundle-<version>.json`, written whole under a temporary name and then renamed.

Public side (`PEACEKEEPER_RELEASE_INBOX`): `Inbox.check` imports, in version order (read from the file
names), the bundles newer than the last one imported; older and equal ones are skipped without a word. A
refused bundle is left where it is and logged once for as long as its reason stays the same; it is tried
again at each check (a file still being copied in is refused as malformed until it is whole), and once a
later bundle has been imported it is older and skipped.

While a site serves, its check runs in a thread every `PEACEKEEPER_RELEASE_CHECK_SECONDS` (`start_outbox`,
`start_inbox`, from cli.py's `_serve`); `peacekeeper release watch` and `import-inbox` run the same checks
from the command line.

In the demo both sides name one folder, `var/release/bundles/`. In a deployment the outbox's files are
carried across the boundary to the public side's inbox (a data diode, removable media, a one-way transfer):
the public side never reaches the mission side, and the signing key never leaves it.
"""

import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections
from django.db.models import Max

from peacekeeper.release.bundle import BundleRefused
from peacekeeper.release.exporting import collect_payload, export_bundle, payload_fingerprint, source_mission
from peacekeeper.release.importing import import_bundle
from peacekeeper.release.models import BundleExport, BundleImport

log = logging.getLogger(__name__)

BUNDLE_NAME = re.compile(r"bundle-(?P<version>[0-9]{1,19})\.json")


def bundle_name(version: int) -> str:
    return f"bundle-{version}.json"


def counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {name}" for name, count in counts.items())


def bundles_in(folder: Path) -> list[tuple[int, Path]]:
    """The folder's bundles by the version in their names, oldest first; other files are not bundles (a
    bundle being written has a temporary name starting with a dot)."""
    found = []
    for path in folder.iterdir():
        matched = BUNDLE_NAME.fullmatch(path.name)
        if matched and path.is_file():
            found.append((int(matched["version"]), path))
    return sorted(found)


def last_written(folder: Path) -> BundleExport | None:
    return BundleExport.objects.filter(path__startswith=f"{folder.resolve()}/bundle-").first()


def write_if_changed(*, folder: Path, mission: str | None = None) -> BundleExport | None:
    """Export a bundle into `folder` if what it would carry changed since the last bundle written there;
    None when it did not. Refuses as `export_bundle` does (ExportRefused, KeyProblem, OSError)."""
    folder = folder.resolve()
    code = source_mission(mission)
    last = last_written(folder)
    if last and last.source_mission == code and last.payload_sha256 == payload_fingerprint(collect_payload()):
        return None
    return export_bundle(path=lambda version: folder / bundle_name(version), mission=code)


class Inbox:
    """A folder of bundles to import. What it imports is said through `inform`, what it refuses through
    `warn` (the log's info and warning by default), each refusal once for as long as its reason stays."""

    def __init__(
        self,
        folder: Path,
        *,
        inform: Callable[[str], object] = log.info,
        warn: Callable[[str], object] = log.warning,
    ) -> None:
        self.folder = folder
        self.inform = inform
        self.warn = warn
        self._said: dict[str, str] = {}
        # Refused files by path: their size and modification time then, and the reason. One left unchanged is
        # not read and parsed again every period (up to the size limit each time); a changed one is.
        self._refused: dict[Path, tuple[tuple[int, int], str]] = {}

    def check(self) -> tuple[list[BundleImport], dict[Path, str]]:
        """Import the bundles newer than the last imported, oldest first; what was imported, and what was
        refused with its reason."""
        if not self.folder.is_dir():
            self._say_once(str(self.folder), f"release inbox {self.folder} is not a folder (yet)")
            return [], {}
        last = BundleImport.objects.aggregate(last=Max("version"))["last"] or 0
        imported: list[BundleImport] = []
        refused: dict[Path, str] = {}
        for version, path in bundles_in(self.folder):
            if version <= last:
                continue
            identity = _identity(path)
            earlier = self._refused.get(path)
            if earlier is not None and earlier[0] == identity:
                refused[path] = earlier[1]
                continue
            try:
                record = import_bundle(path=path)
            except Exception as error:
                # BundleRefused says why; anything else (a file gone between listing and reading, a database
                # error) must not stop the bundles after this one either.
                reason = f"{type(error).__name__}: {error}"
                if isinstance(error, BundleRefused):
                    reason = str(error)
                refused[path] = reason
                if identity is not None:
                    self._refused[path] = (identity, reason)
                self._say_once(str(path), f"release bundle {path} refused: {reason}")
                continue
            self._refused.pop(path, None)
            self._said.pop(str(path), None)
            last = max(last, record.version)
            imported.append(record)
            self.inform(f"Imported release bundle {path}: {counted(record.counts)}.")
        return imported, refused

    def _say_once(self, subject: str, message: str) -> None:
        if self._said.get(subject) != message:
            self._said[subject] = message
            self.warn(message)


def _identity(path: Path) -> tuple[int, int] | None:
    """A file's size and modification time, which change when it is written again; None if it is gone."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def run_every(seconds: float, check: Callable[[], object], stop: threading.Event, *, name: str) -> None:
    """Run `check` now, then every `seconds` until `stop` is set. A failure is logged once for as long as
    it repeats unchanged (a missing key is said once, not every few seconds), and the next check runs."""
    said = None
    while True:
        try:
            check()
            said = None
        except Exception as error:
            message = f"{type(error).__name__}: {error}"
            if message != said:
                said = message
                log.error("%s: %s; trying again every %s s", name, message, seconds)
        finally:
            close_old_connections()
        if stop.wait(seconds):
            return


def _start(check: Callable[[], object], *, name: str) -> threading.Event:
    stop = threading.Event()
    threading.Thread(
        target=run_every,
        args=(settings.RELEASE_CHECK_SECONDS, check, stop),
        kwargs={"name": name},
        name=name,
        daemon=True,
    ).start()
    return stop


def start_outbox() -> threading.Event | None:
    """When PEACEKEEPER_RELEASE_OUTBOX is set, keep a bundle of the current PUBLIC records in it (a thread
    of the mission side's serving process); set the returned event to stop it."""
    if not settings.RELEASE_OUTBOX:
        return None
    folder = Path(settings.RELEASE_OUTBOX)

    def check() -> None:
        record = write_if_changed(folder=folder)
        if record:
            log.info(
                "Release bundle version %s written to %s: %s",
                record.version,
                record.path,
                counted(record.counts),
            )

    return _start(check, name="release-outbox")


def start_inbox() -> threading.Event | None:
    """When PEACEKEEPER_RELEASE_INBOX is set, import the bundles that arrive in it (a thread of the public
    side's serving process); set the returned event to stop it."""
    if not settings.RELEASE_INBOX:
        return None
    return _start(Inbox(Path(settings.RELEASE_INBOX)).check, name="release-inbox")

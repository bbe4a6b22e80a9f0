"""`peacekeeper release import` (public side): a bundle verified, checked whole, then the public copy of
every kind replaced by it, in one transaction.

Refused whole, before anything is written, with a one-line reason: a bundle that is unsigned, whose
signature does not verify against `PEACEKEEPER_RELEASE_VERIFY_KEY`, altered, malformed, of an unknown
format version, not newer than the last one imported (a replay), holding any record not marked PUBLIC
(every record's own marking is read), or holding a record with a field of the wrong type (named, with the
record). Accepted, it replaces each kind: a record the bundle no longer holds is gone from the public side.
"""

import errno
import hashlib
import os
import stat
from pathlib import Path

from django.db import DatabaseError, connection, transaction
from django.db.models import Max

from peacekeeper.release.bundle import MAX_BUNDLE_BYTES, Bundle, BundleRefused, read_bundle
from peacekeeper.release.keys import KeyProblem, verify_key
from peacekeeper.release.models import PUBLIC, BundleImport
from peacekeeper.release.records import KINDS, BadValue, checked, marking_problem, moment, record_name, text


def _read(path: Path) -> bytes:
    """The file's bytes, read only when it is a regular file (not a link, a FIFO or a device, which could
    block the reader for good) of at most MAX_BUNDLE_BYTES, and never more than that."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise BundleRefused(f"{path}: a symbolic link, not the bundle file itself") from None
        raise BundleRefused(f"{path}: cannot be read: {error.strerror}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise BundleRefused(f"{path}: not a regular file")
        if status.st_size > MAX_BUNDLE_BYTES:
            raise BundleRefused(
                f"malformed: {status.st_size} bytes, more than a bundle may be ({MAX_BUNDLE_BYTES})"
            )
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            content = file.read(MAX_BUNDLE_BYTES + 1)
    except OSError as error:
        raise BundleRefused(f"{path}: cannot be read: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if len(content) > MAX_BUNDLE_BYTES:  # grown since fstat
        raise BundleRefused(f"malformed: more than {MAX_BUNDLE_BYTES} bytes, more than a bundle may be")
    return content


def _check_markings(bundle: Bundle) -> None:
    for kind in KINDS:
        for index, record in enumerate(bundle.payload[kind.name]):
            problem = marking_problem(kind, index, record)
            if problem:
                raise BundleRefused(f"not PUBLIC: {problem}")


def _checked_rows(bundle: Bundle) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for kind in KINDS:
        seen: dict[tuple, int] = {}
        rows[kind.name] = []
        for index, record in enumerate(bundle.payload[kind.name]):
            try:
                values = checked(kind, index, record)
            except BadValue as error:
                raise BundleRefused(f"bad record: {error}") from None
            identity = tuple(str(values[field]) for field in kind.key)
            if identity in seen:
                raise BundleRefused(
                    f"bad record: {record_name(kind, index, record)} repeats {kind.name}[{seen[identity]}]"
                )
            seen[identity] = index
            rows[kind.name].append(values)
    return rows


_MANIFEST_CHECKS = {
    "created_at": moment(),
    "created": text(),
    "source_mission": text(max_length=16, blank=False),
}


def _checked_manifest(manifest: dict) -> dict:
    values = {}
    for field, check in _MANIFEST_CHECKS.items():
        try:
            values[field] = check(manifest[field])
        except BadValue as error:
            raise BundleRefused(f"malformed: manifest field {field}: {error}") from None
    return values


def _one_import_at_a_time() -> None:
    """Two imports at once take turns, so the later version's check sees the earlier one committed (SQLite's
    IMMEDIATE transactions already take turns; PostgreSQL's READ COMMITTED would let both check first)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {BundleImport._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")


def _refuse_replay(version: int) -> None:
    last = BundleImport.objects.aggregate(last=Max("version"))["last"]
    if last is not None and version <= last:
        said = "already imported" if version == last else f"older than version {last}, the last imported"
        raise BundleRefused(f"replay: bundle version {version} is {said}")


def import_bundle(*, path: Path) -> BundleImport:
    """Import the bundle at `path`; BundleRefused (nothing changed) when it may not be imported."""
    try:
        key = verify_key()
    except KeyProblem as error:
        raise BundleRefused(str(error)) from None
    content = _read(path)
    bundle = read_bundle(content, key=key)
    manifest = _checked_manifest(bundle.manifest)
    version = bundle.manifest["version"]
    _check_markings(bundle)
    rows = _checked_rows(bundle)
    try:
        with transaction.atomic():
            _one_import_at_a_time()
            _refuse_replay(version)
            for kind in KINDS:
                kind.model.objects.all().delete()
                kind.model.objects.bulk_create(
                    [kind.model(**values) for values in rows[kind.name]], batch_size=1000
                )
            return BundleImport.objects.create(
                version=version,
                source_mission=manifest["source_mission"],
                created_at=manifest["created_at"],
                counts=bundle.manifest["counts"],
                manifest=bundle.manifest,
                sha256=hashlib.sha256(content).hexdigest(),
                marking=PUBLIC,
            )
    except (DatabaseError, OverflowError) as error:
        # A value the checks let through and the database refused (or a concurrent import of the same
        # version): the transaction is rolled back, so nothing of the bundle is stored.
        raise BundleRefused(f"the database refused the bundle: {' '.join(str(error).split())}") from None

"""`peacekeeper release export` (mission side): every PUBLIC record the public site shows, signed.

Labelled records are read through `access.policy.public_only` and nothing else: freedom-of-movement
restrictions (as public safety notices), sites, and published event reports; a record classified PUBLIC
whose marking is not exactly "PUBLIC" (a privacy mark) is left out and logged, since the public side
refuses it. What a record names is shown as a reader of PUBLIC records alone sees it on the mission side:
- a bridge a PUBLIC restriction names, by name and position, only when the bridge itself is PUBLIC;
- a report's place by its name only when it is no site's place or the site is PUBLIC (as
  `events.presenting.place_of` hides a site's place from a reader who may not see the site); otherwise by
  the report's own location text;
- a restriction derived from a report only while the report is PUBLIC and counted (validated or
  published): it carries the report's location text. The PUBLIC label is the release decision, so a
  VALIDATED report released as PUBLIC gives its notice, as it shows on the mission's map to every reader;
  the `reports` kind, which a press release may cite, holds only PUBLISHED ones.

No bundle runs ahead of the derivations: while `events.DerivationDue` rows are owed (a report changed and
the restrictions derived from it are not brought up to date yet), the export is refused and the outbox tries
again at its next check. The whole payload is read in one transaction (REPEATABLE READ and read-only on
PostgreSQL), so every record is seen in the same state.

The placemats' troop figures (`forces.Contribution`, `ForceStrength`) carry no label: they are public
figures copied from public sources (NATO's KFOR placemats, each row's `source`) by the scenario loader
(`forces/registry_loading.py`), shown to every mission reader (`forces/placemats.py`), and no one edits
them in the admin (read-only there). The bundle carries the rows that name their source, under
`placemat_content.PUBLIC_MARKING`; a row without one was not loaded from the sourced files and stays home.

Records are named on the public side by opaque ids: a report by its `uid`, a restriction or a site by a
keyed digest of its primary key (`source_id`, keyed by the signing key), so the gaps between public ids
tell nothing of the hidden records made in between. The same key gives the same ids; a new signing key
gives new ones (the public side's copies are replaced whole by each bundle anyway).

Versions: each bundle's version is the larger of the last exported version + 1 and the time in
milliseconds. Stored (`BundleExport`), it rises even when the clock steps back; taken from the clock, it
also rises past the versions a restored (older) database has forgotten, which the public side has seen.
"""

import contextlib
import hashlib
import hmac
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.db import connection, transaction
from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone

from peacekeeper.access.models import Organisation
from peacekeeper.access.policy import public_only
from peacekeeper.events.models import COUNTED_STATUSES, DerivationDue, EventReport, Status
from peacekeeper.forces.models import Contribution, ForceStrength
from peacekeeper.forces.placemat_content import PUBLIC_MARKING
from peacekeeper.movement.models import Restriction
from peacekeeper.release.bundle import FORMAT_VERSION, canonical, digest, write_bundle
from peacekeeper.release.keys import signing_key
from peacekeeper.release.models import PUBLIC, BundleExport
from peacekeeper.release.records import KINDS
from peacekeeper.theatre.dtg import format_dtg
from peacekeeper.theatre.layers import sites_at_own_places
from peacekeeper.theatre.models import Site
from peacekeeper.theatre.names import at_place

log = logging.getLogger(__name__)


class ExportRefused(ValueError):
    """The bundle cannot be made; the message says why."""


class SourceIds:
    """Opaque, stable names of mission records: HMAC-SHA256 of the kind and primary key, keyed by a key
    derived from the signing key (never the signing key itself)."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        raw = key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        self._key = hmac.digest(raw, b"peacekeeper release source ids", "sha256")

    def __call__(self, kind: str, pk: int) -> str:
        return f"{kind}-{hmac.digest(self._key, f'{kind}:{pk}'.encode(), 'sha256').hex()[:32]}"


def _released(queryset: QuerySet) -> QuerySet:
    """The PUBLIC records of a labelled model, less those whose marking carries more than "PUBLIC" (left
    out and logged: the public side would refuse the whole bundle)."""
    public = public_only(queryset)
    marked = public.exclude(label__marking=PUBLIC).count()
    if marked:
        log.warning(
            "%s %s classified PUBLIC but marked other than %r are left out of the release bundle",
            marked,
            queryset.model._meta.verbose_name_plural,
            PUBLIC,
        )
    return public.filter(label__marking=PUBLIC)


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _position(lat: float | None, lon: float | None) -> list[float] | None:
    return None if lat is None or lon is None else [round(lon, 6), round(lat, 6)]


def _notice_geometry(restriction: Restriction, bridges: list[Site]) -> dict | None:
    """The segments' lines; else the point recorded; else the crossings' and bridges' points; else none."""
    lines = [[position[:2] for position in s.geometry["coordinates"]] for s in restriction.segments.all()]
    if lines:
        return {"type": "MultiLineString", "coordinates": lines}
    point = _position(restriction.lat, restriction.lon)
    if point:
        return {"type": "Point", "coordinates": point}
    places = [crossing.place for crossing in restriction.crossings.all()] + [
        bridge.place for bridge in bridges
    ]
    points = [p for p in (_position(place.lat, place.lon) for place in places) if p]
    return {"type": "MultiPoint", "coordinates": points} if points else None


def _public_reports() -> QuerySet:
    return _released(EventReport.objects.all())


def notices(ids: SourceIds) -> list[dict]:
    counted_reports = _public_reports().filter(status__in=COUNTED_STATUSES).values("pk")
    restrictions = (
        _released(Restriction.objects.all())
        .filter(Q(report__isnull=True) | Q(report__in=counted_reports))
        .select_related("label")
        .prefetch_related(
            "segments__start",
            "segments__end",
            "crossings__place",
            Prefetch("bridges", queryset=_released(Site.objects.all()).select_related("place")),
        )
        .order_by("started_at", "id")
    )
    records = []
    for restriction in restrictions:
        segments = list(restriction.segments.all())
        bridges = list(restriction.bridges.all())
        roads = sorted({code for s in segments for code in (s.designations or [s.road_code])})
        records.append(
            {
                "source_id": ids("restriction", restriction.pk),
                "kind": restriction.status,
                "cause": restriction.cause,
                "location_name": restriction.location_name,
                "place": at_place(restriction.location_name),
                "roads": roads,
                "segments": [f"{s.road_code} {s.start.name}–{s.end.name}" for s in segments],
                "crossings": [crossing.name_en for crossing in restriction.crossings.all()],
                "bridges": [bridge.name for bridge in bridges],
                "started_at": _moment(restriction.started_at),
                "expires_at": _moment(restriction.expires_at),
                "lifted_at": _moment(restriction.lifted_at),
                "ends_at": _moment(restriction.ends_at),
                "geometry": _notice_geometry(restriction, bridges),
                "exercise": restriction.exercise,
                "marking": restriction.label.marking,
            }
        )
    return records


def _from_sourced_files(queryset: QuerySet) -> QuerySet:
    return queryset.exclude(source="")


def contributions(ids: SourceIds) -> list[dict]:
    rows = _from_sourced_files(Contribution.objects.select_related("nation"))
    rows = rows.order_by("as_of", "nation__code")
    return [
        {
            "nation_code": row.nation.code,
            "nation_name": row.nation.name,
            "as_of": row.as_of.isoformat(),
            "as_of_text": row.as_of_text,
            "troops": row.troops,
            "name_inferred": row.name_inferred,
            "note": row.note,
            "source": row.source,
            "approximate": row.approximate,
            "approximation_note": row.approximation_note,
            "marking": PUBLIC_MARKING,
        }
        for row in rows
    ]


def strengths(ids: SourceIds) -> list[dict]:
    return [
        {
            "as_of": row.as_of.isoformat(),
            "as_of_text": row.as_of_text,
            "troops": row.troops,
            "nations": row.nations,
            "note": row.note,
            "source": row.source,
            "approximate": row.approximate,
            "approximation_note": row.approximation_note,
            "marking": PUBLIC_MARKING,
        }
        for row in _from_sourced_files(ForceStrength.objects.all()).order_by("as_of")
    ]


def sites(ids: SourceIds) -> list[dict]:
    return [
        {
            "source_id": ids("site", site.pk),
            "name": site.name,
            "kind": site.kind,
            "function": site.function,
            "lat": site.place.lat,
            "lon": site.place.lon,
            "source": site.source,
            "approximate": site.approximate,
            "approximation_note": site.approximation_note,
            "marking": site.label.marking,
        }
        for site in _released(Site.objects.all()).select_related("place", "label").order_by("id")
    ]


def hidden_site_places() -> set[int]:
    """The places of the sites not released as PUBLIC: to a reader of PUBLIC records alone they do not exist
    (`theatre.layers.hidden_site_places`, for that reader)."""
    public_sites = public_only(Site.objects.all()).values("pk")
    return set(sites_at_own_places().exclude(pk__in=public_sites).values_list("place_id", flat=True))


def reports(ids: SourceIds) -> list[dict]:
    hidden = hidden_site_places()
    published = _public_reports().filter(status=Status.PUBLISHED)
    return [
        {
            "uid": str(report.uid),
            "occurred_at": report.occurred_at.isoformat(),
            "category": report.category,
            "category_label": report.get_category_display(),
            "place": at_place(
                report.place.name
                if report.place_id is not None and report.place_id not in hidden
                else report.location_name
            ),
            "area": report.area.name_en if report.area else "",
            "lat": report.lat,
            "lon": report.lon,
            "summary": report.narrative,
            "published_at": _moment(report.published_at or report.validated_at or report.updated_at),
            "exercise": report.exercise,
            "marking": report.label.marking,
        }
        for report in published.select_related("place", "area", "label").order_by("occurred_at", "id")
    ]


COLLECTORS = {
    "notices": notices,
    "contributions": contributions,
    "strengths": strengths,
    "sites": sites,
    "reports": reports,
}


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the database for the whole payload: a transaction, REPEATABLE READ and READ
    ONLY on PostgreSQL when it is the outermost one (SQLite's IMMEDIATE transaction already is one)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _refuse_while_derivations_owed() -> None:
    owed = DerivationDue.objects.count()
    if owed:
        raise ExportRefused(
            f"derived records are not up to date: {owed} change(s) to reports are still to be derived "
            "(events.DerivationDue); the export waits until they are delivered"
        )


def collect_payload(key: Ed25519PrivateKey | None = None) -> dict[str, list]:
    """Every record the bundle carries, read in one snapshot; ExportRefused while derivations are owed (or
    keys.KeyProblem when no key is given and the signing key cannot be read)."""
    ids = SourceIds(key or signing_key())
    with _snapshot():
        _refuse_while_derivations_owed()
        payload = {kind.name: COLLECTORS[kind.name](ids) for kind in KINDS}
    for name, records in payload.items():
        for index, record in enumerate(records):
            # A backstop: the queries leave out every record the public side would refuse.
            if record["marking"] != PUBLIC:
                raise ExportRefused(
                    f"{name}[{index}] is marked {record['marking']!r}, which the public side refuses"
                )
    return payload


def payload_fingerprint(payload: dict[str, list]) -> str:
    """What a bundle carries, as one digest: equal for two bundles of the same records whatever their
    versions and times (an outbox writes a bundle only when it changes, `watching.py`)."""
    return hashlib.sha256(canonical(payload)).hexdigest()


def source_mission(code: str | None) -> str:
    """The mission the bundle comes from: the one named, or the only mission organisation there is."""
    missions = Organisation.objects.filter(kind=Organisation.Kind.MISSION)
    if code:
        if not missions.filter(code=code).exists():
            raise ExportRefused(f"--mission {code}: no mission organisation has this code")
        return code
    codes = list(missions.order_by("code").values_list("code", flat=True))
    if len(codes) != 1:
        listed = ", ".join(codes) or "none"
        raise ExportRefused(f"name the mission with --mission (mission organisations: {listed})")
    return codes[0]


def next_version(now: datetime) -> int:
    last = BundleExport.objects.aggregate(last=Max("version"))["last"] or 0
    return max(last + 1, int(now.timestamp() * 1000))


def _replace_file(path: Path, content: bytes) -> None:
    """Write the whole file or leave the old one: a reader never finds half a bundle."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export_bundle(*, path: Path | Callable[[int], Path], mission: str | None = None) -> BundleExport:
    """Write the signed bundle of every PUBLIC record to `path` (or to the path it gives for the bundle's
    version, as an outbox names its files) and record it; ExportRefused (or keys.KeyProblem) when it cannot
    be made, writing nothing."""
    key = signing_key()
    payload = collect_payload(key)
    with transaction.atomic():
        code = source_mission(mission)
        now = timezone.now()
        version = next_version(now)
        counts = {name: len(records) for name, records in payload.items()}
        manifest = {
            "format_version": FORMAT_VERSION,
            "version": version,
            "created": format_dtg(now),
            "created_at": now.isoformat(),
            "source_mission": code,
            "counts": counts,
            "sha256": {name: digest(records) for name, records in payload.items()},
        }
        content = write_bundle(manifest=manifest, payload=payload, key=key)
        if callable(path):
            path = path(version)
        record = BundleExport.objects.create(
            version=version,
            created_at=now,
            source_mission=code,
            counts=counts,
            sha256=hashlib.sha256(content).hexdigest(),
            payload_sha256=payload_fingerprint(payload),
            path=str(path),
        )
        _replace_file(path, content)
    return record

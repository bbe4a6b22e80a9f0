"""Reports matched against the CCIRs: a match is a SIGEVENT, and raises one alert per (report, CCIR).

`on_reports_changed` receives `events.signals.reports_changed`, which the log sends after the commit of
every way a report comes in or changes: entry (`recording.create_report`), correction, the workflow
(validation, publication, rejection) and bulk ingest (the API's bulk call, `peacekeeper import`, the
generator). Delivery is at least once (the outbox), so matching is idempotent: an alert is unique per
(report, CCIR) and inserted with ignore-conflicts, so a report matched twice raises one alert per CCIR.

An alert carries its report's label and follows it when the report is relabelled. A rejected report
raises nothing; alerts already raised stay (the record of what the floor was told).

"None" (a bulk load too large to list) matches every report not rejected: each rule's SQL prefilter
(`_prefilter`) leaves the few candidates, and `rules.matches` decides; and every alert whose label differs
from its report's takes the report's, in one UPDATE (the load may have relabelled any report). Until the
matcher has run, readers are kept right by `alerts.visible_alerts`, which asks the report's label too.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from pydantic import ValidationError

from peacekeeper.events.models import EventReport, Status
from peacekeeper.theatre.models import Area, CrossingPoint
from peacekeeper.theatre.regions import theatre_regions
from peacekeeper.watch.models import Alert, Ccir
from peacekeeper.watch.rules import REPORT_FIELDS, CcirRule, Theatre, matches
from peacekeeper.watch.signals import announce_alerts_changed

logger = logging.getLogger(__name__)

_CHUNK = 2000


def theatre() -> Theatre:
    """The configured theatre's regions, municipalities and crossing points, as rules read them."""
    regions = theatre_regions()
    named = {"north": regions.north.municipalities}
    named.update({code: region.municipalities for code, region in regions.regional_commands.items()})
    crossings = tuple(
        (place_id, lat, lon)
        for place_id, lat, lon in CrossingPoint.objects.values_list("place_id", "place__lat", "place__lon")
        if lat is not None and lon is not None
    )
    codes = frozenset(Area.objects.filter(level=Area.Level.MUNICIPALITY).values_list("code", flat=True))
    return Theatre(regions=named, area_codes=codes, crossings=crossings)


def on_reports_changed(sender: object, report_ids: list[int] | None = None, **kwargs: object) -> None:
    match_reports(report_ids)


def active_rules() -> list[tuple[Ccir, CcirRule]]:
    rules = []
    for ccir in Ccir.objects.filter(active=True):
        try:
            rules.append((ccir, CcirRule.model_validate(_as_stored(ccir.rule))))
        except ValidationError:
            # Rules are checked before they are stored; one that is not (changed by hand in the
            # database) is skipped, loudly, rather than stop every other CCIR.
            logger.error("CCIR %s has a rule that does not parse; it matches nothing", ccir.pk)
    return rules


def _as_stored(rule: dict) -> dict:
    return {key: tuple(value) if isinstance(value, list) else value for key, value in rule.items()}


def match_reports(report_ids: Iterable[int] | None) -> int:
    """Raise the alerts these reports owe (None: every report); returns how many were raised."""
    ids = None if report_ids is None else sorted(set(report_ids))
    if ids is not None and not ids:
        return 0
    raised = 0
    _follow_labels(ids)
    rules = active_rules()
    if not rules:
        return 0
    place = theatre()
    now = timezone.now()
    recent = now - timedelta(hours=settings.ALERT_RECENT_HOURS)
    base = EventReport.objects.exclude(status=Status.REJECTED)
    for ccir, rule in rules:
        candidates = base.filter(_prefilter(rule, place))
        if ids is not None:
            chunks = [candidates.filter(id__in=ids[i : i + _CHUNK]) for i in range(0, len(ids), _CHUNK)]
        else:
            chunks = [candidates]
        for chunk in chunks:
            rows = chunk.annotate(area_code=F("area__code")).values(*REPORT_FIELDS, "area_code")
            hits = [row for row in rows.iterator(chunk_size=_CHUNK) if matches(rule, row, theatre=place)]
            raised += _raise(ccir, hits, now=now, recent=recent)
    return raised


def _raise(ccir: Ccir, hits: list[dict], *, now, recent) -> int:
    if not hits:
        return 0
    known = set(
        Alert.objects.filter(ccir=ccir, report_id__in=[row["id"] for row in hits]).values_list(
            "report_id", flat=True
        )
    )
    new = [
        Alert(
            report_id=row["id"],
            ccir=ccir,
            label_id=row["label_id"],
            raised_at=now,
            announced=row["occurred_at"] >= recent,
        )
        for row in hits
        if row["id"] not in known
    ]
    if not new:
        return 0
    with transaction.atomic():
        Alert.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
        announce_alerts_changed()
    return len(new)


def _follow_labels(ids: list[int] | None) -> None:
    """Alerts of relabelled reports take their report's new label: one UPDATE per chunk of these reports,
    or one for every alert (None: a bulk load too large to list may have relabelled any report)."""
    chunks = [None] if ids is None else [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
    changed = 0
    for chunk in chunks:
        stale = Alert.objects.exclude(label_id=F("report__label_id"))
        if chunk is not None:
            stale = stale.filter(report_id__in=chunk)
        changed += stale.update(
            label_id=Subquery(EventReport.objects.filter(pk=OuterRef("report_id")).values("label_id")[:1])
        )
    if changed:
        announce_alerts_changed()


def _prefilter(rule: CcirRule, place: Theatre) -> Q:
    """The conditions the database can answer (or narrow) itself; `matches` decides the rest."""
    q = Q()
    if rule.categories is not None:
        names = Q()
        for code in rule.categories:
            names |= Q(category__startswith=code[:-1]) if code.endswith(".*") else Q(category=code)
        q &= names
    if rule.min_severity is not None:
        q &= Q(severity__gte=rule.min_severity)
    if rule.min_fatalities is not None:
        q &= (
            Q(killed_civilians__gt=0) | Q(killed_police__gt=0) | Q(killed_force__gt=0) | Q(killed_other__gt=0)
        )
    if rule.min_injured is not None:
        q &= (
            Q(injured_civilians__gt=0)
            | Q(injured_police__gt=0)
            | Q(injured_force__gt=0)
            | Q(injured_other__gt=0)
        )
    if rule.region is not None:
        q &= Q(area__code__in=sorted(place.regions.get(rule.region, ())))
    if rule.areas is not None:
        q &= Q(area__code__in=list(rule.areas))
    if rule.actor is not None:
        fields = {
            "initiator": ("actor1", "assoc_actor_1"),
            "target": ("actor2", "assoc_actor_2"),
            "any": ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"),
        }[rule.actor_side]
        named = Q()
        for field in fields:
            named |= Q(**{f"{field}__icontains": rule.actor.strip()})
        q &= named
    if rule.min_crowd is not None:
        q &= ~Q(salute_size="")
    return q

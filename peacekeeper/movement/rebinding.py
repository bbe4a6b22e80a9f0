"""Restrictions follow the road network when it is replaced (a scenario reload, an OpenStreetMap extract).

A restriction derived from a report is derived again where its report lies (`derive.sync_reports`). A
restriction recorded by hand names segments: those that outlive the change keep it; for one that is gone,
the new segments along the old one's line (at least MIN_SHARE of their length within MATCH_KM of it) are
named instead. An old segment that no new one follows is reported, with the restriction's id and cause.
Everything happens in the caller's change's transaction: the network and its restrictions change together.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import shapely
from django.db import transaction
from shapely.geometry import shape

from peacekeeper.movement.derive import sync_reports
from peacekeeper.movement.models import Restriction
from peacekeeper.movement.network import invalidate
from peacekeeper.theatre.distances import to_km
from peacekeeper.theatre.models import RoadSegment

MATCH_KM = 0.5
MIN_SHARE = 0.5
T = TypeVar("T")


@dataclass
class Rebinding:
    kept: int = 0  # links to segments that outlived the change
    moved: int = 0  # links to a gone segment, now to the new segments along it
    unmatched: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"  hand-recorded restrictions: {self.kept} links kept, {self.moved} moved to the new roads"]
        lines += [f"  not matched: {what}" for what in self.unmatched]
        lines.append("  restrictions from reports: derived again on the new network")
        return "\n".join(lines)


def replace_network(
    change: Callable[[], T], *, changed: Callable[[T], bool] = lambda _: True
) -> tuple[T, Rebinding | None]:
    """Run `change` (which may replace road segments) and, if `changed` says it did, bring every
    restriction onto the new network (None when nothing changed)."""
    through = Restriction.segments.through
    with transaction.atomic():
        links = list(
            through.objects.filter(restriction__origin=Restriction.Origin.HAND).values_list(
                "restriction_id", "roadsegment_id"
            )
        )
        old = {
            row.pk: row
            for row in RoadSegment.objects.filter(pk__in={pk for _, pk in links}).select_related(
                "start", "end"
            )
        }
        result = change()
        invalidate()
        if not changed(result):
            return result, None
        rebinding = _rebind(links, old)
        sync_reports(None)
    invalidate()
    return result, rebinding


def _rebind(links: list[tuple[int, int]], old: dict[int, RoadSegment]) -> Rebinding:
    rebinding = Rebinding()
    surviving = set(RoadSegment.objects.filter(pk__in=old).values_list("pk", flat=True))
    gone = {pk for _, pk in links if pk not in surviving}
    if not gone:
        rebinding.kept = len(links)
        return rebinding
    new = list(RoadSegment.objects.only("pk", "geometry"))
    lines = to_km([shape(row.geometry) for row in new]) if new else []
    tree = shapely.STRtree(lines)
    followers: dict[int, list[int]] = {}
    for pk in gone:
        line = to_km(shape(old[pk].geometry))
        corridor = line.buffer(MATCH_KM)
        followers[pk] = [
            new[hit].pk
            for hit in tree.query(corridor, predicate="intersects").tolist()
            if lines[hit].length > 0
            and lines[hit].intersection(corridor).length >= MIN_SHARE * lines[hit].length
        ]
    causes = dict(Restriction.objects.filter(pk__in={rid for rid, _ in links}).values_list("pk", "cause"))
    through = Restriction.segments.through
    added = []
    for restriction_id, pk in links:
        if pk not in gone:
            rebinding.kept += 1
        elif followers[pk]:
            rebinding.moved += 1
            added += [(restriction_id, follower) for follower in followers[pk]]
        else:
            segment = old[pk]
            rebinding.unmatched.append(
                f"restriction {restriction_id} ({causes[restriction_id]}): {segment.road_code} "
                f"{segment.start.name} – {segment.end.name} matches no road of the new network"
            )
    present = set(
        through.objects.filter(restriction_id__in={r for r, _ in added}).values_list(
            "restriction_id", "roadsegment_id"
        )
    )
    through.objects.bulk_create(
        [
            through(restriction_id=r, roadsegment_id=s)
            for r, s in dict.fromkeys(added)
            if (r, s) not in present
        ]
    )
    return rebinding

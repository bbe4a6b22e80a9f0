"""The network as one reader sees it at one moment: each segment, crossing and bridge open, restricted
or closed, from the restrictions that reader may see (the access policy) in force at that moment.

The worst status in force wins. A segment's effective status also takes the crossings and bridges that
lie on it (`via`): a closed Ibar bridge closes the road across it.

Bridges are Sites, releasable on their own. For a reader who may not see a bridge, the bridge does not
exist: it is not a point of their network, restrictions on it do not close the segments it lies on, and a
segment's history leaves out what reached it only through that bridge (it would place the bridge on the
segment). A restriction whose only elements are bridges the reader may not see is absent for them
altogether (no "stopped on the network" row with its elements blanked out): it is about a place they may
not see. Recording refuses, on `marking`, a restriction released wider than a bridge it names, so this
only happens for bridges labelled narrower after the restriction was recorded, or for restrictions derived
from a report released wider than a bridge near it.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from peacekeeper.access import policy
from peacekeeper.movement.models import Movement, Restriction
from peacekeeper.movement.network import Network, current_network
from peacekeeper.theatre.models import RoadSegment, Site

RANK = {Movement.OPEN: 0, Movement.RESTRICTED: 1, Movement.CLOSED: 2}


def visible_bridges(user: User | AnonymousUser) -> QuerySet[Site]:
    return policy.visible(Site.objects.filter(kind=Site.Kind.BRIDGE), user)


def visible_restrictions(user: User | AnonymousUser) -> QuerySet[Restriction]:
    """The restrictions the reader may see, less those whose only elements are bridges hidden from them."""
    links = {name: getattr(Restriction, name).through.objects for name in ("segments", "crossings")}
    links["bridges"] = Restriction.bridges.through.objects
    mine = OuterRef("pk")
    shown_bridges = visible_bridges(user).values("pk")
    about_hidden_bridges_only = (
        Exists(links["bridges"].filter(restriction=mine))
        & ~Exists(links["segments"].filter(restriction=mine))
        & ~Exists(links["crossings"].filter(restriction=mine))
        & ~Exists(links["bridges"].filter(restriction=mine, site__in=shown_bridges))
    )
    return policy.visible(Restriction.objects.all(), user).exclude(about_hidden_bridges_only)


def overlapping(queryset: QuerySet[Restriction], since: datetime, until: datetime) -> QuerySet[Restriction]:
    """Restrictions in force at some moment of [since, until)."""
    return queryset.filter(started_at__lt=until).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=since))


def in_force(queryset: QuerySet[Restriction], at: datetime) -> QuerySet[Restriction]:
    return queryset.filter(started_at__lte=at).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))


def with_elements(queryset: QuerySet[Restriction], user: User | AnonymousUser) -> QuerySet[Restriction]:
    """Prefetch the elements; bridges (sites, which are releasable) only those the reader may see."""
    bridges = visible_bridges(user).only("id", "name")
    return queryset.prefetch_related(
        Prefetch(
            "segments", queryset=RoadSegment.objects.select_related("start", "end"), to_attr="segment_list"
        ),
        Prefetch("crossings", to_attr="crossing_list"),
        Prefetch("bridges", queryset=bridges, to_attr="bridge_list"),
    )


@dataclass
class ElementState:
    status: str = Movement.OPEN
    restrictions: list[Restriction] = field(default_factory=list)
    via: list[str] = field(default_factory=list)

    def add(self, restriction: Restriction, status: str | None = None) -> None:
        if any(known.pk == restriction.pk for known in self.restrictions):
            return
        status = status or restriction.status
        if RANK[status] > RANK[self.status]:
            self.status = status
        self.restrictions.append(restriction)

    def as_dict(self) -> dict:
        behind = [r for r in self.restrictions if RANK[r.status] >= RANK[self.status]] or self.restrictions
        newest = max(behind, key=lambda r: (r.started_at, r.pk)) if behind else None
        ends = [r.ends_at for r in behind]
        return {
            "status": self.status,
            "cause": newest.cause if newest else "",
            "since": min(r.started_at for r in behind).isoformat() if behind else None,
            "until": None if not behind or None in ends else max(ends).isoformat(),
            "restriction_ids": sorted(r.pk for r in self.restrictions),
            "report_ids": sorted(r.report_id for r in self.restrictions if r.report_id),
            "via": sorted(set(self.via)),
        }


@dataclass
class NetworkState:
    at: datetime
    segments: dict[int, ElementState]
    crossings: dict[int, ElementState]
    bridges: dict[int, ElementState]
    restrictions: list[Restriction]


def affected_segments(network: Network, restriction: Restriction) -> tuple[set[int], list[str]]:
    """The segments a restriction bears on: its own, and those its crossings and bridges lie on."""
    segments = {segment.pk for segment in restriction.segment_list}
    names = []
    points = {(p.kind, p.id): p for p in network.points}
    for kind, items in (("crossing", restriction.crossing_list), ("bridge", restriction.bridge_list)):
        for item in items:
            point = points.get((kind, item.pk))
            if point and point.segments:
                segments.update(point.segments)
                names.append(point.name)
    return segments, names


def network_state(*, user: User | AnonymousUser, at: datetime) -> NetworkState:
    network = current_network()
    restrictions = list(with_elements(in_force(visible_restrictions(user), at), user).select_related("label"))
    segments = {segment.id: ElementState() for segment in network.segments}
    crossings = {p.id: ElementState() for p in network.points if p.kind == "crossing"}
    shown = set(visible_bridges(user).values_list("pk", flat=True))
    bridges = {p.id: ElementState() for p in network.points if p.kind == "bridge" and p.id in shown}
    points = {(p.kind, p.id): p for p in network.points}
    for restriction in restrictions:
        for segment in restriction.segment_list:
            if segment.pk in segments:
                segments[segment.pk].add(restriction)
        for kind, items, table in (
            ("crossing", restriction.crossing_list, crossings),
            ("bridge", restriction.bridge_list, bridges),
        ):
            for item in items:
                if item.pk not in table:
                    continue
                table[item.pk].add(restriction)
                point = points[(kind, item.pk)]
                for segment_id in point.segments:
                    segments[segment_id].add(restriction)
                    segments[segment_id].via.append(point.name)
    return NetworkState(
        at=at, segments=segments, crossings=crossings, bridges=bridges, restrictions=restrictions
    )


def element_history(
    *, user: User | AnonymousUser, kind: str, element_id: int, limit: int = 200
) -> list[Restriction]:
    """Every restriction the reader may see that bore on one segment, crossing or bridge, newest first.

    For a segment this includes the restrictions of the crossings and of the bridges the reader may see
    lying on it. A bridge the reader may not see has no history for them (the caller answers 404)."""
    queryset = visible_restrictions(user)
    if kind == "segment":
        network = current_network()
        shown = set(visible_bridges(user).values_list("pk", flat=True))
        on_it = [
            p for p in network.points if element_id in p.segments and (p.kind == "crossing" or p.id in shown)
        ]
        condition = Q(segments=element_id)
        for point in on_it:
            condition |= Q(crossings=point.id) if point.kind == "crossing" else Q(bridges=point.id)
        queryset = queryset.filter(condition)
    elif kind == "crossing":
        queryset = queryset.filter(crossings=element_id)
    else:
        queryset = queryset.filter(bridges__in=visible_bridges(user).filter(pk=element_id))
    return list(
        with_elements(queryset.distinct(), user).select_related("label", "recorded_by", "lifted_by")[:limit]
    )

"""Fixtures of the movement tests: a German analyst (for national-only reports) and reports taken
through the real workflow, so that the `reports_changed` receiver derives the network as in production."""

import pytest
from shapely.geometry import Point, shape

from peacekeeper.access.classification import Role
from peacekeeper.conftest import make_user
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.workflow import transition
from peacekeeper.theatre.distances import to_km
from peacekeeper.theatre.models import CrossingPoint, RoadSegment

KFOR = "NATO UNCLASSIFIED // REL TO KFOR"
# Town positions (GeoNames, as places.json has them), to name a segment by the road and a town near it.
# Half way along the M-9 (N9) between Peja and Klina, in open country: no junction or town near.
PEJA_KLINA = (42.64, 20.43)
LEPOSAVIC = (43.10389, 20.80278)
SUHAREKA = (42.35861, 20.825)
DEU_ONLY = "NATO RESTRICTED // DEU ONLY"


@pytest.fixture
def german_analyst(organisations):
    return make_user("klaus", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ANALYST,))


@pytest.fixture
def validate(german_watchkeeper, german_analyst, django_capture_on_commit_callbacks):
    """validate(**overrides): a report logged by the watchkeeper and validated by the German analyst."""

    def run(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            event = create_report(user=german_watchkeeper, data=an_event(**overrides), submit=True)
            return transition(user=german_analyst, event=event, name="validate")

    return run


def segment(designation: str, near: tuple[float, float]) -> RoadSegment:
    """The segment carrying this designation (any of its numbers, old or new) nearest to (lat, lon)."""
    position = to_km(Point(near[1], near[0]))
    carrying = [
        s for s in RoadSegment.objects.select_related("start", "end") if designation in s.designations
    ]
    return min(carrying, key=lambda s: to_km(shape(s.geometry)).distance(position))


def midpoint(road_segment: RoadSegment) -> dict:
    point = shape(road_segment.geometry).interpolate(0.5, normalized=True)
    return {"lat": point.y, "lon": point.x}


def crossing(name: str) -> CrossingPoint:
    return CrossingPoint.objects.select_related("place").get(name_en=name)

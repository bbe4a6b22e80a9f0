"""Fixtures of the movement tests: a German analyst (for national-only reports) and reports taken
through the real workflow, so that the `reports_changed` receiver derives the network as in production."""

import pytest
from shapely.geometry import shape

from peacekeeper.access.classification import Role
from peacekeeper.conftest import make_user
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.workflow import transition
from peacekeeper.theatre.models import CrossingPoint, RoadSegment

KFOR = "NATO UNCLASSIFIED // REL TO KFOR"
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


def segment(road_code: str, sequence: int) -> RoadSegment:
    return RoadSegment.objects.select_related("start", "end").get(road_code=road_code, sequence=sequence)


def midpoint(road_segment: RoadSegment) -> dict:
    point = shape(road_segment.geometry).interpolate(0.5, normalized=True)
    return {"lat": point.y, "lon": point.x}


def crossing(name: str) -> CrossingPoint:
    return CrossingPoint.objects.select_related("place").get(name_en=name)

"""An allocation's high-threat areas are the municipalities the security assessment puts at level 4 or above
for the planner now: the levels the COP's municipality layer shows them, nothing they may not see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.access.classification import Role
from peacekeeper.assessment.snapshots import override_level
from peacekeeper.conftest import make_user
from peacekeeper.cop.situation import area_levels
from peacekeeper.posture.metrics import high_threat_areas
from peacekeeper.theatre.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_analyst(organisations):
    return make_user("dieter", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ANALYST,))


@pytest.fixture
def zvecan_at_level_4_for_germans(theatre, german_planner, german_analyst) -> Area:
    zvecan = Area.objects.get(name_en="Zvečan")
    override_level(
        user=german_analyst,
        area=zvecan,
        level=4,
        rationale="roadblocks expected after the arrests",
        valid_until=timezone.now() + timedelta(days=3),
        marking="NATO RESTRICTED // DEU ONLY",
    )
    return zvecan


def test_an_area_the_planner_sees_at_level_4_is_high_threat(zvecan_at_level_4_for_germans, german_planner):
    assert high_threat_areas(german_planner) == {zvecan_at_level_4_for_germans.code}


def test_an_override_the_planner_may_not_read_raises_no_area(zvecan_at_level_4_for_germans, planner):
    assert high_threat_areas(planner) == set()


def test_the_areas_are_those_the_cop_layer_shows_at_level_4_or_above(
    zvecan_at_level_4_for_germans, german_planner, planner
):
    now = timezone.now()
    for user in (german_planner, planner):
        shown = area_levels(user=user, since=now - timedelta(days=7), until=now)["areas"]
        assert high_threat_areas(user) == {code for code, area in shown.items() if area["level"] >= 4}

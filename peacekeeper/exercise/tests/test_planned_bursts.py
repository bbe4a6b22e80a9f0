"""The generator's bursts as ground truth: where and when planned_bursts says, and nowhere else."""

from datetime import timedelta

import pytest
import shapely

from peacekeeper.exercise.generator import planned_bursts
from peacekeeper.exercise.sample import sample_theatre
from peacekeeper.exercise.tests.helpers import END, START, a_year


@pytest.mark.django_db
def test_every_burst_report_lies_in_a_planned_burst_of_its_municipality(theatre):
    sample = sample_theatre()
    bursts = planned_bursts(seed=3, start=START, end=END, theatre=sample)
    boundaries = {m.id: m.boundary for m in sample.municipalities}
    in_bursts = [e for e in a_year(count=5000, seed=3, theatre=sample) if "burst" in e.tags.split(",")]

    assert 3 <= len(bursts) <= 6
    for event in in_bursts:
        # Times are floored to the minute, so a report may stand up to a minute before its burst's start.
        assert any(
            burst.start - timedelta(minutes=1) <= event.occurred_at <= burst.end
            and shapely.contains_xy(boundaries[burst.municipality_id], event.lon, event.lat)
            for burst in bursts
        ), event.source_id
    for burst in bursts:
        assert any(burst.start - timedelta(minutes=1) <= e.occurred_at <= burst.end for e in in_bursts)


@pytest.mark.django_db
def test_the_plan_depends_on_the_seed_and_window_only(theatre):
    plan = planned_bursts(seed=3, start=START, end=END)
    assert plan == planned_bursts(seed=3, start=START, end=END)
    assert plan != planned_bursts(seed=4, start=START, end=END)
    assert {burst.municipality_code for burst in plan} <= {
        "XK-MUN-NORTH-MITROVICA",
        "XK-MUN-LEPOSAVIC",
        "XK-MUN-ZVECAN",
    }

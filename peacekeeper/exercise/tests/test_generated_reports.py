from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from peacekeeper.access.releasing import resolve_label
from peacekeeper.events.validation import validate_input
from peacekeeper.exercise.generator import generate_events
from peacekeeper.exercise.tests.helpers import END, START, a_year
from peacekeeper.theatre.boundaries import cached_municipality_index, in_theatre_many
from peacekeeper.theatre.models import Area

MARK = "EXERCISE EXERCISE EXERCISE —"


@pytest.fixture
def reports(theatre):
    return a_year(count=3000, seed=11)


@pytest.mark.django_db
def test_every_report_passes_validation(reports):
    problems = {e.source_id: validate_input(e, now=timezone.now()) for e in reports}
    assert {source_id: errors for source_id, errors in problems.items() if errors} == {}


@pytest.mark.django_db
def test_every_report_lies_in_the_theatre_and_in_the_municipality_it_was_drawn_for(reports):
    lats, lons = [e.lat for e in reports], [e.lon for e in reports]
    assert all(in_theatre_many(lats, lons))
    area_ids = dict(Area.objects.values_list("code", "id"))
    located = cached_municipality_index().locate_many(lats, lons)
    assert located == [area_ids[e.extra["municipality"]] for e in reports]


@pytest.mark.django_db
def test_every_report_is_flagged_as_exercise(reports):
    for index, event in enumerate(reports):
        assert event.exercise
        assert (event.source_type, event.source_system) == ("exercise", "exercise")
        assert event.source_id == f"ex-11-{index}"
        assert event.narrative.startswith(MARK)
        assert "exercise" in event.tags.split(",")


@pytest.mark.django_db
def test_times_fall_in_the_window_and_are_reported_minutes_later(reports):
    assert all(START <= e.occurred_at < END for e in reports)
    delays = {e.reported_at - e.occurred_at for e in reports}
    assert min(delays) >= timedelta(minutes=5)
    assert max(delays) <= timedelta(minutes=90)
    assert sum(e.time_precision == 1 for e in reports) > 0.85 * len(reports)
    assert {e.geo_precision for e in reports} == {1, 2}


@pytest.mark.django_db
def test_own_patrols_file_salute_and_name_a_kfor_unit(reports):
    patrols = [e for e in reports if e.source_name.endswith(" patrol")]
    assert len(patrols) > 0.3 * len(reports)
    for event in patrols:
        assert all((event.salute_size, event.salute_activity, event.salute_location, event.salute_time))
    units = {e.reporting_unit for e in reports if not e.reporting_unit.startswith("LMT ")}
    assert units <= {"JRD-N", "JRD-C", "JRD-S", "RC-E", "RC-W", "KTRBN", "MSU", "ISR MNBN", "HQ KFOR"}


@pytest.mark.django_db
def test_every_marking_is_a_label_the_theatre_knows(reports):
    for marking in {e.marking for e in reports}:
        assert resolve_label(marking=marking, user=None).marking == marking


@pytest.mark.django_db
def test_a_window_without_a_time_zone_or_backwards_is_refused(theatre):
    naive = datetime(2024, 1, 1)
    with pytest.raises(ValueError, match="time zone"):
        generate_events(count=1, seed=1, start=naive, end=END)
    with pytest.raises(ValueError, match="not after"):
        generate_events(count=1, seed=1, start=END, end=START)
    assert list(generate_events(count=0, seed=1, start=START, end=START + timedelta(hours=1))) == []


@pytest.mark.django_db
def test_reports_stream_one_at_a_time(theatre):
    endless = generate_events(count=10**9, seed=1, start=START, end=END)
    assert next(endless).source_id == "ex-1-0"
    assert next(endless).source_id == "ex-1-1"

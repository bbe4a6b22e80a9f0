from itertools import islice

import pytest

from peacekeeper.exercise.generator import generate_events
from peacekeeper.exercise.sample import sample_theatre
from peacekeeper.exercise.tests.helpers import END, START, a_year


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_reports(theatre):
    assert a_year(count=200, seed=7) == a_year(count=200, seed=7)


@pytest.mark.django_db
def test_a_short_run_is_the_start_of_a_longer_one(theatre):
    longer = generate_events(count=5000, seed=7, start=START, end=END)
    assert list(islice(longer, 200)) == a_year(count=200, seed=7)


@pytest.mark.django_db
def test_another_seed_gives_other_reports(theatre):
    first, second = a_year(count=200, seed=7), a_year(count=200, seed=8)
    assert (
        sum((a.lat, a.occurred_at) != (b.lat, b.occurred_at) for a, b in zip(first, second, strict=True))
        == 200
    )
    assert sum(a.category != b.category for a, b in zip(first, second, strict=True)) > 100


@pytest.mark.django_db
def test_a_sample_taken_once_gives_what_the_database_gives(theatre):
    assert a_year(count=100, theatre=sample_theatre()) == a_year(count=100)

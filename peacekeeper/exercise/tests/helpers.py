"""A year of exercise reports over the loaded theatre, the window every test draws from."""

from datetime import UTC, datetime

from peacekeeper.events.inputs import EventInput
from peacekeeper.exercise.generator import generate_events
from peacekeeper.exercise.sample import TheatreSample

START = datetime(2024, 1, 1, tzinfo=UTC)
END = datetime(2025, 1, 1, tzinfo=UTC)


def a_year(*, count: int, seed: int = 7, theatre: TheatreSample | None = None) -> list[EventInput]:
    return list(generate_events(count=count, seed=seed, start=START, end=END, theatre=theatre))

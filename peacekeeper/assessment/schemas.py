"""API schemas of the assessment: the contract of /api/assessment/."""

from datetime import datetime

from ninja import Schema

from peacekeeper.core.bounds import DbInt, QueryMoment


class WindowRead(Schema):
    days: int
    count: int
    index: int
    severe: int
    fatalities: int
    near_protected_site: int
    near_crossing: int
    by_category: dict[str, int]
    baseline_count: int
    expected: float
    ratio: float | None
    p_value: float
    p_text: str
    baseline_days: int  # the days the baseline rate is taken over: 365, or the part of them the log covers
    change_text: str  # the comparison in words, with its window and its baseline


class OverrideRead(Schema):
    id: int
    level: int
    computed_level: int | None  # the reader's own computed level (None: before the 90 days of history)
    rationale: str
    author: str
    created_at: str
    valid_until: str
    marking: str


class AreaRead(Schema):
    id: int | None
    code: str
    name: str
    north_of_ibar: bool
    level: int
    level_name: str
    computed_level: int
    override: OverrideRead | None
    fired: list[str]
    windows: dict[str, WindowRead]
    daily_counts: list[int]


class AssessmentTable(Schema):
    at: str
    day: str
    marking: str | None
    rules_file: str
    areas: list[AreaRead]
    country: AreaRead


class EventRef(Schema):
    id: int
    url: str
    occurred_at: str
    category: str
    category_label: str
    severity: int
    location_name: str
    marking: str


class RuleExplanation(Schema):
    id: str
    level: int
    condition: str
    why: str
    value: int
    fired: bool
    ratio: float | None
    p_value: float | None
    p_text: str | None
    change_text: str | None  # a rise rule's comparison in words (the same computation as the windows')
    events_total: int
    events: list[EventRef]


class LevelOnDay(Schema):
    day: str
    level: int


class SnapshotRead(Schema):
    day: str
    reason: str
    level: int
    computed_level: int
    rules: list[str]
    recorded_at: str


class AreaDetail(Schema):
    at: str
    day: str
    marking: str | None
    area: AreaRead
    explanation: list[RuleExplanation]
    history: list[LevelOnDay]
    overrides: list[OverrideRead]
    snapshots: list[SnapshotRead]
    daily_by_category: dict[str, list[int]]


class OverrideIn(Schema):
    level: int
    rationale: str
    valid_until: datetime
    marking: str


class GroupRead(Schema):
    name: str
    codes: list[str]
    count: int
    km2: float
    population: int
    per_1000_km2: float
    per_100k: float | None


class RateTest(Schema):
    ratio: float | None
    p_value: float
    p_text: str


class ComparisonRead(Schema):
    at: str
    window_days: int
    marking: str | None
    north: GroupRead
    south: GroupRead
    by_area: RateTest
    by_population: RateTest | None
    north_note: str
    population_note: str


class RuleRead(Schema):
    id: str
    level: int
    metric: str
    window: int
    at_least: float
    categories: list[str]
    condition: str
    why: str


class RuleSetRead(Schema):
    file: str
    rules: list[RuleRead]


class AtQuery(Schema):
    at: QueryMoment | None = None


class CompareQuery(AtQuery):
    window: DbInt = 30

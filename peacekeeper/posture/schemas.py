"""API schemas of posture: tasks, allocations with their explanations, pins, options and decisions."""

from datetime import datetime

from ninja import Schema


class TaskRead(Schema):
    id: int
    name: str
    kind: str
    priority: int
    strength: int
    capabilities: list[str]
    notice_hours: int
    starts_at: datetime | None
    ends_at: datetime | None
    active: bool
    assumption_note: str
    marking: str


class RunIn(Schema):
    option: int | None = None
    time_limit: float = 30.0
    mip_gap: float = 0.01


class AssignmentRead(Schema):
    unit: int
    unit_name: str
    task: int
    task_name: str
    # None when the task is at a site the reader may not see (the distance would tell where it is).
    travel_km: float | None
    pinned: bool


class UnmetRead(Schema):
    task: int
    task_name: str
    shortfall: int
    missing: list[str]
    lines: list[str]


class AllocationRead(Schema):
    id: int
    option: int | None
    run_at: datetime
    status: str
    gap: float | None
    mip_gap: float
    solve_seconds: float
    troops: int
    static_tasks: int
    travel_km: float
    high_threat_areas: list[str]
    covered_areas: list[str]
    assignments: list[AssignmentRead]
    unmet: list[UnmetRead]


class PinIn(Schema):
    unit: int
    task: int
    option: int | None = None


class PinRead(Schema):
    unit: int
    task: int
    option: int | None


class OptionIn(Schema):
    name: str
    description: str = ""
    # Each change: {"kind": ..., and its fields} (see variants.py), checked with a reason per field.
    changes: list[dict[str, str | int]]
    marking: str = "NATO RESTRICTED // REL TO KFOR"


class OptionRead(Schema):
    id: int
    name: str
    description: str
    changes: list[str]
    marking: str


class DecisionIn(Schema):
    option: int
    rationale: str
    marking: str = "NATO RESTRICTED // REL TO KFOR"


class DecisionRead(Schema):
    id: int
    option: int
    decided_by: str
    decided_at: datetime
    rationale: str
    marking: str

"""Property: whatever the force, caveats and tasks, no allocation breaks a caveat or a hard rule."""

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peacekeeper.forces.caveats import TaskFacts, refusal
from peacekeeper.posture.eligibility import CaveatRule, TaskSpec, UnitFacts, build_problem
from peacekeeper.posture.optimiser import solve
from peacekeeper.posture.problem import overlaps

CAPABILITIES = ["infantry", "crc", "eod", "military_police"]
MUNICIPALITIES = ["XK-MUN-ZVECAN", "XK-MUN-PEJA", "XK-MUN-PRISTINA", "XK-MUN-LEPOSAVIC", "XK-MUN-DECAN"]
START = datetime(2026, 12, 1, tzinfo=UTC)

caveats = st.one_of(
    st.just(("not_north_of_ibar", {})),
    st.just(("no_night_operations", {})),
    st.builds(lambda c: ("no_capability", {"capability": c}), st.sampled_from(CAPABILITIES)),
    st.builds(lambda r: ("only_in_region", {"region": r}), st.sampled_from(["RC-W", "RC-E"])),
    st.builds(lambda h: ("min_notice_hours", {"hours": h}), st.sampled_from([12, 48, 72])),
)


@st.composite
def units(draw, key):
    return UnitFacts(
        key=key,
        name=f"unit {key}",
        strength=draw(st.one_of(st.none(), st.integers(10, 300))),
        capabilities=frozenset(draw(st.sets(st.sampled_from(CAPABILITIES), min_size=1, max_size=3))),
        readiness_hours=draw(st.one_of(st.none(), st.sampled_from([1, 6, 24, 72]))),
        lat=draw(st.floats(42.2, 43.1)),
        lon=draw(st.floats(20.3, 21.5)),
        caveats=tuple(CaveatRule(None, k, p) for k, p in draw(st.lists(caveats, max_size=3))),
    )


@st.composite
def tasks(draw, key):
    continuous = draw(st.booleans())
    start = None if continuous else START + timedelta(hours=draw(st.integers(0, 72)))
    return TaskSpec(
        key=key,
        name=f"task {key}",
        priority=draw(st.integers(1, 5)),
        strength=draw(st.integers(0, 400)),
        capabilities=tuple(draw(st.sets(st.sampled_from(CAPABILITIES), max_size=2))),
        notice_hours=draw(st.sampled_from([2, 12, 48, 96])),
        municipalities=frozenset({draw(st.sampled_from(MUNICIPALITIES))}),
        lat=42.6,
        lon=21.0,
        start=start,
        end=None if continuous else start + timedelta(hours=draw(st.integers(2, 30))),
    )


@st.composite
def scenarios(draw):
    unit_count, task_count = draw(st.integers(1, 10)), draw(st.integers(1, 8))
    return [draw(units(k)) for k in range(unit_count)], [draw(tasks(k)) for k in range(task_count)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_no_allocation_ever_breaks_a_caveat(scenario):
    unit_list, task_list = scenario
    eligibility = build_problem(unit_list, task_list)
    solution = solve(eligibility.problem, time_limit=5)
    units_by_key = {u.key: u for u in unit_list}
    tasks_by_key = {t.key: t for t in task_list}
    for unit_key, task_key in solution.assignments:
        unit, task = units_by_key[unit_key], tasks_by_key[task_key]
        facts = TaskFacts(
            capabilities=frozenset(task.capabilities),
            municipalities=task.municipalities,
            window_start=task.start,
            window_end=task.end,
            notice_hours=task.notice_hours,
        )
        for rule in unit.caveats:
            assert refusal(rule.kind, rule.params, facts) is None, (unit, task, rule)
        assert unit.readiness_hours is not None
        assert unit.readiness_hours <= task.notice_hours
        assert not task.capabilities or unit.capabilities & set(task.capabilities)
    by_unit: dict[int, list] = {}
    for unit_key, task_key in solution.assignments:
        by_unit.setdefault(unit_key, []).append(eligibility.problem.tasks[task_key])
    for assigned in by_unit.values():
        for i, first in enumerate(assigned):
            for second in assigned[i + 1 :]:
                assert not overlaps(first, second), "a unit is on two tasks at once"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.randoms(use_true_random=False))
def test_pinned_assignments_are_always_kept(scenario, rng):
    unit_list, task_list = scenario
    allowed = sorted(build_problem(unit_list, task_list).problem.travel_km)
    solver_tasks = {t.key: t.solver_task() for t in task_list}
    pins: set[tuple[int, int]] = set()
    for unit_key, task_key in rng.sample(allowed, min(len(allowed), 3)):
        clash = any(u == unit_key and overlaps(solver_tasks[t], solver_tasks[task_key]) for u, t in pins)
        if not clash:
            pins.add((unit_key, task_key))
    solution = solve(build_problem(unit_list, task_list, pinned=frozenset(pins)).problem, time_limit=5)
    assert pins <= set(solution.assignments)

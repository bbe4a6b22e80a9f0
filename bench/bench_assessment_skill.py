"""bench assessment-skill: do the threat levels rise for the generator's bursts, and only for them?

Data. Consecutive years of exercise reports at the demo's density (`peacekeeper demo`: 6,000 reports over
120 days, 50 a day): 5 years full, 1 quick (tiny: 120 days, a smoke run whose figures mean nothing), each
year its own seed and so its own 3-6 bursts at the flashpoints, whose municipality, start and end
`exercise.generator.planned_bursts` gives. Every other report is background at a constant rate per
municipality, so a burst is the only thing in the log a level should rise for. The reports are stored as the
product stores them (`generate_and_store`: events.ingest, validated, the day cells derived by the
assessment's receiver of `reports_changed`) and read as the watchkeeper reads them (`load_series`: the cells
of the labels they may see).

Levels. The computed level of every municipality at the end of every UTC day (`assessing.level_history` on
one series): the level of day D uses the cells of the days up to D and the log's first day, nothing later,
which is what `assess(at=the end of D)` gives (checked on three days). The first 90 days of the log are not
measured (the longest window is not yet full). Reports count on the day they happened; the generator logs
one up to 90 minutes later, so the level at the end of D counts the last reports of D a floor reads
shortly after midnight.

Definitions.
- A raise: a municipality-day whose level exceeds that municipality's level the day before.
- A raise is true when its day lies in a burst of that municipality (from the burst's first UTC day to its
  last), false otherwise.
- Recall: of the bursts that start in the measured days, the share whose municipality's level, as the floor
  sees it, rose within 24 h of the start: the level at the end of the start's UTC day or 24 h after the
  start exceeds the level at the start. These three levels are taken at the moment itself: the day cells of
  that moment's day without the reports that happened or were reported after it (`unseen_at`), so a burst
  that starts at 22:00 is judged on its first 2 h and then on its first 24 h, not on its first day's end
  alone. `recall_48h` also takes the level 48 h after the start. `bursts_at_5`: bursts that began with
  their municipality already at 5 (during an earlier burst), which no rule can raise.
- False raises per municipality-year: false raises / (municipalities x measured days / 365).
- `levelN_pct`: share of municipality-days at level N; `north_mean`, `south_mean`: the mean level of the
  theatre's north group (`theatre.regions`) and of the rest; `mostly_low`: municipalities at level 1-2 on at
  least half the days; level-5 episodes: runs of consecutive level-5 days in one municipality.

assessment-skill: `project` = false raises per municipality-year with rules.json, `baseline` = the same with
the rules as they were before they were tuned by this measurement (bench/assessment_skill_rules_before.json),
`ratio` = baseline / project (lower is better, as for latencies; a project of 0 counts as one false raise
over the run). The baseline's other figures are printed on standard error.

assessment-demo-levels: the demo's log (6,000 reports over the 120 days to now, seed 1, as `peacekeeper
demo` makes it): the assessment table now, for the watchkeeper. `project` = % of the 38 municipalities at
level 1-2 with rules.json, `baseline` = the same with the earlier rules; `levelN` = municipalities at level
N; `days30_levelN_pct` = municipality-days at level N over the last 30 days.

assessment-acled-levels, only with BENCH_ACLED_FILE=<an ACLED export of Kosovo>: the file imported as
`peacekeeper import acled FILE --status validated` imports it (validated, so that it counts), then the same
figures as for the skill over the export's days after its first 90, with the earlier rules' as `before_*`.
An export has no ground truth: `raises_per_muni_year` counts every raise.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

from bench.assessment_skill_scoring import bursts_to_judge, levels_by_day, score
from bench.common import BenchResult, format_figure, setup_django, size

BEFORE_RULES = Path(__file__).with_name("assessment_skill_rules_before.json")
SKILL_END = datetime(2026, 1, 1, tzinfo=UTC)
YEARS = {"full": 5, "quick": 1, "tiny": 1}
PERIOD_DAYS = {"full": 365, "quick": 365, "tiny": 120}
DEMO_SCALE = {"full": 1.0, "quick": 1.0, "tiny": 0.1}
WARM_UP_DAYS = 90
CHECKED_DAYS = 3
NO_TRUTH = ("recall", "bursts", "true_raises")  # figures an ACLED export, without ground truth, cannot give


def store_years(*, years: int, period_days: int, per_day: float) -> tuple[datetime, list]:
    """The exercise log of `years` consecutive periods ending at SKILL_END; returns its start and bursts."""
    from peacekeeper.exercise.generator import generate_and_store, planned_bursts

    start = SKILL_END - timedelta(days=years * period_days)
    bursts = []
    for year in range(years):
        begins = start + timedelta(days=year * period_days)
        ends = begins + timedelta(days=period_days)
        generate_and_store(count=round(per_day * period_days), seed=year + 1, start=begins, end=ends)
        bursts.extend(planned_bursts(seed=year + 1, start=begins, end=ends))
    return start, bursts


def series_for(user, areas, *, first: date, last: date):
    """One series that holds every day's assessment from `first` to `last`, as the product loads one."""
    from peacekeeper.assessment.figures import first_day_for, load_series

    history = (last - first).days + 1
    return load_series(
        user=user,
        first_day=first_day_for(last, history_days=history),
        last_day=last,
        area_ids=[area.pk for area in areas],
    )


def _check_against_assess(user, levels: np.ndarray, *, first: date, last: date) -> None:
    """The levels by day are those assess() gives at the end of the day (three days checked)."""
    from peacekeeper.assessment.assessing import assess

    days = (last - first).days + 1
    for offset in np.linspace(0, days - 1, CHECKED_DAYS).astype(int):
        day = first + timedelta(days=int(offset))
        at = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1, microseconds=-1)
        assessment, _ = assess(user=user, at=at)
        computed = [area.computed_level for area in assessment.areas]
        if computed != levels[:, offset + 1].tolist():
            raise AssertionError(f"levels of {day} differ from assess(): {computed}")


def _north(areas) -> np.ndarray:
    from peacekeeper.theatre.regions import theatre_regions

    codes = theatre_regions().north.municipalities
    return np.asarray([area.code in codes for area in areas])


def _skill(user, areas, before) -> BenchResult:
    from peacekeeper.access import policy
    from peacekeeper.assessment.rules import active_rules
    from peacekeeper.cli_demo import DEMO_HISTORY_DAYS, DEMO_HISTORY_EVENTS

    start, planned = store_years(
        years=YEARS[size()], period_days=PERIOD_DAYS[size()], per_day=DEMO_HISTORY_EVENTS / DEMO_HISTORY_DAYS
    )
    first = start.date() + timedelta(days=WARM_UP_DAYS)
    last = (SKILL_END - timedelta(microseconds=1)).date()
    series = series_for(user, areas, first=first, last=last)
    bursts = bursts_to_judge(planned, areas=areas, first=first, label_ids=policy.visible_label_ids(user))
    north = _north(areas)
    rules = active_rules()
    tuned = levels_by_day(series, rules, first=first, last=last)
    _check_against_assess(user, tuned, first=first, last=last)
    after = score(tuned, bursts, north, series=series, rules=rules)
    levels_before = levels_by_day(series, before, first=first, last=last)
    earlier = score(levels_before, bursts, north, series=series, rules=before)
    print(_line("assessment-skill (rules before tuning)", earlier.figures()), file=sys.stderr)
    floor = 1 / (len(areas) * ((last - first).days + 1) / 365)
    return BenchResult(
        name="assessment-skill",
        project=after.false_per_year,
        baseline=earlier.false_per_year,
        ratio=earlier.false_per_year / max(after.false_per_year, floor),
        extras=after.figures()
        | {"baseline_recall": earlier.recall, "measured_days": (last - first).days + 1},
    )


def _demo(user, before) -> BenchResult:
    from peacekeeper.assessment.assessing import assess
    from peacekeeper.assessment.rules import active_rules, evaluate, level_of
    from peacekeeper.cli_demo import DEMO_HISTORY_DAYS, DEMO_HISTORY_EVENTS
    from peacekeeper.exercise.generator import generate_and_store

    end = datetime.now(UTC)
    count = round(DEMO_HISTORY_EVENTS * DEMO_SCALE[size()])
    generate_and_store(count=count, seed=1, start=end - timedelta(days=DEMO_HISTORY_DAYS), end=end)
    assessment, series = assess(user=user, at=end)
    last = series.day_index(assessment.last_day)
    after = [area.computed_level for area in assessment.areas]
    earlier = [level_of(evaluate(before, series, area=i, last=last)) for i in range(len(after))]
    month = levels_by_day(
        series, active_rules(), first=assessment.last_day - timedelta(days=29), last=assessment.last_day
    )
    low, low_before = (100 * sum(level <= 2 for level in levels) / len(levels) for levels in (after, earlier))
    extras: dict[str, object] = {f"level{n}": after.count(n) for n in range(1, 6)}
    extras |= {f"before_level{n}": earlier.count(n) for n in range(1, 6)}
    extras |= {f"days30_level{n}_pct": 100 * float((month[:, 1:] == n).mean()) for n in range(1, 6)}
    return BenchResult(
        name="assessment-demo-levels",
        project=low,
        baseline=low_before,
        ratio=low / low_before if low_before else float("inf"),
        extras=extras,
    )


def _acled(path: Path, user, areas, before) -> BenchResult:
    from peacekeeper.assessment.models import DayCell
    from peacekeeper.assessment.rules import active_rules
    from peacekeeper.events.importing import import_acled
    from peacekeeper.events.models import Status

    with path.open("rb") as stream:
        report = import_acled(stream=stream, user=None, status=Status.VALIDATED, file_name=path.name)
    days = DayCell.objects.order_by("day").values_list("day", flat=True)
    first, last = days.first() + timedelta(days=WARM_UP_DAYS), days.last()
    series = series_for(user, areas, first=first, last=last)
    north = _north(areas)
    after = score(levels_by_day(series, active_rules(), first=first, last=last), [], north)
    earlier = score(levels_by_day(series, before, first=first, last=last), [], north)
    low, low_before = sum(after.shares[:2]), sum(earlier.shares[:2])
    figures = after.figures() | earlier.figures("before_")
    kept = {key: value for key, value in figures.items() if not any(part in key for part in NO_TRUTH)}
    kept = {key.replace("false_raises", "raises"): value for key, value in kept.items()}
    kept |= {
        "rows_read": report.rows_read,
        "rejected": len(report.rejected),
        "measured_days": (last - first).days + 1,
    }
    return BenchResult(
        name="assessment-acled-levels", project=low, baseline=low_before, ratio=low / low_before, extras=kept
    )


def _line(name: str, figures: dict[str, object]) -> str:
    return f"bench {name}: " + " ".join(f"{key}={format_figure(value)}" for key, value in figures.items())


def run(*, quick: bool) -> list[BenchResult]:
    setup_django()
    from django.contrib.auth.models import User

    from bench.bench_ingest import _reset_events
    from peacekeeper.access.services import create_demo_users
    from peacekeeper.assessment import ledger
    from peacekeeper.assessment.assessing import municipalities
    from peacekeeper.assessment.rules import parse_rules
    from peacekeeper.theatre.loading import load_scenario

    load_scenario(name="kosovo")
    create_demo_users()
    user = User.objects.get(username="watchkeeper")
    areas = municipalities()
    before = parse_rules(json.loads(BEFORE_RULES.read_text(encoding="utf-8")))
    results = [_demo(user, before)]
    _reset_events()
    ledger.rebuild()
    results.append(_skill(user, areas, before))
    if acled_file := os.environ.get("BENCH_ACLED_FILE"):
        _reset_events()
        ledger.rebuild()
        results.append(_acled(Path(acled_file), user, areas, before))
    else:
        print("assessment-skill: BENCH_ACLED_FILE not set, no ACLED export measured", file=sys.stderr)
    return results

"""bench duplicates: are reports of one happening suggested as duplicates, and near-but-different ones not?

What is measured. The product's own suggestion function (`events.duplicates.suggest_duplicates`, what the
report page and `/api/events/{id}/duplicates` show) on a stored log, read as the analyst reads it, against
the rule it replaced (issue 14, item 6): same category or same ACLED event type, within 3 km and 6 h, as
`events.incidents.suggest_duplicates` had it, on the same rows in the same run.

The log. `SCENES` scenes, each three reports stored through `events.ingest` (the import path): A, a report
as the exercise generator writes one (`exercise.kinds` activities, sizes and observers, its narrative's shape
and markings, category drawn by `exercise.realism.CATEGORY_MIX` for the town's region) at one of the
theatre's towns (`exercise.sample`); B, the same happening filed by someone else; C, a different happening
near it. Scenes lie 13 h apart, more than twice the comparison window, so every pair of reports the
functions can compare is a pair of one scene, whose truth is known: A-B a duplicate, A-C and B-C not.

What "filed differently" and "near but different" mean: bench/duplicates_scenes.py, which makes the
scenes.

Held-out seed. The weights and threshold in `events.duplicates` were chosen while looking at the figures of
`TUNING_SEED` only; the printed figures are those of `FIGURES_SEED`, a log never looked at while tuning.
The tuning seed's figures are printed too (`tuning_*`), to show how much they differ.

Printed: `project` = F1 of the product's suggestions, `baseline` = F1 of the old rule, `ratio` = project /
baseline; `precision`, `recall`, `baseline_precision`, `baseline_recall`, `pairs` (true duplicate pairs),
`scenes`, `tuning_precision`, `tuning_recall`, `misses_*` / `false_*` (which kinds of B were missed and
which kinds of C suggested). Goal: precision and recall ≥ 0.9.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bench.common import BenchResult, setup_django, size
from bench.duplicates_scenes import MARKING, NEAR_KINDS, SCENE_SPACING, VOICES, Scene, make_scenes

SCENES = {"tiny": 6, "quick": 150, "full": 600}
TUNING_SEED = 14
FIGURES_SEED = 20261207


@dataclass(frozen=True)
class Figures:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    misses: Counter
    false: Counter


def run(*, quick: bool) -> list[BenchResult]:
    setup_django()
    from django.contrib.auth.models import User

    from peacekeeper.access.services import create_demo_users
    from peacekeeper.exercise.sample import sample_theatre
    from peacekeeper.theatre.loading import load_scenario

    load_scenario()
    create_demo_users()
    watchkeeper = User.objects.get(username="watchkeeper")
    analyst = User.objects.get(username="analyst")
    sample = sample_theatre()
    count = SCENES[size()]
    results = {}
    for name, seed, start in (
        ("tuning", TUNING_SEED, datetime(2025, 1, 1, tzinfo=UTC)),
        ("figures", FIGURES_SEED, datetime(2025, 1, 1, tzinfo=UTC) + SCENE_SPACING * (count + 2)),
    ):
        scenes = make_scenes(sample, count=count, seed=seed, start=start)
        ids = store(scenes, first=watchkeeper, second=analyst, seed=seed)
        results[name] = (measure(scenes, ids, reader=analyst), measure_old_rule(scenes, ids, reader=analyst))
    (ours, old), (tuned, _) = results["figures"], results["tuning"]
    extras: dict[str, object] = {
        "precision": round(ours.precision, 3),
        "recall": round(ours.recall, 3),
        "baseline_precision": round(old.precision, 3),
        "baseline_recall": round(old.recall, 3),
        "pairs": ours.true_pairs,
        "scenes": count,
        "seed": FIGURES_SEED,
        "tuning_precision": round(tuned.precision, 3),
        "tuning_recall": round(tuned.recall, 3),
    }
    extras |= {f"misses_{kind}": ours.misses[kind] for kind in (*VOICES, "related")}
    extras |= {f"false_{kind}": ours.false[kind] for kind in NEAR_KINDS}
    ratio = ours.f1 / old.f1 if old.f1 else math.inf
    return [BenchResult("duplicates", round(ours.f1, 4), round(old.f1, 4), round(ratio, 3), extras)]


# --- storing and measuring -------------------------------------------------------------------------------


def store(scenes: list[Scene], *, first, second, seed: int) -> list[tuple[int, int, int]]:
    """Store A and C as the watchkeeper's import and B as the analyst's; the (A, B, C) ids of each scene."""
    from peacekeeper.events.ingest import ingest
    from peacekeeper.events.inputs import EventInput

    def items(which: str) -> list[EventInput]:
        return [
            EventInput(
                **getattr(scene, which), source_system="bench", source_id=f"{seed}-{scene.index}-{which}"
            )
            for scene in scenes
        ]

    ids: dict[str, list[int]] = {}
    for which, user in (("a", first), ("b", second), ("c", first)):
        summary = ingest(
            items=items(which), source_system="bench", default_marking=MARKING, user=user, keep_results=True
        )
        if summary.rejected:
            refused = [result for result in summary.results if result.outcome == "rejected"][:3]
            raise RuntimeError(f"the bench's reports were refused: {refused}")
        ids[which] = [result.event_id for result in sorted(summary.results, key=lambda r: r.index)]
    return list(zip(ids["a"], ids["b"], ids["c"], strict=True))


def measure(scenes: list[Scene], ids: list[tuple[int, int, int]], *, reader) -> Figures:
    """Precision and recall of the pairs the product suggests, each report of each scene opened in turn."""
    from peacekeeper.access import policy
    from peacekeeper.events.duplicates import suggest_duplicates
    from peacekeeper.events.models import EventReport

    reports = policy.visible(EventReport.objects.filter(pk__in=[pk for trio in ids for pk in trio]), reader)
    by_id = {report.pk: report for report in reports}
    suggested = set()
    for trio in ids:
        for pk in trio:
            for suggestion in suggest_duplicates(event=by_id[pk], user=reader):
                suggested.add(frozenset((pk, suggestion.event.pk)))
    return _figures(scenes, ids, suggested)


def measure_old_rule(scenes: list[Scene], ids: list[tuple[int, int, int]], *, reader) -> Figures:
    """The rule before issue 14: the same category or ACLED event type, within 3 km and 6 h."""
    from peacekeeper.access import policy
    from peacekeeper.events.models import EventReport
    from peacekeeper.events.taxonomy import get_category
    from peacekeeper.theatre.distances import km_between

    reports = policy.visible(EventReport.objects.filter(pk__in=[pk for trio in ids for pk in trio]), reader)
    by_id = {report.pk: report for report in reports}
    suggested = set()
    for trio in ids:
        for i, first in enumerate(trio):
            for second in trio[i + 1 :]:
                x, y = by_id[first], by_id[second]
                km = float(km_between([y.lat], [y.lon], x.lat, x.lon)[0])
                related = x.category == y.category or (
                    get_category(x.category).acled_event_type == get_category(y.category).acled_event_type
                )
                if related and km <= 3.0 and abs(x.occurred_at - y.occurred_at) <= timedelta(hours=6):
                    suggested.add(frozenset((first, second)))
    return _figures(scenes, ids, suggested)


def _figures(scenes: list[Scene], ids: list[tuple[int, int, int]], suggested: set[frozenset]) -> Figures:
    truth = {frozenset((a, b)) for a, b, _ in ids}
    hits = len(suggested & truth)
    misses: Counter = Counter()
    false: Counter = Counter()
    for scene, (a, b, c) in zip(scenes, ids, strict=True):
        if frozenset((a, b)) not in suggested:
            misses[scene.voice] += 1
            misses["related"] += scene.b_related
        if frozenset((a, c)) in suggested or frozenset((b, c)) in suggested:
            false[scene.near] += 1
    precision = hits / len(suggested) if suggested else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Figures(precision, recall, f1, len(truth), misses, false)

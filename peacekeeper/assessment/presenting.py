"""Assessments as plain data: the one shape the API returns and the pages render."""

from datetime import date, datetime

from django.urls import reverse

from peacekeeper.access.marking import highest_marking
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.assessment.assessing import AreaAssessment
from peacekeeper.assessment.comparison import Comparison
from peacekeeper.assessment.figures import BASELINE_DAYS, METRIC_LABELS, WindowFigures
from peacekeeper.assessment.models import LevelOverride, LevelSnapshot
from peacekeeper.assessment.rules import RuleResult
from peacekeeper.assessment.statistics import RateComparison
from peacekeeper.events.models import EventReport
from peacekeeper.events.taxonomy import get_category

LEVEL_NAMES = {1: "Low", 2: "Guarded", 3: "Elevated", 4: "High", 5: "Severe"}


def p_text(p_value: float) -> str:
    """A p-value as a reader wants it: 'p=0.012', or 'p<0.001' rather than a run of zeros."""
    return "p<0.001" if p_value < 0.001 else f"p={p_value:.3f}"


def change_text(change: RateComparison, *, what: str = "reports") -> str:
    """A change against baseline in words, with its window and its baseline, e.g. "30 days: 41 reports
    against 9.8 expected from the 120 days before (the log's length), ×4.19, p<0.001"."""
    days = round(change.exposure)
    reference = round(change.reference_exposure)
    baseline = f"the {reference} days before" + (" (the log's length)" if reference < BASELINE_DAYS else "")
    ratio = "new" if change.ratio is None else f"×{change.ratio:.2f}"
    return (
        f"{days} days: {change.count} {what} against {change.expected:.1f} expected from {baseline}, "
        f"{ratio}, {p_text(change.p_value)}"
    )


def window_data(figures: WindowFigures) -> dict:
    change = figures.change
    return {
        "days": figures.days,
        "count": figures.count,
        "index": figures.index,
        "severe": figures.totals["severe"],
        "fatalities": figures.totals["fatalities"],
        "near_protected_site": figures.totals["near_protected_site"],
        "near_crossing": figures.totals["near_crossing"],
        "by_category": dict(sorted(figures.by_category.items(), key=lambda item: (-item[1], item[0]))),
        "baseline_count": change.reference_count,
        "expected": round(change.expected, 2),
        "ratio": None if change.ratio is None else round(change.ratio, 2),
        "p_value": change.p_value,
        "p_text": p_text(change.p_value),
        "baseline_days": round(change.reference_exposure),
        "change_text": change_text(change),
    }


def override_data(override: LevelOverride, *, computed_level: int | None) -> dict:
    """An override as a reader sees it, beside `computed_level`: the level computed from the reports THIS
    reader may see. Never `override.computed_level`, the level its author saw, from reports the reader may
    not see (that one is shown only to the author's audience, through the override's snapshot)."""
    return {
        "id": override.pk,
        "level": override.level,
        "computed_level": computed_level,
        "rationale": override.rationale,
        "author": override.author.get_full_name() or override.author.get_username(),
        "created_at": override.created_at.isoformat(),
        "valid_until": override.valid_until.isoformat(),
        "marking": override.label.marking,
    }


def area_data(assessed: AreaAssessment) -> dict:
    return {
        "id": assessed.area_id,
        "code": assessed.code,
        "name": assessed.name,
        "north_of_ibar": assessed.north_of_ibar,
        "level": assessed.level,
        "level_name": LEVEL_NAMES[assessed.level],
        "computed_level": assessed.computed_level,
        "override": (
            override_data(assessed.override, computed_level=assessed.computed_level)
            if assessed.override
            else None
        ),
        "fired": [result.rule.id for result in assessed.fired],
        "windows": {str(days): window_data(figures) for days, figures in assessed.windows.items()},
        "daily_counts": assessed.daily_counts,
    }


def event_data(event: EventReport) -> dict:
    return {
        "id": event.pk,
        "url": reverse("events:detail", args=[event.pk]),
        "occurred_at": event.occurred_at.isoformat(),
        "category": event.category,
        "category_label": get_category(event.category).label,
        "severity": event.severity,
        "location_name": event.location_name,
        "marking": event.label.marking,
    }


def rule_data(result: RuleResult, *, events_total: int, events: list[EventReport]) -> dict:
    rule = result.rule
    return {
        "id": rule.id,
        "level": rule.level,
        "condition": rule.condition,
        "why": rule.why,
        "value": result.value,
        "fired": result.fired,
        "ratio": None if not result.change or result.change.ratio is None else round(result.change.ratio, 2),
        "p_value": result.change.p_value if result.change else None,
        "p_text": p_text(result.change.p_value) if result.change else None,
        "change_text": change_text(result.change, what=METRIC_LABELS[rule.metric]) if result.change else None,
        "events_total": events_total,
        "events": [event_data(event) for event in events],
    }


def history_data(history: list[tuple[date, int]]) -> list[dict]:
    return [{"day": day.isoformat(), "level": level} for day, level in history]


def marking_of(label_ids: set[int] | list[int]) -> str | None:
    """The combined marking of the labels behind what is shown (the page banner and the API's marking)."""
    return highest_marking(ReleaseLabel.objects.filter(pk__in=list(label_ids)))


def comparison_data(comparison: Comparison, *, at: datetime) -> dict:
    def group(g) -> dict:
        return {
            "name": g.name,
            "codes": g.codes,
            "count": g.count,
            "km2": round(g.km2, 1),
            "population": g.population,
            "per_1000_km2": round(g.per_1000_km2, 2),
            "per_100k": None if g.per_100k is None else round(g.per_100k, 2),
        }

    def test(result) -> dict | None:
        if result is None:
            return None
        return {
            "ratio": None if result.ratio is None else round(result.ratio, 3),
            "p_value": result.p_value,
            "p_text": p_text(result.p_value),
        }

    return {
        "at": at.isoformat(),
        "window_days": comparison.window_days,
        "marking": marking_of(comparison.label_ids),
        "north": group(comparison.north),
        "south": group(comparison.south),
        "by_area": test(comparison.by_area),
        "by_population": test(comparison.by_population),
        "north_note": comparison.north_note,
        "population_note": comparison.population_note,
    }


def snapshot_data(snapshot: LevelSnapshot) -> dict:
    return {
        "day": snapshot.day.isoformat(),
        "reason": snapshot.reason,
        "level": snapshot.level,
        "computed_level": snapshot.computed_level,
        "rules": snapshot.rules,
        "recorded_at": snapshot.recorded_at.isoformat(),
    }

"""The assessment of every municipality (and the country) for one reader at one moment.

Figures come only from the day cells the reader may see; the level is the rule set's verdict on them,
replaced by an analyst's override in force when the reader may see that override.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.assessment.figures import (
    WINDOWS,
    Series,
    WindowFigures,
    first_day_for,
    load_series,
    window_figures,
)
from peacekeeper.assessment.models import CountedReport, LevelOverride
from peacekeeper.assessment.overrides import active_overrides
from peacekeeper.assessment.rules import Rule, RuleResult, active_rules, evaluate, level_of
from peacekeeper.events.models import EventReport
from peacekeeper.theatre.models import Area
from peacekeeper.theatre.regions import theatre_regions

SPARKLINE_DAYS = 90


@dataclass
class AreaAssessment:
    area_id: int | None  # None for the whole country
    code: str
    name: str
    north_of_ibar: bool
    windows: dict[int, WindowFigures]
    results: list[RuleResult]
    computed_level: int
    override: LevelOverride | None
    daily_counts: list[int]

    @property
    def level(self) -> int:
        return self.override.level if self.override else self.computed_level

    @property
    def fired(self) -> list[RuleResult]:
        return [result for result in self.results if result.fired]


@dataclass
class Assessment:
    at: datetime
    last_day: date
    areas: list[AreaAssessment]
    country: AreaAssessment
    label_ids: set[int] = field(default_factory=set)


def municipalities() -> list[Area]:
    return list(Area.objects.filter(level=Area.Level.MUNICIPALITY).order_by("name_en"))


def utc_day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def _assess_one(
    series: Series,
    index: int,
    *,
    last: int,
    rules: tuple[Rule, ...],
    area: Area | None,
    override,
    whole: tuple[str, str] = ("", ""),
) -> AreaAssessment:
    results = evaluate(rules, series, area=index, last=last)
    counts = series.daily()[index, max(0, last + 1 - SPARKLINE_DAYS) : last + 1]
    return AreaAssessment(
        area_id=area.pk if area else None,
        code=area.code if area else whole[0],
        name=area.name_en if area else whole[1],
        north_of_ibar=bool(area and area.code in theatre_regions().north.municipalities),
        windows={days: window_figures(series, area=index, last=last, days=days) for days in WINDOWS},
        results=results,
        computed_level=level_of(results),
        override=override,
        daily_counts=[int(value) for value in counts],
    )


def country_series(series: Series) -> Series:
    return Series(
        area_ids=[0],
        categories=series.categories,
        first_day=series.first_day,
        values=series.values.sum(axis=0, keepdims=True),
        label_ids=series.label_ids,
        log_start=series.log_start,
    )


def assess(
    *,
    user: User | AnonymousUser,
    at: datetime | None = None,
    areas: list[Area] | None = None,
    history_days: int = 0,
) -> tuple[Assessment, Series]:
    """The assessment at `at` (default now) of the given municipalities (default all) and of the country."""
    at = at or timezone.now()
    areas = municipalities() if areas is None else areas
    last_day = utc_day(at)
    series = load_series(
        user=user,
        first_day=first_day_for(last_day, history_days=history_days),
        last_day=last_day,
        area_ids=[area.pk for area in areas],
    )
    last = series.day_index(last_day)
    rules = active_rules()
    overrides = active_overrides(user, at=at)
    assessed = [
        _assess_one(series, i, last=last, rules=rules, area=area, override=overrides.get(area.pk))
        for i, area in enumerate(areas)
    ]
    country = _assess_one(
        country_series(series), 0, last=last, rules=rules, area=None, override=None, whole=_whole_theatre()
    )
    label_ids = set(series.label_ids) | {o.label_id for o in overrides.values()}
    return Assessment(at=at, last_day=last_day, areas=assessed, country=country, label_ids=label_ids), series


def _whole_theatre() -> tuple[str, str]:
    """The code and name of the row of every municipality: the theatre's own (its level-0 area)."""
    country = Area.objects.filter(level=Area.Level.COUNTRY).values_list("code", "name_en").first()
    return (country[0], f"{country[1]} (all municipalities)") if country else ("", "All municipalities")


def level_history(
    series: Series, *, index: int, last_day: date, days: int, rules: tuple[Rule, ...] | None = None
) -> list[tuple[date, int]]:
    """The computed level at the end of each of the last `days` days, from the cells kept for every day, by
    the rules in force (or the given ones: bench assessment-skill measures two rule sets on one series)."""
    rules = active_rules() if rules is None else rules
    last = series.day_index(last_day)
    history = []
    for back in range(days - 1, -1, -1):
        results = evaluate(rules, series, area=index, last=last - back)
        history.append((last_day - timedelta(days=back), level_of(results)))
    return history


def rule_events(
    *, user: User | AnonymousUser, area_id: int | None, rule: Rule, last_day: date, limit: int = 10
) -> tuple[int, list[EventReport]]:
    """The reports behind a rule's figure that the reader may see: (how many, the newest `limit`)."""
    ledger = CountedReport.objects.filter(day__gt=last_day - timedelta(days=rule.window), day__lte=last_day)
    if area_id is not None:
        ledger = ledger.filter(area_id=area_id)
    if rule.categories:
        matches = Q()
        for prefix in rule.categories:
            matches |= Q(category__startswith=prefix)
        ledger = ledger.filter(matches)
    ledger = {
        "severe": ledger.filter(severity__gte=4),
        "fatalities": ledger.filter(fatalities__gt=0),
        "near_protected_site": ledger.filter(near_protected_site=True),
        "near_crossing": ledger.filter(near_crossing=True),
    }.get(rule.metric, ledger)
    reports = policy.visible(EventReport.objects.filter(pk__in=ledger.values("report_id")), user)
    return reports.count(), list(
        reports.select_related("area", "label").order_by("-occurred_at", "-id")[:limit]
    )


def daily_by_category(series: Series, *, index: int, last_day: date, days: int) -> dict[str, list[int]]:
    last = series.day_index(last_day)
    counts = series.values[index, :, max(0, last + 1 - days) : last + 1, 0]
    return {
        category: [int(v) for v in counts[c]]
        for c, category in enumerate(series.categories)
        if np.any(counts[c])
    }

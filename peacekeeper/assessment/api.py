"""Assessment API: every municipality's figures and level, one area with its explanation, overrides, the
north / south comparison and the rule set. Every figure counts only the reports the caller may see."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.responses import Status

from peacekeeper.assessment import presenting, snapshots
from peacekeeper.assessment.area_report import area_report
from peacekeeper.assessment.assessing import assess
from peacekeeper.assessment.comparison import compare_north_south
from peacekeeper.assessment.figures import WINDOWS
from peacekeeper.assessment.rules import active_rules, rules_file
from peacekeeper.assessment.schemas import (
    AreaDetail,
    AssessmentTable,
    AtQuery,
    CompareQuery,
    ComparisonRead,
    OverrideIn,
    OverrideRead,
    RuleSetRead,
)
from peacekeeper.theatre.models import Area

router = Router(tags=["assessment"])


def _at(params: AtQuery) -> datetime:
    if params.at is None:
        return timezone.now()
    if timezone.is_naive(params.at):
        raise HttpError(422, "at: give a time zone, e.g. 2026-11-29T14:30:00Z")
    return params.at


def _municipality(area_id: int) -> Area:
    return get_object_or_404(Area, pk=area_id, level=Area.Level.MUNICIPALITY)


@router.get(
    "/areas", response=AssessmentTable, summary="Every municipality and the country, as the caller sees"
)
def areas(request: HttpRequest, params: Query[AtQuery]) -> dict:
    assessment, _ = assess(user=request.user, at=_at(params))
    if params.at is None:
        snapshots.record_daily(user=request.user, assessment=assessment)
    return {
        "at": assessment.at.isoformat(),
        "day": assessment.last_day.isoformat(),
        "marking": presenting.marking_of(assessment.label_ids),
        "rules_file": rules_file().name,
        "areas": [presenting.area_data(area) for area in assessment.areas],
        "country": presenting.area_data(assessment.country),
    }


@router.get("/areas/{int:area_id}", response=AreaDetail, summary="One municipality: figures, rules, history")
def area(request: HttpRequest, area_id: int, params: Query[AtQuery]) -> dict:
    report = area_report(user=request.user, area=_municipality(area_id), at=_at(params))
    report["marking"] = presenting.marking_of(report.pop("label_ids"))
    return report


@router.post(
    "/areas/{int:area_id}/overrides",
    response={201: OverrideRead},
    summary="An analyst's override of the level, with a rationale and an end",
)
def create_override(request: HttpRequest, area_id: int, payload: OverrideIn) -> Status[OverrideRead]:
    override = snapshots.override_level(
        user=request.user,
        area=_municipality(area_id),
        level=payload.level,
        rationale=payload.rationale,
        valid_until=payload.valid_until,
        marking=payload.marking,
    )
    # The author reads it: the level they saw computed, from the reports they may see, is their own.
    return Status(201, presenting.override_data(override, computed_level=override.computed_level))


@router.get(
    "/compare",
    response=ComparisonRead,
    summary="The theatre's north group against the rest (in Kosovo: north of the Ibar)",
)
def compare(request: HttpRequest, params: Query[CompareQuery]) -> dict:
    if params.window not in WINDOWS:
        raise HttpError(422, f"window: one of {', '.join(map(str, WINDOWS))} days")
    at = _at(params)
    return presenting.comparison_data(
        compare_north_south(user=request.user, at=at, window_days=params.window), at=at
    )


@router.get("/rules", response=RuleSetRead, summary="The threat-level rule set in force")
def rules(request: HttpRequest) -> dict:
    return {
        "file": rules_file().name,
        "rules": [
            {
                "id": rule.id,
                "level": rule.level,
                "metric": rule.metric,
                "window": rule.window,
                "at_least": rule.at_least,
                "categories": list(rule.categories),
                "condition": rule.condition,
                "why": rule.why,
            }
            for rule in active_rules()
        ],
    }

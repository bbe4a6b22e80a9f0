"""The assessment pages: every municipality in one table, one area in depth, and north against south."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from peacekeeper.access.marking import banner
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.access.releasing import default_marking
from peacekeeper.assessment import charts, presenting, snapshots
from peacekeeper.assessment.area_report import area_report
from peacekeeper.assessment.assessing import assess
from peacekeeper.assessment.comparison import compare_north_south
from peacekeeper.assessment.figures import BASELINE_DAYS, WINDOWS
from peacekeeper.assessment.forms import AtForm, OverrideForm
from peacekeeper.assessment.overrides import may_override
from peacekeeper.assessment.rules import active_rules, rules_file
from peacekeeper.core.errors import InputError, NotAllowed, show_on_form
from peacekeeper.events.taxonomy import get_category
from peacekeeper.theatre.models import Area
from peacekeeper.theatre.regions import theatre_regions


def _banner(label_ids) -> dict:
    # The assessment knows the labels behind its figures by id.
    return banner(ReleaseLabel.objects.filter(pk__in=list(label_ids)))


def _row(area: dict) -> dict:
    return {
        **area,
        "url": reverse("assessment:area", args=[area["id"]]) if area["id"] else None,
        "spark": charts.sparkline(area["daily_counts"]),
        "w7": area["windows"]["7"],
        "w30": area["windows"]["30"],
        "w90": area["windows"]["90"],
    }


@login_required
def table(request: HttpRequest) -> HttpResponse:
    form = AtForm(request.GET or None)
    assessment, _ = assess(user=request.user, at=form.moment())
    if form.moment() is None:
        snapshots.record_daily(user=request.user, assessment=assessment)
    return render(
        request,
        "assessment/table.html",
        {
            "tab": "table",
            "form": form,
            "at": assessment.at,
            "rows": [_row(presenting.area_data(area)) for area in assessment.areas],
            "country": _row(presenting.area_data(assessment.country)),
            "windows": WINDOWS,
            "baseline_days": BASELINE_DAYS,
            "rules_file": rules_file().name,
            "north_group": theatre_regions().north.name,
            **_banner(assessment.label_ids),
        },
    )


def _override_form(request: HttpRequest) -> OverrideForm:
    initial = {
        "level": 3,
        "valid_until": (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0),
        "marking": default_marking(request.user),
    }
    return OverrideForm(initial=initial)


@login_required
def area(request: HttpRequest, area_id: int) -> HttpResponse:
    municipality = get_object_or_404(Area, pk=area_id, level=Area.Level.MUNICIPALITY)
    override_form = _override_form(request)
    if request.method == "POST":
        override_form = OverrideForm(request.POST)
        if override_form.is_valid():
            try:
                snapshots.override_level(
                    user=request.user,
                    area=municipality,
                    level=override_form.cleaned_data["level"],
                    rationale=override_form.cleaned_data["rationale"],
                    valid_until=override_form.cleaned_valid_until(),
                    marking=override_form.cleaned_data["marking"],
                )
            except (InputError, NotAllowed) as error:
                show_on_form(override_form, error)
            else:
                messages.success(request, f"Override recorded for {municipality.name_en}.")
                return redirect("assessment:area", area_id=municipality.pk)
    form = AtForm(request.GET or None)
    report = area_report(user=request.user, area=municipality, at=form.moment())
    history = report["history"]
    daily = report["area"]["daily_counts"]
    window_90 = report["area"]["windows"]["90"]["by_category"]
    categories = [(get_category(code).label, count) for code, count in window_90.items()]
    return render(
        request,
        "assessment/area.html",
        {
            "form": form,
            "report": report,
            "area": _row(report["area"]),
            "municipality": municipality,
            "explanation": report["explanation"],
            "overrides": report["overrides"],
            "daily_chart": charts.daily_bars(
                daily, first_day=history[-len(daily)]["day"] if daily else "", last_day=report["day"]
            ),
            "category_chart": charts.category_bars(categories),
            "level_chart": charts.level_steps(history, report["overrides"], report["snapshots"]),
            "override_form": override_form if may_override(request.user) else None,
            "rules_file": rules_file().name,
            "rules_count": len(active_rules()),
            "north_group": theatre_regions().north.name,
            **_banner(report["label_ids"]),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    form = AtForm(request.GET or None)
    at = form.moment() or timezone.now()
    try:
        window = int(request.GET.get("window", 30))
    except ValueError:
        window = 30
    window = window if window in WINDOWS else 30
    comparison = compare_north_south(user=request.user, at=at, window_days=window)
    data = presenting.comparison_data(comparison, at=at)
    return render(
        request,
        "assessment/compare.html",
        {
            "tab": "compare",
            "form": form,
            "data": data,
            "windows": WINDOWS,
            "window": window,
            **_banner(comparison.label_ids),
        },
    )

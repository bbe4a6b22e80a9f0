"""The movement screens: the network map with its history and index, and the route planner."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from peacekeeper.access.marking import banner
from peacekeeper.movement import derive, planner
from peacekeeper.movement.chart import index_chart
from peacekeeper.movement.index import __doc__ as INDEX_RULE_TEXT
from peacekeeper.movement.index import daily_index
from peacekeeper.movement.network import current_network
from peacekeeper.movement.states import in_force, overlapping, visible_restrictions

HISTORY_DAYS = 30


@login_required
def network_view(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    first = now - timedelta(days=HISTORY_DAYS - 1)
    # The banner covers every restriction the time slider can show this reader, not only today's.
    shown = overlapping(visible_restrictions(request.user), first, now).select_related("label")
    days = daily_index(user=request.user, first=first.date(), last=now.date(), now=now)
    return render(
        request,
        "movement/network.html",
        {
            **banner(r.label for r in shown),
            "chart": index_chart(days),
            "days": days,
            "index_rule": INDEX_RULE_TEXT.split("\n\n")[1],
            "expiry_hours": {k: int(v.total_seconds() // 3600) for k, v in derive.REPORT_LIFETIME.items()},
            "first": first,
            "now": now,
            "total_km": round(current_network().total_km, 1),
        },
    )


@login_required
def routes_view(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    active = in_force(visible_restrictions(request.user), now).select_related("label")
    return render(
        request,
        "movement/routes.html",
        {
            **banner(r.label for r in active),
            "places": planner.place_names_on_network(),
            "assumptions": planner.assumptions(),
            "query": request.GET,
        },
    )

"""The placemat page and its PDF: troops by nation on the latest placemat on or before a chosen date."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from peacekeeper.access.audit import record_bulk_view
from peacekeeper.access.marking import marking_banner
from peacekeeper.core.errors import InputError
from peacekeeper.forces.charts import placemat_bars
from peacekeeper.forces.layers import visible_camps, visible_units
from peacekeeper.forces.placemat_content import BOUNDARY_ATTRIBUTION, placemat_content
from peacekeeper.forces.placemat_pdf import placemat_pdf
from peacekeeper.forces.placemats import latest_complete_day, parse_day, placemat_dates


def _content(request: HttpRequest, *, width: float):
    requested = request.GET.get("date")
    day = parse_day(requested, default=latest_complete_day(timezone.localdate()))
    content = placemat_content(user=request.user, day=day, width=width)
    camps = list(visible_camps(request.user))
    # Units at a camp the reader may not see are not on the placemat, and not recorded as shown.
    shown = [*camps, *visible_units(request.user).filter(camp__in=camps)]
    record_bulk_view(user=request.user, records=shown, detail=f"placemat {content.placemat.as_of}")
    return content


@login_required
def placemat(request: HttpRequest) -> HttpResponse:
    context = {"dates": placemat_dates(), "requested": request.GET.get("date", "")}
    try:
        content = _content(request, width=460)
    except InputError as error:
        # The page's one field is its date: the refusal is shown beside it.
        context |= {"error": error.errors[0], **marking_banner(None)}
        return render(request, "forces/placemat.html", context, status=400)
    newer = [day for day in context["dates"] if day > content.placemat.as_of]
    context |= {
        # Opened without a date, the page shows the latest complete placemat and says what is newer.
        "newer_partial": newer if not context["requested"] else [],
        "content": content,
        "placemat": content.placemat,
        "total": f"{content.placemat.total:,}",
        "any_inferred": any(figure.name_inferred for figure in content.placemat.nations),
        "bars": placemat_bars(content.placemat),
        "paths": content.drawing.svg_paths(),
        "attribution": BOUNDARY_ATTRIBUTION,
        **marking_banner(content.marking),
    }
    return render(request, "forces/placemat.html", context)


@login_required
def placemat_as_pdf(request: HttpRequest) -> HttpResponse:
    try:
        content = _content(request, width=88)
    except InputError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(placemat_pdf(content), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kfor-placemat-{content.placemat.as_of}.pdf"'
    return response

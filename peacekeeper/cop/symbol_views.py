"""APP-6D symbols as SVG (drawn by peacekeeper/cop/symbols.py)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_GET

from peacekeeper.cop.symbols import SidcError, render_svg

# A symbol is a pure function of its code, so browsers may keep it for a day without asking again.
CACHE_CONTROL = "public, max-age=86400, immutable"


# A symbol reveals nothing, but every page of the app sits behind login; symbols follow suit.
@login_required
@require_GET
def symbol_svg(request: HttpRequest, sidc: str) -> HttpResponse:
    try:
        svg = render_svg(sidc)
    except SidcError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = CACHE_CONTROL
    return response

"""A URL no route matches: under /api/ the API's one error format (a client reads JSON there, e.g. for
/api/events/abc, whose id is no number), elsewhere the site's page."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "Not Found", "errors": []}, status=404)
    return page_not_found(request, exception)

"""The site's refusal and failure pages (403, 500), styled like every page; under /api/ the API's one error
format instead, as `not_found` answers a 404 there."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import permission_denied, server_error


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def forbidden(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": str(exception) or "Forbidden", "errors": []}, status=403)
    return permission_denied(request, exception)


def failed(request: HttpRequest) -> HttpResponse:
    # Django's server_error renders 500.html without a request context, so nothing in it can fail again.
    if _is_api(request):
        return JsonResponse({"detail": "server error", "errors": []}, status=500)
    return server_error(request)

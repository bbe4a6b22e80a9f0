"""Security headers for Wagtail's admin (/cms/), which the site's own policy would break.

The admin runs inline scripts of its own and shows a page's preview in a frame of the same origin; the
public pages keep the project's strict policy (core.middleware). Placed after that middleware, this one
sets the admin's headers first, and the project's `setdefault` leaves them.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CMS_PREFIX = "/cms/"
CMS_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'self'"
)


class CmsSecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(CMS_PREFIX):
            response.headers["Content-Security-Policy"] = CMS_POLICY
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response

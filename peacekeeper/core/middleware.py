"""Security headers Django does not set by itself, and text no database should be given."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

from peacekeeper.core.text import unstorable_field

# Everything is served from this origin: no CDN, no tile server unless a deployment adds one.
_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:{tiles}; script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from urllib.parse import urlsplit

        from django.conf import settings

        self.get_response = get_response
        tile_url = settings.MAP_TILE_URL
        tiles = ""
        if tile_url:
            parts = urlsplit(tile_url.replace("{s}", "a"))
            tiles = f" {parts.scheme}://{parts.netloc.replace('a.', '*.', 1)}" if parts.netloc else ""
        self.policy = _POLICY.format(tiles=tiles)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class UnstorableTextMiddleware:
    """A page's query or form field holding a NUL character or a lone surrogate: a plain 400 naming it.

    Django's form CharFields refuse a NUL, but views read some parameters directly, and PostgreSQL fails
    on a NUL mid-transaction where SQLite would store it. The API checks its own requests, with its JSON
    error (core.parser), so /api/ is left to it.
    """

    _FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/api/"):
            fields = [request.GET]
            if request.method == "POST" and request.content_type in self._FORMS:
                fields.append(request.POST)
            for data in fields:
                if found := unstorable_field(data.lists()):
                    name, problem = found
                    return HttpResponseBadRequest(
                        f"Bad request: the field {name!a} {problem}.\n",
                        content_type="text/plain; charset=utf-8",
                    )
        return self.get_response(request)

"""Security headers Django does not set by itself."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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

"""Caching headers for the public site, so that a reverse proxy or CDN in front of it serves most traffic.

An anonymous visitor's page, feed, sitemap or robots.txt is the same for everyone who asks for it: it is
publicly cacheable for a short while (`PUBLIC_CACHE`), carries its body's hash as its ETag, and a request
that already holds that ETag gets 304 and no body (core.conditional). Everything else stays private:
- a request with a signed-in user (an editor may see what visitors do not; a shared cache must never keep
  it), a response that sets a cookie or put a CSRF token in its body (a form), and one whose view chose its
  own Cache-Control;
- the CMS (/cms/) and every path outside the pages' language prefixes, robots.txt and the sitemap.
`Vary: Cookie` on what is cached, since a signed-in editor's request gets another answer. `Vary:
Accept-Language` only where the answer depends on it: the redirect of `/` to a language (LocaleMiddleware
reads that header, and the language cookie), not robots.txt or the sitemap, which are the same in every
language (LocaleMiddleware adds it to every path without a language prefix).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers

from peacekeeper.core.conditional import etag_matches, etag_of
from peacekeeper.public.middleware import CMS_PREFIX

PUBLIC_MAX_AGE = 120
PUBLIC_CACHE = f"public, max-age={PUBLIC_MAX_AGE}, stale-while-revalidate=60"
PRIVATE_CACHE = "private, no-cache"
SHARED_PATHS = ("/robots.txt", "/sitemap.xml")
LANGUAGE_REDIRECT = (301, 302)


def _shared(path: str) -> bool:
    """Whether the path is one of the site's public documents (a page, a feed, the sitemap or robots)."""
    prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    return path == "/" or path in SHARED_PATHS or path.startswith(prefixes)


def _personal(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    return bool(
        (user is not None and user.is_authenticated)
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


class PublicCachingMiddleware:
    """Placed outside LocaleMiddleware, to see its redirect of `/` and the Vary it adds; request.user, set
    by AuthenticationMiddleware further in, is there when the response comes back out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(CMS_PREFIX):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if request.method not in ("GET", "HEAD") or not _shared(request.path_info):
            return response
        if response.has_header("Cache-Control"):
            return response
        if _personal(request, response):
            response["Cache-Control"] = PRIVATE_CACHE
            patch_vary_headers(response, ("Cookie",))
            return response
        if request.path_info == "/" and response.status_code in LANGUAGE_REDIRECT:
            response["Cache-Control"] = PUBLIC_CACHE
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        if response.status_code != 200 or response.streaming:
            return response
        response["Cache-Control"] = PUBLIC_CACHE
        patch_vary_headers(response, ("Cookie",))
        if request.path_info in SHARED_PATHS:
            _unvary(response, "Accept-Language")
        etag = etag_of(response.content)
        response["ETag"] = etag
        if etag_matches(request, etag):
            return not_modified(response)
        return response


def _unvary(response: HttpResponse, header: str) -> None:
    kept = [
        name
        for name in cc_delim_re.split(response.get("Vary", ""))
        if name and name.lower() != header.lower()
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def not_modified(response: HttpResponse) -> HttpResponse:
    """304 with the headers a cache needs to refresh its copy (RFC 9110 15.4.5)."""
    not_modified = HttpResponseNotModified()
    for header in ("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Vary"):
        if response.has_header(header):
            not_modified[header] = response[header]
    return not_modified

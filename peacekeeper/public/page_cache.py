"""The public site's page cache: an anonymous visitor's page is rendered once per content version, and every
later visitor who asks for it is answered from the serving process's memory.

Why: a page takes some twenty queries and tens of milliseconds to render, and a crowd asks for the same
few pages. caching.py's headers let a reverse proxy or CDN do the same in front of the site; this lets one
machine carry a crowd without one.

What is kept: only pages (200) that caching.py made publicly cacheable (`Cache-Control: public`, no cookie
set), for a request carrying no session cookie and no Authorization: a signed-in editor is never answered
from the cache, nor is what an editor is answered stored in it. The key is the one Django's own cache
middleware builds (`django.utils.cache`): the URL with its query and the request headers the response
varies on (Cookie; Accept-Encoding once gzipped), under the content version.

Why a version: every change that may alter what a page shows (a page saved, published, unpublished, moved
or deleted, a view restriction, an image or document, a bundle imported, a site or language) bumps
`ContentVersion` in its own transaction; every request reads it (one primary-key query), so the change
reaches every worker process at once and no process serves what another has retracted. Entries also
expire with the headers' max-age, so a change that no signal reports lives no longer than a proxy would
keep it anyway.
"""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from http import HTTPStatus

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import cc_delim_re, get_cache_key, learn_cache_key

from peacekeeper.core.conditional import etag_matches
from peacekeeper.public.caching import PUBLIC_MAX_AGE, not_modified
from peacekeeper.public.models import ContentVersion

CACHE_ALIAS = "public_pages"
KEY_PREFIX = "public-page-v"
ROW = 1
VERSION_SQL = "SELECT number FROM public_contentversion WHERE id = %s"  # ContentVersion's table


def content_version() -> int:
    # Every request asks: one indexed read, in SQL of our own (the ORM's compiling costs ten times more).
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL, [ROW])
        row = cursor.fetchone()
    number = row[0] if row else None
    if number is None:
        number = ContentVersion.objects.get_or_create(pk=ROW, defaults={"number": _now_ms()})[0].number
    return number


def bump_content_version(**_signal_arguments) -> None:
    """Receiver of every signal that changes what a public page shows (connected in apps.py); in the
    changing transaction, so a process that reads the new version reads the new content.

    The number is at least the time in milliseconds, and a missing row starts at it: a database emptied
    or restored from a backup moves on past any number under which a process may still hold pages."""
    if not ContentVersion.objects.filter(pk=ROW).update(number=Greatest(F("number") + 1, Value(_now_ms()))):
        ContentVersion.objects.get_or_create(pk=ROW, defaults={"number": _now_ms()})


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def bump_on_change(sender, instance, **kwargs) -> None:
    """post_save and post_delete receiver: a page's row (saved by hand or by the CMS, a draft's included),
    its view restriction, an image or document, a site, a language or an imported bundle."""
    if isinstance(instance, _shown_models()):
        bump_content_version()


@cache
def _shown_models() -> tuple[type, ...]:
    """Every model whose rows a public page shows or is gated by."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction, Site

    from peacekeeper.release.models import BundleImport

    return (
        Page,
        PageViewRestriction,
        CollectionViewRestriction,
        get_image_model(),
        get_document_model(),
        Site,
        Locale,
        BundleImport,
    )


def _anonymous(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "Authorization" not in request.headers


def _publicly_cacheable(response: HttpResponse) -> bool:
    directives = {
        part.strip().split("=", 1)[0].lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return (
        response.status_code == HTTPStatus.OK
        and not response.streaming
        and not response.cookies
        and "public" in directives
        and not directives & {"private", "no-store", "no-cache"}
    )


@contextmanager
def _language_left_out(request: HttpRequest) -> Iterator[None]:
    """Django's cache keys end with the active language, which LocaleMiddleware (further in) sets only after
    the lookup: left out, both keys end alike. What is kept names its language in its URL (`/sq/...`); the
    one answer that depends on the visitor's, the redirect of `/`, is not kept (only pages are: 200)."""
    language = request.__dict__.pop("LANGUAGE_CODE", None)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            yield
    finally:
        if language is not None:
            request.LANGUAGE_CODE = language


class PublicPageCacheMiddleware:
    """Placed outside GZipMiddleware (it keeps each encoding's body as sent) and inside WhiteNoise (static
    files never reach it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.cache = caches[CACHE_ALIAS]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "GET" or not _anonymous(request):
            return self.get_response(request)
        key_prefix = f"{KEY_PREFIX}{content_version()}"
        with _language_left_out(request):
            key = get_cache_key(request, key_prefix, "GET", cache=self.cache)
        cached = self.cache.get(key) if key else None
        if cached is not None:
            if cached.has_header("ETag") and etag_matches(request, cached["ETag"].removeprefix("W/")):
                return not_modified(cached)
            return cached
        response = self.get_response(request)
        if _publicly_cacheable(response):
            with _language_left_out(request):
                stored_key = learn_cache_key(request, response, PUBLIC_MAX_AGE, key_prefix, cache=self.cache)
            self.cache.set(stored_key, response, PUBLIC_MAX_AGE)
        return response

"""`/sitemap.xml`: every live, public page of every language, each with its translations as hreflang
alternates, and `/robots.txt`, which names it. A Serbian page is listed twice, as its two scripts serve it
(`/sr/`, `/sr-cyrl/`: languages.py), and each of its translations names both.

Wagtail's own sitemap (wagtail.contrib.sitemaps) lists the default site's tree only, the English one here,
and writes absolute URLs from the Site record's hostname; this one lists every language's tree and leaves
Django's sitemap framework to put the requested host in front of each path, as the pages' own links do.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from peacekeeper.public.languages import content_language, language_tag, url_languages
from peacekeeper.public.middleware import CMS_PREFIX


class PagesSitemap(Sitemap):
    """The pages of one URL language (`sr-cyrl`: the Serbian pages, under /sr-cyrl/)."""

    def __init__(self, request: HttpRequest, url_language: str) -> None:
        self.request = request
        self.url_language = url_language

    def items(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        homes = site.root_page.get_translations(inclusive=True).filter(
            locale__language_code=content_language(self.url_language)
        )
        pages = Page.objects.none()
        for home in homes:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().select_related("locale").order_by("path")

    def location(self, page: Page) -> str:
        return _location(page, self.url_language, self.request)

    def lastmod(self, page: Page):
        return page.last_published_at or page.latest_revision_created_at

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        translations = _live_translations([url["item"] for url in urls])
        for url in urls:
            url["alternates"] = [
                {
                    "lang_code": language_tag(language),
                    "location": f"{protocol}://{domain}{_location(other, language, self.request)}",
                }
                for other in translations.get(url["item"].translation_key, [])
                for language in url_languages(other.locale.language_code)
            ]
        return urls


def _location(page: Page, url_language: str, request: HttpRequest) -> str:
    with translation.override(url_language):
        return page.get_url(request)


def _live_translations(pages: list[Page]) -> dict:
    """Each translation key's live, public pages (the page itself among them), in one query."""
    keys = {page.translation_key for page in pages}
    found: dict = {}
    for page in (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .order_by("locale__language_code")
    ):
        found.setdefault(page.translation_key, []).append(page)
    return found


def sitemap(request: HttpRequest) -> HttpResponse:
    languages = [code for code, _name in settings.LANGUAGES]
    return sitemap_views.sitemap(request, {code: PagesSitemap(request, code) for code in languages})


def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("public_sitemap"))
    lines = ["User-agent: *", f"Disallow: {CMS_PREFIX}", "Allow: /", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

"""Where a public page is in each language, and the site's navigation in the visitor's language.

A page without a live translation in a language is linked under that language's prefix all the same: the
home page's routing serves the English page there, with a notice in the visitor's language (models.HomePage).
A language is a URL's (languages.py): `sr-cyrl` links the `sr` pages under `/sr-cyrl/`.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from peacekeeper.public.languages import content_language, language_tag


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    language: str = ""
    translated: bool = True
    current: bool = False

    @property
    def tag(self) -> str:
        """The language's BCP 47 tag, for `lang` and `hreflang`."""
        return language_tag(self.language)


def _live_translation(page: Page, language: str) -> Page | None:
    content = content_language(language)
    if page.locale.language_code == content:
        return page if page.live else None
    return page.get_translations().filter(locale__language_code=content).live().public().first()


def url_in_language(page: Page, language: str, request: HttpRequest | None = None) -> str:
    translated = _live_translation(page, language)
    if translated is not None:
        # Wagtail puts a page under the active language's prefix when it shows the page's Locale (sr-cyrl).
        with translation.override(language):
            return translated.get_url(request)
    source = page.get_translation_or_none(Locale.get_default()) or page
    home = source.get_ancestors(inclusive=True).get(depth=2)
    with translation.override(language):
        return reverse("wagtail_serve", args=[source.url_path[len(home.url_path) :]])


def language_links(page: Page | None, request: HttpRequest, languages: list[tuple[str, str]]) -> list[Link]:
    """The switcher: the page in every language (the search page keeps its query)."""
    current = translation.get_language()
    links = []
    for code, name in languages:
        if page is None:
            url = translate_url(request.get_full_path(), code)
            # A path that does not resolve comes back as it was, and `///host/…` is another site to a browser.
            if not url.startswith(f"/{code}/"):
                url = f"/{code}/"
            translated = True
        else:
            url = url_in_language(page, code, request)
            translated = _live_translation(page, code) is not None
        links.append(Link(name, url, language=code, translated=translated, current=code == current))
    return links


def site_navigation(request: HttpRequest, page: Page | None) -> list[Link]:
    """The English home's menu pages, each under the visitor's language, titled in it where translated."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    language = translation.get_language()
    english_home = site.root_page
    current_path = page.url_path if page is not None else ""
    links = []
    for child in english_home.get_children().live().public().in_menu():
        shown = _live_translation(child, language) or child
        links.append(
            Link(
                shown.title,
                url_in_language(child, language, request),
                current=bool(current_path) and current_path.startswith(shown.url_path),
            )
        )
    return links


def home_url(request: HttpRequest) -> str:
    site = Site.find_for_request(request)
    if site is None:
        return "/"
    return url_in_language(site.root_page, translation.get_language(), request)

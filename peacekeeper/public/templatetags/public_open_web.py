"""What every public page says about itself in its <head> for the open web: its canonical URL, its Open
Graph description (for link previews) and where its language's Atom feed is."""

from django import template
from django.http import HttpRequest
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from wagtail.models import Page

from peacekeeper.public.models import NewsPage

register = template.Library()

# Open Graph wants a territory with each language (ogp.me: language_TERRITORY), and cannot say a script.
OG_LOCALES = {"en": "en_GB", "sq": "sq_AL", "sr": "sr_RS", "sr-cyrl": "sr_RS"}
DESCRIPTION_WORDS = 40
OG_IMAGE = "fill-1200x630"


def _description(page: Page) -> str:
    for name in ("search_description", "summary", "intro", "body"):
        text = strip_tags(str(getattr(page, name, "") or "")).strip()
        if text:
            return Truncator(" ".join(text.split())).words(DESCRIPTION_WORDS)
    return ""


def _page_tags(page: Page, request: HttpRequest) -> dict:
    # The page's own URL: an English page shown under /sq/ for want of a translation is the English one.
    language = page.locale.language_code
    alternates = (
        page.get_translations()
        .live()
        .public()
        .exclude(locale__language_code=language)
        .values_list("locale__language_code", flat=True)
    )
    tags = {
        "canonical": request.build_absolute_uri(page.get_url(request)),
        "title": page.seo_title or page.title,
        "type": "article" if isinstance(page, NewsPage) else "website",
        "description": _description(page),
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": sorted(OG_LOCALES.get(code, code) for code in alternates),
    }
    if isinstance(page, NewsPage) and page.image is not None:
        rendition = page.image.get_rendition(OG_IMAGE)
        tags.update(
            image=request.build_absolute_uri(rendition.url),
            image_width=rendition.width,
            image_height=rendition.height,
            image_alt=page.image_alt,
        )
    return tags


@register.inclusion_tag("public/partials/open_web_head.html", takes_context=True)
def open_web_head(context) -> dict:
    request = context["request"]
    page = context.get("page")
    if isinstance(page, Page):
        return {"tags": _page_tags(page, request)}
    language = translation.get_language()
    tags = {
        "title": gettext("KFOR — NATO Mission in Kosovo"),
        "type": "website",
        "locale": OG_LOCALES.get(language, language),
    }
    match = request.resolver_match
    if match is not None and match.url_name == "public_search":
        # The search page's address without its query; an error page (404) names no canonical URL.
        tags["canonical"] = request.build_absolute_uri(request.path)
    return {"tags": tags}
